//! Walking: the dreamer's weightless drift (eased start, soft stop), looking around, sliding
//! along towers and staying inside the level — all on the fixed tick.

use std::f32::consts::TAU;

use bevy::math::ops;
use bevy::prelude::*;

use crate::core::flow::{AppState, Chapter, DreamSystems, HoldStill};
use crate::core::input::InputFrame;
use crate::core::ticks::TICK_SECONDS;
pub use crate::level::DREAMER_RADIUS;
use crate::level::{LevelDef, Levels};

/// Top walking speed, metres per second.
pub const WALK_SPEED: f32 = 4.0;
/// How quickly the drift gathers speed (per second): slow enough to feel weightless.
pub const ACCELERATION_RATE: f32 = 3.0;
/// How quickly it settles when the stick is let go: a soft, gliding stop.
pub const STOP_RATE: f32 = 2.2;
pub(crate) const EYE_HEIGHT: f32 = 1.65;
/// Looking straight up or down is not allowed: it would flip the view.
pub(crate) const PITCH_LIMIT: f32 = 1.4;
/// Metres walked per footstep.
pub const STRIDE_LENGTH: f32 = 1.6;
/// Collision is resolved in a few passes so corners between two towers settle.
const COLLISION_PASSES: usize = 4;

/// The dreamer's place on the ground plane and where they look.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Dreamer {
    /// x and z, metres.
    pub position: Vec2,
    /// Where the dreamer stood at the previous tick (for smooth drawing between ticks).
    pub previous_position: Vec2,
    pub velocity: Vec2,
    /// Radians; 0 looks toward −z, positive turns left.
    pub yaw: f32,
    pub previous_yaw: f32,
    pub pitch: f32,
    /// Metres actually walked this chapter.
    pub distance_walked: f32,
}

impl Dreamer {
    pub fn at(position: Vec2, yaw: f32) -> Self {
        Self {
            position,
            previous_position: position,
            velocity: Vec2::ZERO,
            yaw,
            previous_yaw: yaw,
            pitch: 0.0,
            distance_walked: 0.0,
        }
    }

    /// Places the dreamer without any drift carried over.
    pub fn teleport(&mut self, position: Vec2, yaw: f32) {
        *self = Self {
            distance_walked: self.distance_walked,
            ..Self::at(position, yaw)
        };
    }
}

/// The ground-plane direction for a yaw.
pub fn forward(yaw: f32) -> Vec2 {
    let (sin, cos) = ops::sin_cos(yaw);
    Vec2::new(-sin, -cos)
}

/// Right of `forward(yaw)`.
pub fn right(yaw: f32) -> Vec2 {
    let (sin, cos) = ops::sin_cos(yaw);
    Vec2::new(cos, -sin)
}

/// A small round thing the dreamer cannot pass (e.g. the door's pillars).
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Pillar {
    pub position: Vec2,
    pub radius: f32,
}

/// Where the next dream's dreamer appears instead of the chapter's spawn: a postcard's place.
/// Taken (and cleared) when the dreamer appears.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq)]
pub struct StartAt(pub Option<Place>);

/// A place to stand in a chapter, facing `yaw` (radians, 0 toward −z, positive turns left).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub chapter: Chapter,
    pub position: Vec2,
    pub yaw: f32,
}

/// Whether the dreamer can stand at `at` in `level`: inside its bounds, outside every
/// obstacle. (A postcard from elsewhere may name any place at all.)
pub(crate) fn standable(level: &LevelDef, at: Vec2) -> bool {
    at.is_finite()
        && level.bounds.contains(at, DREAMER_RADIUS)
        && level
            .obstacles
            .iter()
            .all(|obstacle| obstacle.clearance(at).0 > DREAMER_RADIUS)
}

pub fn plugin(app: &mut App) {
    app.init_resource::<StartAt>()
        .add_systems(OnEnter(Chapter::City), spawn_dreamer)
        .add_systems(OnEnter(Chapter::Garden), spawn_dreamer)
        .add_systems(FixedUpdate, walk.in_set(DreamSystems::Move));
}

fn spawn_dreamer(
    mut commands: Commands,
    levels: Res<Levels>,
    chapter: Res<State<Chapter>>,
    mut start_at: ResMut<StartAt>,
) {
    let chapter = *chapter.get();
    let level = levels.of(chapter);
    let dreamer = match start_at.0.take() {
        Some(place) if place.chapter == chapter && standable(level, place.position) => {
            Dreamer::at(place.position, place.yaw)
        }
        _ => Dreamer::at(level.spawn.at.vec(), level.spawn.facing.to_radians()),
    };
    commands.spawn((
        Name::new("Dreamer"),
        dreamer,
        DespawnOnExit(chapter),
        DespawnOnExit(AppState::Playing),
    ));
}

