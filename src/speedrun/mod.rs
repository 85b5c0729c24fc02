//! Speedrunning: the run's timer and splits, personal bests and the ghost's track, run files
//! and `verify`, autoplay's pilot, LiveSplit, and what a dream keeps (its bloom, the chapter
//! reached). Uses the core, the levels, the dream's logic
//! and saving.

pub mod autoplay;
pub mod bests;
pub mod ghost;
pub mod headless;
pub mod keepsakes;
pub mod livesplit;
pub mod pilot;
pub mod practice;
pub mod race;
pub mod records;
pub mod runs;
pub mod timer;
pub mod verify;

use bevy::prelude::*;

use crate::level::LevelsSource;

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

/// A dream's whole logic with the run's clock, practice and racing, headless,
/// `ticks_per_update` fixed ticks each update, begun at the city with `seed`. How the tests
/// play a dream with no window (`verify` and `autoplay` use [`headless::resimulation_app`]).
pub fn headless_app(levels: &LevelsSource, seed: u64, ticks_per_update: u32) -> App {
    let mut app = headless::resimulation_app(levels, seed, ticks_per_update);
    app.add_plugins((practice::plugin, race::plugin));
    crate::core::headless::single_threaded(&mut app);
    app
}
