//! Autoplay: the pilot plays a dream to waking, headless, and the run it played is recorded
//! (optionally told to LiveSplit Server as a played run would be).

use bevy::prelude::*;

use super::headless::{RESIMULATION_TICKS, resimulation_app};
use super::livesplit::{self, LiveSplitServer};
use super::pilot::{Pilot, woken};
use super::runs::Recording;
use super::timer::{Category, Route, SeedChoice, Speedrun};
use crate::core::flow::DreamClock;
use crate::dream::ending::Ending;
use crate::level::LevelsSource;

/// How a finished autoplay went.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub woke_on_tick: u64,
    /// The run's game time, from the first movement to the waking.
    pub time_ticks: u64,
    pub recording: Recording,
}

/// Plays a dream to waking, several ticks an update; gives up after `max_ticks`.
pub fn autoplay(
    levels: &LevelsSource,
    route: Route,
    seed: u64,
    max_ticks: u64,
) -> Result<Outcome, String> {
    autoplay_with(levels, route, seed, max_ticks, |_| {})
}

/// Autoplay telling LiveSplit Server at `server` the run as a played run would (starts,
/// game times, splits), waiting at the end until every command has been handed over.
pub fn autoplay_telling_livesplit(
    levels: &LevelsSource,
    route: Route,
    seed: u64,
    max_ticks: u64,
    server: LiveSplitServer,
) -> Result<Outcome, String> {
    autoplay_with(levels, route, seed, max_ticks, |app| {
        app.insert_resource(server);
        livesplit::client_plugin(app);
    })
}

fn autoplay_with(
    levels: &LevelsSource,
    route: Route,
    seed: u64,
    max_ticks: u64,
    setup: impl FnOnce(&mut App),
) -> Result<Outcome, String> {
    let category = Category {
        route,
        seed: SeedChoice::Set(seed),
    };
    let mut app = resimulation_app(levels, seed, RESIMULATION_TICKS);
    // The pilot's hands are on the controls from the dream's first tick.
    app.insert_resource(Speedrun(Some(category)))
        .insert_resource(Pilot::new(route));
    setup(&mut app);
    crate::core::headless::single_threaded(&mut app);
    crate::dream::begin(&mut app)?;
    while !woken(app.world()) {
        if app.world().resource::<DreamClock>().tick >= max_ticks {
            return Err(format!("the dreamer had not woken after {max_ticks} ticks"));
        }
        app.update();
    }
    let woke = app
        .world()
        .resource::<Ending>()
        .woke_on_tick
        .expect("woken");
    let recording = Recording::of_finished_run(app.world_mut(), category)
        .ok_or("the dreamer woke but the run timer never started")?;
    // Whoever listens (LiveSplit) hears the whole run before the process may end.
    if !livesplit::flush(app.world(), std::time::Duration::from_secs(10)) {
        warn!("LiveSplit Server was not told everything within 10 s");
    }
    Ok(Outcome {
        woke_on_tick: woke,
        time_ticks: recording.time_ticks,
        recording,
    })
}
