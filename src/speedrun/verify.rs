//! `verify`: a run file re-simulated headless, accepted only when it wakes at the time,
//! splits and final state it claims.

use std::path::Path;

use bevy::prelude::*;

use super::runs::{Recording, check_recording, digest};
use super::timer::{RunTimer, Speedrun};
use crate::core::input::InputSource;
use crate::core::ticks;
use crate::dream::ending::Ending;

/// What a re-simulation found.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    pub time_ticks: u64,
    pub splits: Vec<u64>,
}

/// Re-simulates `recording` headless and compares it with what it claims.
pub fn verify(levels_dir: &Path, recording: &Recording) -> Result<Verified, String> {
    check_recording(recording)?;
    let mut app = super::headless_app(levels_dir, recording.seed);
    app.insert_resource(Speedrun(Some(recording.category)))
        .insert_resource(InputSource::replay(recording.frames.clone()));
    crate::dream::begin(&mut app)?;
    // Each update is one tick, except the few frames a chapter takes to load.
    let most_updates = recording.frames.len() as u64 + 64;
    let mut updates = 0;
    while app.world().resource::<Ending>().woke_on_tick.is_none() {
        if updates > most_updates {
            return Err(format!(
                "the inputs run out after {} ticks and the dreamer has not woken",
                recording.frames.len()
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
    if digest(app.world_mut()) != recording.digest {
        return Err(
            "the inputs wake the dreamer at the claimed time, but not in the state the run claims (edited inputs?)"
                .into(),
        );
    }
    Ok(Verified {
        time_ticks: end.game,
        splits,
    })
}
