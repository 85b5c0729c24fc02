//! Runs as replays: a finished run saved with its input frames, seed, category and game
//! version, and `begin-again verify`, which re-simulates one headless and accepts it only
//! when it wakes at the time, splits and final state it claims. Run files from others are
//! untrusted: sizes are limited and every value is checked before it is used.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::autoplay::{begin, format_ticks, headless_app};
use crate::darkening::Worries;
use crate::ending::Ending;
use crate::input::{InputFrame, InputRecording, InputSource};
use crate::river::Heart;
use crate::speedrun::{Category, RunTimer, SPLITS, SeedChoice, Speedrun};
use crate::voices::VoicesHeard;
use crate::walking::Dreamer;

/// The run file format this game writes and reads.
pub const RUN_FORMAT: u32 = 1;
/// The largest run file read (a two-hour run is about 20 MiB).
pub const MAX_RUN_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// The longest run accepted: two hours of ticks.
pub const MAX_RUN_TICKS: u64 = 2 * 60 * 60 * 60;

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
            game_version: crate::GAME_VERSION.into(),
            category,
            seed: world.resource::<crate::rng::DreamRng>().seed(),
            time_ticks: end.game,
            splits: timer.splits.iter().map(|s| s.game).collect(),
            digest: digest(world),
            frames,
        })
    }

    pub fn to_ron(&self) -> String {
        ron::ser::to_string(self).expect("a recording serializes")
    }
}

/// A fingerprint of the dream on waking: position and heading bits, the splits and what was
/// gathered. Two replays agree on it only if they played out the same.
pub fn digest(world: &mut World) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |value: u64| {
        for byte in value.to_le_bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    if let Some(me) = world.query::<&Dreamer>().iter(world).next() {
        feed(u64::from(me.position.x.to_bits()));
        feed(u64::from(me.position.y.to_bits()));
        feed(u64::from(me.yaw.to_bits()));
        feed(u64::from(me.pitch.to_bits()));
        feed(u64::from(me.distance_walked.to_bits()));
    }
    for split in &world.resource::<RunTimer>().splits {
        feed(split.game);
    }
    feed(world.resource::<Heart>().filled() as u64);
    feed(world.resource::<VoicesHeard>().0.len() as u64);
    let worries = *world.resource::<Worries>();
    feed(u64::from(worries.planted));
    hash
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
    if recording.game_version != crate::GAME_VERSION {
        return Err(format!(
            "recorded with game version {}, but this is {}; a run verifies only on the version it was played on",
            recording.game_version,
            crate::GAME_VERSION
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

/// What a re-simulation found.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    pub time_ticks: u64,
    pub splits: Vec<u64>,
}

/// Re-simulates `recording` headless and compares it with what it claims.
pub fn verify(levels_dir: &Path, recording: &Recording) -> Result<Verified, String> {
    check_recording(recording)?;
    let mut app = headless_app(levels_dir, recording.seed);
    app.insert_resource(Speedrun(Some(recording.category)))
        .insert_resource(InputSource::replay(recording.frames.clone()));
    begin(&mut app)?;
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
            format_ticks(recording.time_ticks),
            format_ticks(end.game)
        ));
    }
    if splits != recording.splits {
        let shown = |list: &[u64]| {
            list.iter()
                .map(|&t| format_ticks(t))
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

/// `begin-again verify RUN.ron`.
pub fn verify_command(path: &Path) -> ExitCode {
    let started = std::time::Instant::now();
    let result = read_run_file(path).and_then(|recording| {
        verify(&crate::level::default_levels_dir(), &recording)
            .map(|v| (recording, v))
            .map_err(|why| format!("{}: {why}", path.display()))
    });
    match result {
        Ok((recording, verified)) => {
            let seed = match recording.category.seed {
                SeedChoice::Random => format!(" on seed {}", recording.seed),
                SeedChoice::Set(_) => String::new(),
            };
            println!(
                "verified: {}{seed}, game version {}: {} ({} ticks)",
                recording.category.name(),
                recording.game_version,
                format_ticks(verified.time_ticks),
                verified.time_ticks
            );
            let splits: Vec<String> = SPLITS
                .iter()
                .zip(&verified.splits)
                .map(|(split, &ticks)| format!("{} {}", split.name(), format_ticks(ticks)))
                .collect();
            println!("splits: {}", splits.join(", "));
            println!(
                "re-simulated {} ticks in {:.1} s",
                recording.frames.len(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("rejected: {why}");
            ExitCode::FAILURE
        }
    }
}
