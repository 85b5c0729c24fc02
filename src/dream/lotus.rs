//! The luminous lotus: holding Interact beside it, the dreamer kneels and plants the worries
//! one at a time; each cracks open and grows into a young tree, the trees whisper, and when
//! every worry is planted the river wakes.

use std::f32::consts::TAU;

use bevy::math::ops;
use bevy::prelude::*;

use super::darkening::Worries;
use super::voices::VoiceTriggered;
use super::walking::Dreamer;
use crate::core::flow::{AppState, Chapter, DreamClock, DreamSystems, HoldStill};
use crate::core::input::InputFrame;
use crate::level::Levels;

/// Ticks Interact must be held to plant one worry (a slow, deliberate kneel).
pub const PLANT_HOLD_TICKS: u32 = 84;
/// How near the lotus's edge (metres) the dreamer can kneel.
pub const KNEEL_REACH: f32 = 2.5;

/// The dreamer kneeling at the lotus, and how far through planting the next worry.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Kneeling {
    pub kneeling: bool,
    pub held_ticks: u32,
}

impl Kneeling {
    /// 0..1 through planting the next worry.
    pub fn progress(&self) -> f32 {
        self.held_ticks as f32 / PLANT_HOLD_TICKS as f32
    }
}

/// A tree grown from a planted worry.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct WorryTree {
    pub index: u32,
    pub position: Vec2,
    pub planted_on_tick: u64,
}

/// A worry was planted beside the lotus.
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub struct WorryPlanted {
    pub index: u32,
    pub position: Vec2,
}

/// Every worry is planted: the river wakes.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct RiverAwakened;

/// Whether the river is awake in this dream.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct River {
    pub awake: bool,
}

/// Where the tree from worry `index` of `total` grows: a ring around the lotus.
pub(crate) fn tree_spot(lotus_at: Vec2, lotus_radius: f32, index: u32, total: u32) -> Vec2 {
    let angle = TAU * index as f32 / total.max(1) as f32 + 0.4;
    let (sin, cos) = ops::sin_cos(angle);
    lotus_at + Vec2::new(cos, sin) * (lotus_radius + 3.5)
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Kneeling>()
        .init_resource::<River>()
        .add_message::<WorryPlanted>()
        .add_message::<RiverAwakened>()
        .add_systems(OnEnter(AppState::Playing), reset_lotus)
        .add_systems(OnEnter(Chapter::Garden), arrive_with_worries)
        .init_resource::<TreesWhisper>()
        .add_systems(
            FixedUpdate,
            (plant_worries, trees_whisper)
                .chain()
                .in_set(DreamSystems::Lotus),
        );
}

/// Within this far of the lotus's edge (metres), the grown trees whisper to the dreamer.
pub const TREES_HEARD_WITHIN: f32 = 7.0;
/// Further than this from its edge, they fall quiet and will whisper on the next approach.
pub const TREES_QUIET_BEYOND: f32 = 14.0;

/// Whether the grown trees have whispered to the dreamer standing near them now.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TreesWhisper {
    pub whispered_here: bool,
}

/// Once every worry is a tree, the trees whisper each time the dreamer comes back to them
/// (the first whisper is when the last worry is planted, the dreamer kneeling there).
fn trees_whisper(
    levels: Res<Levels>,
    river: Res<River>,
    dreamers: Query<&Dreamer>,
    hold: Res<HoldStill>,
    mut trees: ResMut<TreesWhisper>,
    mut awakened: MessageReader<RiverAwakened>,
    mut voices: MessageWriter<VoiceTriggered>,
) {
    let (Some(lotus), Ok(dreamer)) = (levels.garden.lotus.as_ref(), dreamers.single()) else {
        return;
    };
    if awakened.read().count() > 0 {
        trees.whispered_here = true;
        return;
    }
    // Not over the ending's scenes, nor after the waking.
    if !river.awake || hold.0 {
        return;
    }
    let from_edge = dreamer.position.distance(lotus.at.vec()) - lotus.radius;
    if trees.whispered_here {
        if from_edge > TREES_QUIET_BEYOND {
            trees.whispered_here = false;
        }
    } else if from_edge <= TREES_HEARD_WITHIN {
        trees.whispered_here = true;
        voices.write(VoiceTriggered {
            flower: None,
            spoken: lotus.whisper.clone(),
            position: lotus.at.vec(),
            lingers: false,
        });
    }
}

