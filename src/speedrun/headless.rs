//! The dream re-simulated with no window: its whole logic with the run's clock, what a run
//! file records and the pilot's hands, as `verify`, `autoplay` and practice's way to a
//! segment play it.

use bevy::prelude::*;

use crate::core::flow::{AfterLoading, Chapter};
use crate::core::rng::DreamRng;
use crate::level::LevelsSource;

/// Fixed ticks each update when a dream is re-simulated (`verify`, `autoplay`): a slow
/// frame's worth, which play meets too, so the result is the same bits as one tick an update.
pub(crate) const RESIMULATION_TICKS: u32 = 8;

/// A dream's logic with the run's clock, the run's recording and the pilot, headless,
/// `ticks_per_update` fixed ticks each update, begun at the city with `seed`.
pub(crate) fn resimulation_app(levels: &LevelsSource, seed: u64, ticks_per_update: u32) -> App {
    let mut app = crate::core::headless::app(ticks_per_update);
    app.insert_resource(levels.clone())
        .insert_resource(DreamRng::new(Some(seed)))
        .insert_resource(AfterLoading::Dream(Chapter::City))
        .add_plugins((
            crate::core::plugin,
            crate::level::plugin,
            crate::dream::plugin,
            super::timer::plugin,
            super::runs::plugin,
            super::pilot::plugin,
        ));
    crate::core::headless::single_threaded(&mut app);
    app
}
