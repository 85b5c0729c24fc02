//! Run files: a finished run saved with its input frames, seed, category and game version,
//! and read back as untrusted input: sizes are limited and every value is checked before it
//! is used.

use std::io::Read;
use std::path::Path;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::timer::{Category, RunTimer, SPLITS, SeedChoice, reach_splits};
use crate::core::GAME_VERSION;
use crate::core::fingerprint::Fingerprint;
use crate::core::flow::{AppState, DreamSystems};
use crate::core::input::{InputFrame, InputRecording};
use crate::core::rng::DreamRng;
use crate::core::ticks::TICKS_PER_SECOND;
use crate::dream::darkening::Worries;
use crate::dream::ending::{Awoke, Ending};
use crate::dream::river::Heart;
use crate::dream::voices::VoicesHeard;
use crate::dream::walking::Dreamer;

/// The run file format this game writes and reads.
pub const RUN_FORMAT: u32 = 1;
/// The largest run file read (a two-hour run is about 20 MiB).
pub const MAX_RUN_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// The longest run accepted: two hours of ticks.
pub const MAX_RUN_TICKS: u64 = 2 * 60 * 60 * TICKS_PER_SECOND;

/// A finished run: enough to replay it exactly and to check what it claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recording {
    pub format: u32,
    pub game_version: String,
    pub category: Category,
    pub seed: u64,
    /// Claimed game time, ticks from the first movement to the first frame of the dawn.
    pub time_ticks: u64,
    /// Claimed game time at each split.
    pub splits: Vec<u64>,
    /// A fingerprint of the dream's state on waking (where the dreamer stood, what was done).
    pub digest: u64,
    /// One input frame per tick, from the dream's first tick to its waking.
    pub frames: Vec<InputFrame>,
}

impl Recording {
    /// The recording of the run that has just woken in `world`, if it has.
    pub fn of_finished_run(world: &mut World, category: Category) -> Option<Self> {
        let woke = world.resource::<Ending>().woke_on_tick?;
        let timer = world.resource::<RunTimer>().clone();
        let end = timer.finished()?;
        let frames = world.resource::<InputRecording>().0.clone();
        let frames = frames[..(woke as usize).min(frames.len())].to_vec();
        Some(Self {
            format: RUN_FORMAT,
            game_version: GAME_VERSION.into(),
            category,
            seed: world.resource::<DreamRng>().seed(),
            time_ticks: end.game,
            splits: timer.splits.iter().map(|s| s.game).collect(),
            digest: world.resource::<SealedOnWaking>().0?,
            frames,
        })
    }

    pub fn to_ron(&self) -> String {
        ron::ser::to_string(self).expect("a recording serializes")
    }
}

/// The dream's fingerprint taken on the waking tick itself, whatever runs after it in the same
/// frame (the dawn goes on ticking; a slow frame runs several ticks).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SealedOnWaking(pub Option<u64>);

pub fn plugin(app: &mut App) {
    app.init_resource::<SealedOnWaking>()
        .add_systems(
            OnEnter(AppState::Playing),
            |mut seal: ResMut<SealedOnWaking>| seal.0 = None,
        )
        .add_systems(
            FixedUpdate,
            seal_on_waking
                .after(reach_splits)
                .in_set(DreamSystems::Record),
        );
}

fn seal_on_waking(
    mut awoke: MessageReader<Awoke>,
    dreamers: Query<&Dreamer>,
    timer: Res<RunTimer>,
    heart: Res<Heart>,
    heard: Res<VoicesHeard>,
    worries: Res<Worries>,
    mut seal: ResMut<SealedOnWaking>,
) {
    if awoke.read().count() == 0 {
        return;
    }
    seal.0 = Some(digest(
        dreamers.single().ok(),
        &timer,
        &heart,
        &heard,
        &worries,
    ));
}

/// A fingerprint of the dream on waking: position and heading bits, the splits and what was
/// gathered. Two replays agree on it only if they played out the same.
pub fn digest(
    dreamer: Option<&Dreamer>,
    timer: &RunTimer,
    heart: &Heart,
    heard: &VoicesHeard,
    worries: &Worries,
) -> u64 {
    let mut hash = Fingerprint::new();
    let mut feed = |value: u64| hash.feed_u64(value);
    if let Some(me) = dreamer {
        feed(u64::from(me.position.x.to_bits()));
        feed(u64::from(me.position.y.to_bits()));
        feed(u64::from(me.yaw.to_bits()));
        feed(u64::from(me.pitch.to_bits()));
        feed(u64::from(me.distance_walked.to_bits()));
    }
    for split in &timer.splits {
        feed(split.game);
    }
    feed(heart.filled() as u64);
    feed(heard.0.len() as u64);
    feed(u64::from(worries.planted));
    hash.value()
}

/// Reads a run file, refusing anything too large, malformed or out of range.
pub fn read_run_file(path: &Path) -> Result<Recording, String> {
    let name = path.display();
    let file = std::fs::File::open(path).map_err(|e| format!("{name}: cannot open: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_RUN_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_RUN_FILE_BYTES {
        return Err(format!(
            "{name}: larger than {} MiB; no run is that long",
            MAX_RUN_FILE_BYTES / (1024 * 1024)
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name}: not text (invalid UTF-8 at byte {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    let recording: Recording = ron::from_str(&text).map_err(|e| {
        format!(
            "{name}:{}:{}: {}",
            e.span.start.line, e.span.start.col, e.code
        )
    })?;
    check_recording(&recording).map_err(|why| format!("{name}: {why}"))?;
    Ok(recording)
}

/// Checks what can be checked without simulating.
pub fn check_recording(recording: &Recording) -> Result<(), String> {
    if recording.format != RUN_FORMAT {
        return Err(format!(
            "run format {} is not one this game reads (it reads {RUN_FORMAT})",
            recording.format
        ));
    }
    if recording.game_version != GAME_VERSION {
        return Err(format!(
            "recorded with game version {}, but this is {GAME_VERSION}; a run verifies only on the version it was played on",
            recording.game_version,
        ));
    }
    if let SeedChoice::Set(seed) = recording.category.seed
        && seed != recording.seed
    {
        return Err(format!(
            "the category is set to seed {seed} but the run was played on seed {}",
            recording.seed
        ));
    }
    let frames = recording.frames.len() as u64;
    if frames > MAX_RUN_TICKS {
        return Err(format!(
            "{frames} input frames: longer than the two hours a run may take"
        ));
    }
    if recording.time_ticks > frames {
        return Err(format!(
            "claims {} ticks but holds only {frames} input frames",
            recording.time_ticks
        ));
    }
    if recording.splits.len() != SPLITS.len() {
        return Err(format!(
            "{} split times; a run has {}",
            recording.splits.len(),
            SPLITS.len()
        ));
    }
    for (index, frame) in recording.frames.iter().enumerate() {
        let tick = index + 1;
        if frame.movement.contains(&i8::MIN) {
            return Err(format!(
                "frame {tick}: movement -128 is not a value the game records"
            ));
        }
        if frame
            .look
            .iter()
            .any(|v| !v.is_finite() || v.abs() > std::f32::consts::TAU)
        {
            return Err(format!(
                "frame {tick}: look {:?} is not a turn one tick can make",
                frame.look
            ));
        }
    }
    Ok(())
}
