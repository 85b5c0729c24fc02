//! The pilot: plays the whole dream through the same input frames a player makes, steering
//! by the level's own walk grid. `any` takes the shortest way to waking; `full` hears every
//! voice, plants every worry and gathers every fragment. Autoplay, the tests and the benchmark
//! fly it headless.

use std::f32::consts::{PI, TAU};

use bevy::ecs::system::SystemParam;
use bevy::math::ops;
use bevy::prelude::*;

pub use super::timer::Route;
use crate::core::flow::{Chapter, DreamClock};
use crate::core::input::{FrameInputSystems, InputFrame, replay_frame};
use crate::dream::darkening::Worries;
use crate::dream::ending::Ending;
use crate::dream::lotus::{KNEEL_REACH, River};
use crate::dream::portal::{Door, DoorPlan};
use crate::dream::river::Fragment;
use crate::dream::voices::{VOICE_OPEN_RADIUS, VoiceFlower, VoicesHeard};
use crate::dream::walking::{Dreamer, forward, right};
use crate::level::Levels;
use crate::level::nav::NavGrid;

/// Fastest turn the autopilot makes, radians per tick (a brisk but human turn).
const MAX_TURN: f32 = 0.09;
/// A heading this close to the target's is close enough: like a steady hand, the pilot does
/// not fidget, so its runs hold long stretches of the same frame (and pack small).
const AIM_TOLERANCE: f32 = 0.012;
/// Sideways correction smaller than this is not worth a strafe.
const SIDE_TOLERANCE: f32 = 0.04;
/// A waypoint counts as reached this close, metres.
const ARRIVE: f32 = 0.6;

/// The yaw that looks along `direction`.
pub(crate) fn yaw_toward(direction: Vec2) -> f32 {
    ops::atan2(-direction.x, -direction.y)
}

/// The signed smallest turn from `from` to `to`, radians.
pub(crate) fn turn_between(from: f32, to: f32) -> f32 {
    let mut difference = (to - from).rem_euclid(TAU);
    if difference > PI {
        difference -= TAU;
    }
    difference
}

/// One frame that turns toward `target` and walks when roughly facing it.
pub fn steer_toward(dreamer: &Dreamer, target: Vec2) -> InputFrame {
    let to_target = target - dreamer.position;
    if to_target.length() < 1e-3 {
        return InputFrame::default();
    }
    let turn = turn_between(dreamer.yaw, yaw_toward(to_target));
    let aim = if turn.abs() < AIM_TOLERANCE {
        0.0
    } else {
        turn.clamp(-MAX_TURN, MAX_TURN)
    };
    let look = Vec2::new(aim, -dreamer.pitch.clamp(-MAX_TURN, MAX_TURN));
    // Walk while turning only when the turn is small, so corners are taken cleanly.
    let pace = if turn.abs() < 0.35 {
        1.0
    } else if turn.abs() < 1.2 {
        0.35
    } else {
        0.0
    };
    // Strafe a little to correct drift sideways of the line.
    let side = to_target.normalize().dot(right(dreamer.yaw)) * 0.3;
    let side = if side.abs() < SIDE_TOLERANCE {
        0.0
    } else {
        side
    };
    InputFrame::new(Vec2::new(side, pace), look, false)
}

/// Follows a list of waypoints.
#[derive(Debug, Clone, Default)]
pub struct RouteFollower {
    pub waypoints: Vec<Vec2>,
    next: usize,
}

impl RouteFollower {
    pub fn new(waypoints: Vec<Vec2>) -> Self {
        Self { waypoints, next: 0 }
    }

    pub fn finished(&self) -> bool {
        self.next >= self.waypoints.len()
    }

    /// The frame for this tick, or `None` once the last waypoint is reached.
    pub fn frame(&mut self, dreamer: &Dreamer) -> Option<InputFrame> {
        while let Some(&waypoint) = self.waypoints.get(self.next) {
            if waypoint.distance(dreamer.position) > ARRIVE {
                return Some(steer_toward(dreamer, waypoint));
            }
            self.next += 1;
        }
        None
    }
}

