//! `verify`: a run file re-simulated headless, accepted only when it was played on these
//! levels and this simulation and wakes at the time, splits and final state it claims, under
//! the fingerprint it carries.

use bevy::prelude::*;

use super::ghost::{GhostTrack, TrackSoFar};
use super::headless::{RESIMULATION_TICKS, resimulation_app};
use super::runs::{Recording, SealedOnWaking, check_recording, run_fingerprint};
use super::timer::{RunTimer, Speedrun};
use crate::core::SIMULATION_VERSION;
use crate::core::flow::DreamClock;
use crate::core::input::InputSource;
use crate::core::ticks;
use crate::dream::ending::Ending;
use crate::level::{Levels, LevelsSource};

/// What a re-simulation found.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    pub time_ticks: u64,
    pub splits: Vec<u64>,
    /// The run's fingerprint as this game makes it: the same for the same run anywhere.
    pub fingerprint: u64,
}

/// Re-simulates `recording` headless and compares it with what it claims.
pub fn verify(levels: &LevelsSource, recording: &Recording) -> Result<Verified, String> {
    verify_keeping_track(levels, recording).map(|(verified, _)| verified)
}

/// `verify`, keeping the track the run walked: its ghost, for racing it.
pub(crate) fn verify_keeping_track(
    levels: &LevelsSource,
    recording: &Recording,
) -> Result<(Verified, GhostTrack), String> {
    check_recording(recording)?;
    let mut app = resimulation_app(levels, recording.seed, RESIMULATION_TICKS);
    app.insert_resource(Speedrun(Some(recording.category)))
        .insert_resource(InputSource::replay(recording.frames.clone()))
        .add_plugins(super::ghost::plugin);
    crate::dream::begin(&mut app)?;
    let levels = app.world().resource::<Levels>().fingerprint();
    if let Some(played_on) = recording.levels
        && played_on != levels
    {
        return Err(format!(
            "played on other level files (levels {played_on:016x}; these are {levels:016x})"
        ));
    }
    // A few frames pass with no tick while a chapter loads; never more than that.
    let frames = recording.frames.len() as u64;
    let most_updates = frames / u64::from(RESIMULATION_TICKS) + 64;
    let mut updates = 0;
    while app.world().resource::<Ending>().woke_on_tick.is_none() {
        if updates > most_updates || app.world().resource::<DreamClock>().tick > frames + 1 {
            return Err(format!(
                "the inputs run out after {frames} ticks and the dreamer has not woken"
            ));
        }
        app.update();
        updates += 1;
    }
    let timer = app.world().resource::<RunTimer>().clone();
    let Some(end) = timer.finished() else {
        return Err("the dreamer woke but the timer never started".into());
    };
    let splits: Vec<u64> = timer.splits.iter().map(|s| s.game).collect();
    if end.game != recording.time_ticks {
        return Err(format!(
            "claims {} but the inputs wake the dreamer at {}",
            ticks::format(recording.time_ticks),
            ticks::format(end.game)
        ));
    }
    if splits != recording.splits {
        let shown = |list: &[u64]| {
            list.iter()
                .map(|&t| ticks::format(t))
                .collect::<Vec<_>>()
                .join(", ")
        };
        return Err(format!(
            "claims splits {} but the inputs reach them at {}",
            shown(&recording.splits),
            shown(&splits)
        ));
    }
    if let Some(why) = timer.incomplete {
        return Err(format!("not a {} run: {why}", recording.category.name()));
    }
    let Some(digest) = app.world().resource::<SealedOnWaking>().0 else {
        return Err("the dreamer woke but the run was never sealed".into());
    };
    if digest != recording.digest {
        return Err(
            "the inputs wake the dreamer at the claimed time, but not in the state the run claims (edited inputs?)"
                .into(),
        );
    }
    let fingerprint = run_fingerprint(
        SIMULATION_VERSION,
        recording.category,
        recording.seed,
        levels,
        digest,
    );
    if recording
        .fingerprint
        .is_some_and(|claimed| claimed != fingerprint)
    {
        return Err(
            "the run's fingerprint does not match its category, seed and levels (relabelled?)"
                .into(),
        );
    }
    let track = app
        .world_mut()
        .remove_resource::<TrackSoFar>()
        .unwrap_or_default();
    Ok((
        Verified {
            time_ticks: end.game,
            splits,
            fingerprint,
        },
        track.0,
    ))
}
