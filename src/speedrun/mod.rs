//! Speedrunning: the run's timer and splits, personal bests and the ghost's track, run files
//! and `verify`, autoplay's pilot, and LiveSplit. Uses the core, the levels, the dream's logic
//! and saving.

pub mod ghost;
pub mod livesplit;
pub mod pilot;
pub mod practice;
pub mod race;
pub mod records;
pub mod runs;
pub mod timer;
pub mod verify;

use bevy::prelude::*;

use crate::core::flow::{AfterLoading, Chapter};
use crate::core::rng::DreamRng;
use crate::level::LevelsSource;

/// Fixed ticks each update when a dream is re-simulated (`verify`, `autoplay`): a slow
/// frame's worth, which play meets too, so the result is the same bits as one tick an update.
pub const RESIMULATION_TICKS: u32 = 8;

/// The run's clock and splits, practice, and the pilot (records, the ghost and LiveSplit are added by
/// those who keep them: the desktop game and the tests that ask).
pub fn plugin(app: &mut App) {
    app.add_plugins((
        timer::plugin,
        runs::plugin,
        pilot::plugin,
        practice::plugin,
        race::plugin,
    ));
}

/// A dream's whole logic with the run's clock, headless, `ticks_per_update` fixed ticks each
/// update, begun at the city with `seed`. How `verify`, `autoplay` and the tests play a dream
/// with no window.
pub fn headless_app(levels: &LevelsSource, seed: u64, ticks_per_update: u32) -> App {
    let mut app = crate::core::headless::app(ticks_per_update);
    app.insert_resource(levels.clone())
        .insert_resource(DreamRng::new(Some(seed)))
        .insert_resource(AfterLoading::Dream(Chapter::City))
        .add_plugins((
            crate::core::plugin,
            crate::level::plugin,
            crate::dream::plugin,
            plugin,
        ));
    crate::core::headless::single_threaded(&mut app);
    app
}