/// What the pilot is doing now.
#[derive(Debug, Clone, PartialEq)]
enum Goal {
    /// Walk to a place (within `reach`).
    Walk(Vec2, f32),
    /// Pace in front of the door until the warmth has gone and it appears.
    AwaitDoor,
    /// Walk through the door.
    ThroughDoor,
    /// Kneel at the lotus and plant every worry.
    Plant,
    /// Let the ending play, skipping each scene.
    SkipScenes,
}

/// Steers a dream to waking by the level's map: while this resource stands, it fills each
/// tick's input frame, as a player's hands would.
#[derive(Resource)]
pub struct Pilot {
    route: Route,
    follower: RouteFollower,
    goal: Option<Goal>,
    toggle: bool,
    /// Skip each scene of the ending (a speedrunner) or watch it through.
    pub skip_scenes: bool,
    /// The walk grids of the city and the garden, made once each.
    grids: [Option<NavGrid>; 2],
}

/// What the pilot reads of the dream each tick.
#[derive(SystemParam)]
pub struct Sight<'w, 's> {
    chapter: Option<Res<'w, State<Chapter>>>,
    levels: Res<'w, Levels>,
    ending: Res<'w, Ending>,
    door_plan: Option<Res<'w, DoorPlan>>,
    doors: Query<'w, 's, (), With<Door>>,
    heard: Res<'w, VoicesHeard>,
    flowers: Query<'w, 's, &'static VoiceFlower>,
    river: Res<'w, River>,
    fragments: Query<'w, 's, &'static Fragment>,
    worries: Res<'w, Worries>,
    dreamers: Query<'w, 's, &'static Dreamer>,
}

impl Sight<'_, '_> {
    fn in_garden(&self) -> bool {
        self.chapter
            .as_ref()
            .is_some_and(|c| *c.get() == Chapter::Garden)
    }

    /// The nearest of `places` to `me`.
    fn nearest(places: impl Iterator<Item = Vec2>, me: Vec2) -> Option<Vec2> {
        places.min_by(|a, b| a.distance(me).total_cmp(&b.distance(me)))
    }
}

pub fn plugin(app: &mut App) {
    app.add_systems(
        FixedPreUpdate,
        fly_the_pilot
            .in_set(FrameInputSystems::Fill)
            .after(replay_frame)
            .run_if(resource_exists::<Pilot>),
    );
}

/// Each tick the pilot reads the dream and writes the frame a player would.
fn fly_the_pilot(sight: Sight, mut pilot: ResMut<Pilot>, mut frame: ResMut<InputFrame>) {
    *frame = pilot.frame(&sight);
}

impl Pilot {
    pub fn new(route: Route) -> Self {
        Self {
            route,
            follower: RouteFollower::default(),
            goal: None,
            toggle: false,
            skip_scenes: true,
            grids: [None, None],
        }
    }

    /// The next goal, read from the state of the dream.
    fn choose(&self, sight: &Sight, me: &Dreamer) -> Goal {
        if sight.ending.scene.is_some() || sight.ending.finished {
            return Goal::SkipScenes;
        }
        if !sight.in_garden() {
            let Some(plan) = &sight.door_plan else {
                return Goal::SkipScenes;
            };
            let door = &plan.0;
            let front = door.position + forward(door.facing) * 3.0;
            if !sight.doors.is_empty() {
                return Goal::ThroughDoor;
            }
            if self.goal == Some(Goal::AwaitDoor) || me.position.distance(front) <= 1.0 {
                return Goal::AwaitDoor;
            }
            return Goal::Walk(front, 0.8);
        }
        if self.route == Route::Full {
            let unheard = sight
                .flowers
                .iter()
                .filter(|v| !sight.heard.0.contains(&v.id))
                .map(|v| v.position);
            if let Some(voice) = Sight::nearest(unheard, me.position) {
                return Goal::Walk(voice, VOICE_OPEN_RADIUS - 1.0);
            }
        }
        if !sight.river.awake {
            let lotus = sight
                .levels
                .garden
                .lotus
                .as_ref()
                .expect("a garden has a lotus");
            let reach = lotus.radius + KNEEL_REACH - 0.6;
            if me.position.distance(lotus.at.vec()) > reach {
                return Goal::Walk(lotus.at.vec(), reach);
            }
            return Goal::Plant;
        }
        match Sight::nearest(sight.fragments.iter().map(|f| f.position), me.position) {
            Some(fragment) => Goal::Walk(fragment, 0.5),
            None => Goal::SkipScenes,
        }
    }

