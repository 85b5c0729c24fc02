//! The blue door: which of the city's candidates this dream uses (by its seed), and walking
//! through it into the garden.

use bevy::prelude::*;
use rand::RngExt;

use super::darkening::Warmth;
use super::walking::{Dreamer, Pillar, forward, right};
use crate::core::flow::{AppState, Chapter, DreamSystems};
use crate::core::rng::DreamRng;
use crate::level::Levels;

/// Width of the opening under the arch, metres.
pub(crate) const DOOR_WIDTH: f32 = 2.4;
/// Height of the arch's crown, metres.
pub(crate) const DOOR_HEIGHT: f32 = 3.9;
/// Radius of each pillar either side of the opening.
pub(crate) const DOOR_PILLAR_RADIUS: f32 = 0.3;

/// The door of this dream.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct Door {
    pub id: String,
    pub position: Vec2,
    /// Radians: the direction the door's front looks.
    pub facing: f32,
}

impl Door {
    /// Signed distance of `p` in front of the door's plane.
    pub fn front_distance(&self, p: Vec2) -> f32 {
        (p - self.position).dot(forward(self.facing))
    }

    /// Distance of `p` along the door's plane from its middle.
    pub fn side_offset(&self, p: Vec2) -> f32 {
        (p - self.position).dot(right(self.facing))
    }

    /// Whether walking from `a` to `b` passes through the opening (either way).
    pub fn crossed(&self, a: Vec2, b: Vec2) -> bool {
        let (da, db) = (self.front_distance(a), self.front_distance(b));
        if (da >= 0.0) == (db >= 0.0) {
            return false;
        }
        let t = da / (da - db);
        let at = a.lerp(b, t);
        self.side_offset(at).abs() < DOOR_WIDTH * 0.5
    }
}

/// The door this dream will open, chosen when the city begins; it appears when the warmth
/// reaches its floor.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct DoorPlan(pub Door);

/// The door appeared, somewhere in the labyrinth.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct DoorAppeared {
    pub door: String,
    pub position: Vec2,
}

/// The dreamer stepped through the door.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct PortalEntered {
    pub door: String,
}

pub fn plugin(app: &mut App) {
    app.add_message::<PortalEntered>()
        .add_message::<DoorAppeared>()
        .add_systems(OnEnter(Chapter::City), plan_door)
        .add_systems(
            FixedUpdate,
            (open_door, walk_through_door)
                .chain()
                .in_set(DreamSystems::Door),
        )
        .add_systems(Update, enter_garden.run_if(on_message::<PortalEntered>));
}

fn plan_door(mut commands: Commands, levels: Res<Levels>, mut rng: ResMut<DreamRng>) {
    let candidates = &levels.city.doors;
    let chosen = &candidates[rng.generator().random_range(0..candidates.len())];
    let door = Door {
        id: chosen.id.clone(),
        position: chosen.at.vec(),
        facing: chosen.facing.to_radians(),
    };
    info!("the door will appear at \"{}\" this dream", door.id);
    commands.insert_resource(DoorPlan(door));
}

/// Opens the planned door the moment the warmth reaches its floor.
fn open_door(
    mut commands: Commands,
    warmth: Res<Warmth>,
    plan: Option<Res<DoorPlan>>,
    doors: Query<(), With<Door>>,
    chapter: Res<State<Chapter>>,
    mut appeared: MessageWriter<DoorAppeared>,
) {
    if *chapter.get() != Chapter::City || !warmth.at_floor() || !doors.is_empty() {
        return;
    }
    let Some(plan) = plan else {
        return;
    };
    let door = plan.0.clone();
    appeared.write(DoorAppeared {
        door: door.id.clone(),
        position: door.position,
    });
    let side = right(door.facing) * (DOOR_WIDTH * 0.5 + DOOR_PILLAR_RADIUS);
    for offset in [side, -side] {
        commands.spawn((
            Name::new("Door pillar"),
            Pillar {
                position: door.position + offset,
                radius: DOOR_PILLAR_RADIUS,
            },
            DespawnOnExit(Chapter::City),
            DespawnOnExit(AppState::Playing),
        ));
    }
    commands.spawn((
        Name::new("The blue door"),
        door,
        DespawnOnExit(Chapter::City),
        DespawnOnExit(AppState::Playing),
    ));
}

fn walk_through_door(
    doors: Query<&Door>,
    dreamers: Query<&Dreamer>,
    chapter: Res<State<Chapter>>,
    mut entered: MessageWriter<PortalEntered>,
) {
    if *chapter.get() != Chapter::City {
        return;
    }
    for door in &doors {
        for dreamer in &dreamers {
            if door.crossed(dreamer.previous_position, dreamer.position) {
                entered.write(PortalEntered {
                    door: door.id.clone(),
                });
            }
        }
    }
}

fn enter_garden(mut next: ResMut<NextState<Chapter>>) {
    NextState::set_if_neq(&mut next, Chapter::Garden);
}
