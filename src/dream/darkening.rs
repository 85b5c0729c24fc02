//! The city and its darkening: footsteps that ring the next chord of a slow progression, and
//! the warmth that drains with every metre walked (never with time) while worries cling.

use bevy::prelude::*;

use super::walking::{Dreamer, STRIDE_LENGTH};
use crate::core::flow::{AppState, Chapter, DreamSystems};
use crate::level::Levels;

/// Chords in the footstep progression.
pub const CHORD_COUNT: u32 = 8;

/// How much warmth and ease is left: 1 at dusk, falling to `floor` as the dreamer walks on.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct Warmth {
    pub value: f32,
    pub floor: f32,
}

impl Default for Warmth {
    fn default() -> Self {
        Self {
            value: 1.0,
            floor: 0.2,
        }
    }
}

impl Warmth {
    /// 0 at full warmth, 1 at the floor.
    pub fn coldness(&self) -> f32 {
        ((1.0 - self.value) / (1.0 - self.floor).max(1e-6)).clamp(0.0, 1.0)
    }

    pub fn at_floor(&self) -> bool {
        self.value <= self.floor
    }

    /// Warmth after walking `walked` metres of a `distance`-metre darkening: an eased fall
    /// that lands exactly on the floor at the end.
    pub fn after(walked: f32, distance: f32, floor: f32) -> Self {
        let t = (walked / distance).clamp(0.0, 1.0);
        let value = if t >= 1.0 {
            floor
        } else {
            1.0 - (1.0 - floor) * t * t * (3.0 - 2.0 * t)
        };
        Self { value, floor }
    }
}

/// The worries the dreamer carries (small dark stones) and how many are planted.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Worries {
    pub carried: u32,
    pub planted: u32,
    /// How many cling by the time the warmth is gone.
    pub total: u32,
}

/// A footstep rang out, playing the next chord of the progression.
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub struct Footstep {
    /// Which chord of the progression, 0..CHORD_COUNT.
    pub chord: u32,
    /// The warmth as it rang: a cold step falters.
    pub warmth: f32,
    pub position: Vec2,
    pub chapter: Chapter,
}

/// Another worry clung to the dreamer.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorryClung {
    pub carried: u32,
}

/// The stride: where the next footstep falls and which chord it rings.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Stride {
    pub next_step_at: f32,
    pub next_chord: u32,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Warmth>()
        .init_resource::<Worries>()
        .init_resource::<Stride>()
        .add_message::<Footstep>()
        .add_message::<WorryClung>()
        .add_systems(OnEnter(AppState::Playing), reset_worries)
        .add_systems(OnEnter(Chapter::City), begin_city)
        .add_systems(OnEnter(Chapter::Garden), begin_stride)
        .add_systems(
            FixedUpdate,
            (drain_warmth, ring_footsteps)
                .chain()
                .in_set(DreamSystems::Darkening),
        );
}

fn reset_worries(mut worries: ResMut<Worries>, levels: Res<Levels>) {
    *worries = Worries {
        total: levels.city.worries,
        ..default()
    };
}

fn begin_city(mut warmth: ResMut<Warmth>, mut stride: ResMut<Stride>, levels: Res<Levels>) {
    let floor = levels.city.darkening.map_or(0.2, |d| d.floor);
    *warmth = Warmth { value: 1.0, floor };
    *stride = Stride {
        next_step_at: STRIDE_LENGTH,
        next_chord: 0,
    };
}

fn begin_stride(mut stride: ResMut<Stride>) {
    *stride = Stride {
        next_step_at: STRIDE_LENGTH,
        next_chord: 0,
    };
}

fn ring_footsteps(
    dreamers: Query<&Dreamer>,
    warmth: Res<Warmth>,
    chapter: Res<State<Chapter>>,
    mut stride: ResMut<Stride>,
    mut steps: MessageWriter<Footstep>,
) {
    for dreamer in &dreamers {
        while dreamer.distance_walked >= stride.next_step_at {
            steps.write(Footstep {
                chord: stride.next_chord,
                warmth: warmth.value,
                position: dreamer.position,
                chapter: *chapter.get(),
            });
            stride.next_step_at += STRIDE_LENGTH;
            stride.next_chord = (stride.next_chord + 1) % CHORD_COUNT;
        }
    }
}

fn drain_warmth(
    dreamers: Query<&Dreamer>,
    chapter: Res<State<Chapter>>,
    levels: Res<Levels>,
    mut warmth: ResMut<Warmth>,
    mut worries: ResMut<Worries>,
    mut clung: MessageWriter<WorryClung>,
) {
    if *chapter.get() != Chapter::City {
        return;
    }
    let Some(darkening) = levels.city.darkening else {
        return;
    };
    for dreamer in &dreamers {
        let now = Warmth::after(dreamer.distance_walked, darkening.distance, darkening.floor);
        if now != *warmth {
            *warmth = now;
        }
        // The worries follow the warmth: the last one clings as it reaches its floor.
        let clinging = ((warmth.coldness() * worries.total as f32) + 1e-4).floor() as u32;
        while worries.carried < clinging.min(worries.total) {
            worries.carried += 1;
            clung.write(WorryClung {
                carried: worries.carried,
            });
        }
    }
}
