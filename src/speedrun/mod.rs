//! Speedrunning: the run's timer and splits, personal bests and the ghost's track, run files
//! and `verify`, autoplay's pilot, and LiveSplit. Uses the core, the levels, the dream's logic
//! and saving.

pub mod ghost;
pub mod livesplit;
pub mod pilot;
pub mod records;
pub mod runs;
pub mod timer;
pub mod verify;

use std::path::Path;

use bevy::prelude::*;

use crate::core::flow::{AfterLoading, Chapter};
use crate::core::rng::DreamRng;
use crate::level::LevelsDir;

/// The run's clock and splits (records, the ghost and LiveSplit are added by those who keep
/// them: the desktop game and the tests that ask).
pub fn plugin(app: &mut App) {
    app.add_plugins(timer::plugin);
}

/// A dream's whole logic with the run's clock, headless: one fixed tick per update, begun at
/// the city with `seed`. How `verify`, `autoplay` and the tests play a dream with no window.
pub fn headless_app(levels_dir: &Path, seed: u64) -> App {
    let mut app = crate::core::headless::app();
    app.insert_resource(LevelsDir(levels_dir.to_owned()))
        .insert_resource(DreamRng::new(Some(seed)))
        .insert_resource(AfterLoading::Dream(Chapter::City))
        .add_plugins((
            crate::core::plugin,
            crate::level::plugin,
            crate::dream::plugin,
            plugin,
        ));
    app
}