fn walk(
    frame: Res<InputFrame>,
    hold_still: Res<HoldStill>,
    levels: Res<Levels>,
    chapter: Res<State<Chapter>>,
    pillars: Query<&Pillar>,
    mut dreamers: Query<&mut Dreamer>,
) {
    let level = levels.of(*chapter.get());
    let pillars: Vec<Pillar> = pillars.iter().copied().collect();
    // While the ending plays the dreamer stands still and lets it come.
    let frame = if hold_still.0 {
        InputFrame::default()
    } else {
        *frame
    };
    for mut dreamer in &mut dreamers {
        step(&mut dreamer, &frame, level, &pillars);
    }
}

/// One tick of walking. Public so tools can reason about the exact motion.
pub fn step(dreamer: &mut Dreamer, frame: &InputFrame, level: &LevelDef, pillars: &[Pillar]) {
    dreamer.previous_position = dreamer.position;
    dreamer.previous_yaw = dreamer.yaw;

    let look = frame.look();
    dreamer.yaw = (dreamer.yaw + look.x).rem_euclid(TAU);
    dreamer.pitch = (dreamer.pitch + look.y).clamp(-PITCH_LIMIT, PITCH_LIMIT);
    // Keep the interpolation from spinning the long way round when yaw wraps.
    if (dreamer.yaw - dreamer.previous_yaw).abs() > std::f32::consts::PI {
        dreamer.previous_yaw += TAU * (dreamer.yaw - dreamer.previous_yaw).signum();
    }

    let wish = frame.movement();
    let target = (forward(dreamer.yaw) * wish.y + right(dreamer.yaw) * wish.x)
        .clamp_length_max(1.0)
        * WALK_SPEED;
    let rate = if wish == Vec2::ZERO {
        STOP_RATE
    } else {
        ACCELERATION_RATE
    };
    let blend = 1.0 - ops::exp(-rate * TICK_SECONDS);
    dreamer.velocity += (target - dreamer.velocity) * blend;
    if wish == Vec2::ZERO && dreamer.velocity.length() < 0.01 {
        dreamer.velocity = Vec2::ZERO;
    }

    let start = dreamer.position;
    let mut position = start + dreamer.velocity * TICK_SECONDS;
    for _ in 0..COLLISION_PASSES {
        let mut pushed = false;
        for obstacle in &level.obstacles {
            // Far towers are passed over without the exact test (pushes move `position`, so
            // each is asked where the dreamer is now).
            if !obstacle.may_touch(position, DREAMER_RADIUS) {
                continue;
            }
            let (clearance, normal) = obstacle.clearance(position);
            if clearance < DREAMER_RADIUS {
                position += normal * (DREAMER_RADIUS - clearance);
                slide(&mut dreamer.velocity, normal);
                pushed = true;
            }
        }
        for pillar in pillars {
            let away = position - pillar.position;
            let distance = away.length();
            let needed = pillar.radius + DREAMER_RADIUS;
            if distance < needed {
                let normal = if distance > 1e-5 {
                    away / distance
                } else {
                    Vec2::X
                };
                position += normal * (needed - distance);
                slide(&mut dreamer.velocity, normal);
                pushed = true;
            }
        }
        let bounded = level.bounds.clamp(position, DREAMER_RADIUS);
        if bounded != position {
            if bounded.x != position.x {
                dreamer.velocity.x = 0.0;
            }
            if bounded.y != position.y {
                dreamer.velocity.y = 0.0;
            }
            position = bounded;
            pushed = true;
        }
        if !pushed {
            break;
        }
    }
    // Wedged between things that push back and forth: stay where we were, which was free.
    if overlaps_anything(position, level, pillars) {
        position = start;
        dreamer.velocity = Vec2::ZERO;
    }
    dreamer.distance_walked += position.distance(start);
    dreamer.position = position;
}

/// Removes the part of the velocity that runs into a surface, keeping the part along it.
fn slide(velocity: &mut Vec2, normal: Vec2) {
    let into = velocity.dot(normal);
    if into < 0.0 {
        *velocity -= normal * into;
    }
}

fn overlaps_anything(position: Vec2, level: &LevelDef, pillars: &[Pillar]) -> bool {
    const TOLERANCE: f32 = 1e-3;
    level
        .obstacles
        .iter()
        .filter(|o| o.may_touch(position, DREAMER_RADIUS))
        .any(|o| o.clearance(position).0 < DREAMER_RADIUS - TOLERANCE)
        || pillars
            .iter()
            .any(|p| position.distance(p.position) < p.radius + DREAMER_RADIUS - TOLERANCE)
        || !level.bounds.contains(position, DREAMER_RADIUS - TOLERANCE)
}