    /// The input frame for the next tick.
    pub fn frame(&mut self, sight: &Sight) -> InputFrame {
        let Some(me) = sight.dreamers.iter().next().copied() else {
            return InputFrame::default();
        };
        let goal = self.choose(sight, &me);
        if self.goal.as_ref() != Some(&goal) {
            self.follower = self.plan(sight, &me, &goal);
            self.goal = Some(goal.clone());
        }
        match goal {
            Goal::Plant => InputFrame::new(
                Vec2::ZERO,
                Vec2::ZERO,
                sight.worries.planted < sight.worries.carried,
            ),
            Goal::SkipScenes => {
                // A fresh press each other tick skips each scene as it begins.
                self.toggle = !self.toggle && self.skip_scenes;
                InputFrame::new(Vec2::ZERO, Vec2::ZERO, self.toggle)
            }
            Goal::AwaitDoor if self.follower.finished() => {
                // Pace away and back: the warmth drains with every metre.
                let Some(plan) = &sight.door_plan else {
                    return InputFrame::default();
                };
                let door = &plan.0;
                let further = door.position + forward(door.facing) * 14.0;
                let front = door.position + forward(door.facing) * 3.0;
                let turn = if me.position.distance(front) < 1.5 {
                    further
                } else {
                    front
                };
                self.follower = RouteFollower::new(vec![turn]);
                self.follower.frame(&me).unwrap_or_default()
            }
            _ => self.follower.frame(&me).unwrap_or_default(),
        }
    }

    /// The walk grid of the chapter the dreamer is in, made the first time it is needed.
    fn grid(&mut self, sight: &Sight) -> &NavGrid {
        let (slot, level) = if sight.in_garden() {
            (1, &sight.levels.garden)
        } else {
            (0, &sight.levels.city)
        };
        self.grids[slot].get_or_insert_with(|| NavGrid::new(level))
    }

    fn plan(&mut self, sight: &Sight, me: &Dreamer, goal: &Goal) -> RouteFollower {
        let door = sight.door_plan.as_ref().map(|plan| plan.0.clone());
        let grid = self.grid(sight);
        match (goal, door) {
            (Goal::Walk(target, reach), _) => RouteFollower::new(
                grid.route(me.position, *target, *reach)
                    .unwrap_or_else(|| vec![*target]),
            ),
            (Goal::ThroughDoor, Some(door)) => {
                let front = door.position + forward(door.facing) * 3.0;
                let mut waypoints = grid.route(me.position, front, 0.5).unwrap_or_default();
                waypoints.extend([door.position, door.position * 2.0 - front]);
                RouteFollower::new(waypoints)
            }
            (Goal::AwaitDoor, Some(door)) => {
                RouteFollower::new(vec![door.position + forward(door.facing) * 14.0])
            }
            _ => RouteFollower::default(),
        }
    }
}

/// Flies `pilot` through a begun dream until `done` says so (checked between updates); gives
/// up after `max_ticks`.
pub fn fly(
    app: &mut App,
    pilot: &mut Pilot,
    max_ticks: u64,
    done: impl Fn(&World) -> bool,
) -> Result<(), String> {
    let route = pilot.route;
    app.insert_resource(std::mem::replace(pilot, Pilot::new(route)));
    let flown = loop {
        if done(app.world()) {
            break Ok(());
        }
        if app.world().resource::<DreamClock>().tick >= max_ticks {
            break Err(format!("the dreamer had not woken after {max_ticks} ticks"));
        }
        app.update();
    };
    if let Some(flew) = app.world_mut().remove_resource::<Pilot>() {
        *pilot = flew;
    }
    flown
}

/// Whether the dreamer has woken.
pub fn woken(world: &World) -> bool {
    world.resource::<Ending>().woke_on_tick.is_some()
}