fn reset_lotus(
    mut kneeling: ResMut<Kneeling>,
    mut river: ResMut<River>,
    mut trees: ResMut<TreesWhisper>,
) {
    *kneeling = Kneeling::default();
    *river = River::default();
    *trees = TreesWhisper::default();
}

/// Stages the lotus as it is once every worry has been planted (screenshots): the trees
/// stand around it and the river is awake. Returns the trees.
pub(crate) fn stage_all_planted(
    commands: &mut Commands,
    lotus: &crate::level::Lotus,
    worries: &mut Worries,
    river: &mut River,
) -> Vec<Entity> {
    let total = worries.total;
    worries.carried = total;
    worries.planted = total;
    river.awake = true;
    (0..total)
        .map(|index| {
            commands
                .spawn((
                    WorryTree {
                        index,
                        position: tree_spot(lotus.at.vec(), lotus.radius, index, total),
                        planted_on_tick: 0,
                    },
                    DespawnOnExit(AppState::Playing),
                ))
                .id()
        })
        .collect()
}

/// A dream begun in the garden (chapter select, a postcard) still carries the city's worries.
fn arrive_with_worries(mut worries: ResMut<Worries>) {
    if worries.carried < worries.total && worries.planted == 0 {
        worries.carried = worries.total;
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "planting touches the dreamer, the worries and the river"
)]
fn plant_worries(
    mut commands: Commands,
    frame: Res<InputFrame>,
    levels: Res<Levels>,
    clock: Res<DreamClock>,
    chapter: Res<State<Chapter>>,
    dreamers: Query<&Dreamer>,
    mut kneeling: ResMut<Kneeling>,
    mut worries: ResMut<Worries>,
    mut river: ResMut<River>,
    mut planted: MessageWriter<WorryPlanted>,
    mut awakened: MessageWriter<RiverAwakened>,
    mut voices: MessageWriter<VoiceTriggered>,
) {
    let Some(lotus) = levels.garden.lotus.as_ref() else {
        return;
    };
    let Ok(dreamer) = dreamers.single() else {
        return;
    };
    let near = dreamer.position.distance(lotus.at.vec()) <= lotus.radius + KNEEL_REACH;
    let left_to_plant = worries.carried.saturating_sub(worries.planted);
    if *chapter.get() != Chapter::Garden || !near || !frame.interact || left_to_plant == 0 {
        *kneeling = Kneeling::default();
        return;
    }
    kneeling.kneeling = true;
    kneeling.held_ticks += 1;
    if kneeling.held_ticks < PLANT_HOLD_TICKS {
        return;
    }
    // One worry goes into the soft earth; holding on plants the next.
    kneeling.held_ticks = 0;
    let index = worries.planted;
    worries.planted += 1;
    let position = tree_spot(lotus.at.vec(), lotus.radius, index, worries.total);
    commands.spawn((
        Name::new(format!("Tree from worry {index}")),
        WorryTree {
            index,
            position,
            planted_on_tick: clock.tick,
        },
        DespawnOnExit(AppState::Playing),
    ));
    planted.write(WorryPlanted { index, position });
    if worries.planted == worries.carried && !river.awake {
        river.awake = true;
        awakened.write(RiverAwakened);
        voices.write(VoiceTriggered {
            flower: None,
            spoken: lotus.whisper.clone(),
            position: lotus.at.vec(),
            lingers: false,
        });
    }
}
