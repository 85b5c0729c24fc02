//! Run files: a finished run saved with its input frames (run-length encoded), seed,
//! category, simulation and levels, sealed with a fingerprint; read back as untrusted input:
//! sizes are limited (before and after unpacking) and every value is checked before use.

use std::io::Read;
use std::path::Path;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::timer::{Category, RunTimer, SPLITS, SeedChoice, reach_splits};
use crate::core::fingerprint::Fingerprint;
use crate::core::flow::{AppState, DreamSystems};
use crate::core::input::{InputFrame, InputRecording};
use crate::core::rng::DreamRng;
use crate::core::ticks::TICKS_PER_SECOND;
use crate::core::{GAME_VERSION, SIMULATION_VERSION};
use crate::dream::darkening::Worries;
use crate::dream::ending::{Awoke, Ending};
use crate::dream::river::Heart;
use crate::dream::voices::VoicesHeard;
use crate::dream::walking::Dreamer;
use crate::level::Levels;

/// The run file format this game writes. It reads format 1 too.
pub(crate) const RUN_FORMAT: u32 = 2;
/// The largest run file read (a two-hour run of a player's mouse is a few MiB in format 2).
pub const MAX_RUN_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// The longest run accepted: two hours of ticks (also the most frames a file may unpack to).
pub(crate) const MAX_RUN_TICKS: u64 = 2 * 60 * 60 * TICKS_PER_SECOND;

/// A finished run: enough to replay it exactly and to check what it claims. This is what a
/// run file means, whichever format it was written in.
#[derive(Debug, Clone, PartialEq)]
pub struct Recording {
    /// The format the file was read from (`RUN_FORMAT` for a run just played).
    pub format: u32,
    pub game_version: String,
    /// The simulation the run was played on (`core::SIMULATION_VERSION` now).
    pub simulation: u32,
    pub category: Category,
    pub seed: u64,
    /// The fingerprint of the level files it was played on (format 2 on).
    pub levels: Option<u64>,
    /// Claimed game time, ticks from the first movement to the first frame of the dawn.
    pub time_ticks: u64,
    /// Claimed real time over the same span, in ticks of the wall clock (format 2 on).
    pub real_ticks: Option<u64>,
    /// Claimed game time at each split.
    pub splits: Vec<u64>,
    /// The dream's state on waking (where the dreamer stood, what was done).
    pub digest: u64,
    /// What makes this run this run: the simulation, category, seed, levels and the state on
    /// waking together (format 2 on).
    pub fingerprint: Option<u64>,
    /// One input frame per tick, from the dream's first tick to its waking.
    pub frames: Vec<InputFrame>,
}

/// Format 1: every frame written out (2.5 minutes is about 480 KB).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RunFileV1 {
    format: u32,
    game_version: String,
    category: Category,
    seed: u64,
    time_ticks: u64,
    splits: Vec<u64>,
    digest: u64,
    frames: Vec<InputFrame>,
}

/// Format 2: the frames run-length encoded, one run a line: `(ticks, (strafe, forward),
/// (turn, look up), interact)`; every other field as in a RON struct.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RunFileV2 {
    format: u32,
    game_version: String,
    simulation: u32,
    category: Category,
    seed: u64,
    levels: u64,
    time_ticks: u64,
    real_ticks: u64,
    splits: Vec<u64>,
    digest: u64,
    fingerprint: u64,
    frames: Vec<FrameRun>,
}

/// `ticks` ticks of the same input frame.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct FrameRun(u32, [i8; 2], [f32; 2], bool);

/// The simulation a format-1 file was played on: 0.1.0 used the platform's maths library
/// (simulation 1); builds from 0.2.0 that wrote format 1 used the portable one.
fn simulation_of_format_1(game_version: &str) -> u32 {
    if game_version == "0.1.0" { 1 } else { 2 }
}

/// What makes a run this run: change its category, seed, levels or what it did, and this
/// changes.
pub(crate) fn run_fingerprint(
    simulation: u32,
    category: Category,
    seed: u64,
    levels: u64,
    digest: u64,
) -> u64 {
    let mut hash = Fingerprint::new();
    hash.feed_u64(u64::from(simulation));
    hash.feed(category.slug().as_bytes());
    hash.feed_u64(seed);
    hash.feed_u64(levels);
    hash.feed_u64(digest);
    hash.value()
}

impl Recording {
    /// The recording of the run that has just woken in `world`, if it has.
    pub fn of_finished_run(world: &mut World, category: Category) -> Option<Self> {
        let woke = world.resource::<Ending>().woke_on_tick?;
        let timer = world.resource::<RunTimer>().clone();
        let end = timer.finished()?;
        let frames = world.resource::<InputRecording>().0.clone();
        let frames = frames[..(woke as usize).min(frames.len())].to_vec();
        let seed = world.resource::<DreamRng>().seed();
        let levels = world.resource::<Levels>().fingerprint();
        let digest = world.resource::<SealedOnWaking>().0?;
        Some(Self {
            format: RUN_FORMAT,
            game_version: GAME_VERSION.into(),
            simulation: SIMULATION_VERSION,
            category,
            seed,
            levels: Some(levels),
            time_ticks: end.game,
            real_ticks: Some(end.real),
            splits: timer.splits.iter().map(|s| s.game).collect(),
            digest,
            fingerprint: Some(run_fingerprint(
                SIMULATION_VERSION,
                category,
                seed,
                levels,
                digest,
            )),
            frames,
        })
    }

    /// The run as a format-2 file: the header as a RON struct, then one run of equal frames
    /// a line (diff-friendly; an Any% run of the autoplay is a few kilobytes).
    pub fn to_ron(&self) -> String {
        let header = RunFileV2 {
            format: RUN_FORMAT,
            game_version: self.game_version.clone(),
            simulation: self.simulation,
            category: self.category,
            seed: self.seed,
            levels: self.levels.unwrap_or_default(),
            time_ticks: self.time_ticks,
            real_ticks: self.real_ticks.unwrap_or(self.time_ticks),
            splits: self.splits.clone(),
            digest: self.digest,
            fingerprint: self.fingerprint.unwrap_or_default(),
            frames: Vec::new(),
        };
        let pretty = ron::ser::PrettyConfig::default()
            .new_line("\n")
            .indentor("    ");
        let header = ron::ser::to_string_pretty(&header, pretty).expect("a header serializes");
        let mut text = String::from(
            "// Begin Again run file, format 2: a finished run for `begin-again verify`.\n\
             // frames: runs of equal ticks, (ticks, (strafe, forward), (turn, look up), interact).\n",
        );
        let open = header
            .rfind("frames: []")
            .expect("the header ends with its frames");
        text.push_str(&header[..open]);
        text.push_str("frames: [\n");
        for run in run_lengths(&self.frames) {
            text.push_str("        ");
            text.push_str(&ron::ser::to_string(&run).expect("a run of frames serializes"));
            text.push_str(",\n");
        }
        text.push_str("    ]");
        text.push_str(&header[open + "frames: []".len()..]);
        text.push('\n');
        text
    }
}

/// Equal frames in a row, counted.
fn run_lengths(frames: &[InputFrame]) -> Vec<FrameRun> {
    let mut runs: Vec<FrameRun> = Vec::new();
    for frame in frames {
        match runs.last_mut() {
            Some(FrameRun(count, movement, look, interact))
                if *movement == frame.movement
                    && look.map(f32::to_bits) == frame.look.map(f32::to_bits)
                    && *interact == frame.interact
                    && *count < u32::MAX =>
            {
                *count += 1;
            }
            _ => runs.push(FrameRun(1, frame.movement, frame.look, frame.interact)),
        }
    }
    runs
}

/// The dream's fingerprint taken on the waking tick itself, whatever runs after it in the same
/// frame (the dawn goes on ticking; a slow frame runs several ticks).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct SealedOnWaking(pub Option<u64>);

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
    parse_run(&text).map_err(|why| format!("{name}{why}"))
}

/// Parses run file text of either format; a problem comes back as `:LINE:COL: what` or
/// `: what`, to follow the file's name.
pub fn parse_run(text: &str) -> Result<Recording, String> {
    let located = |e: ron::error::SpannedError| {
        format!(":{}:{}: {}", e.span.start.line, e.span.start.col, e.code)
    };
    /// Only the format, to know how to read the rest.
    #[derive(Deserialize)]
    struct Format {
        format: u32,
    }
    let recording = match ron::from_str::<Format>(text).map_err(located)?.format {
        1 => {
            let file: RunFileV1 = ron::from_str(text).map_err(located)?;
            Recording {
                format: file.format,
                simulation: simulation_of_format_1(&file.game_version),
                game_version: file.game_version,
                category: file.category,
                seed: file.seed,
                levels: None,
                time_ticks: file.time_ticks,
                real_ticks: None,
                splits: file.splits,
                digest: file.digest,
                fingerprint: None,
                frames: file.frames,
            }
        }
        2 => {
            let file: RunFileV2 = ron::from_str(text).map_err(located)?;
            Recording {
                format: 2,
                frames: unpack(&file.frames).map_err(|why| format!(": {why}"))?,
                game_version: file.game_version,
                simulation: file.simulation,
                category: file.category,
                seed: file.seed,
                levels: Some(file.levels),
                time_ticks: file.time_ticks,
                real_ticks: Some(file.real_ticks),
                splits: file.splits,
                digest: file.digest,
                fingerprint: Some(file.fingerprint),
            }
        }
        other => {
            return Err(format!(
                ": run format {other} is not one this game reads (it reads 1 and {RUN_FORMAT})"
            ));
        }
    };
    check_recording(&recording).map_err(|why| format!(": {why}"))?;
    Ok(recording)
}

/// The frames of runs, refusing more than a run may hold before unpacking any.
fn unpack(runs: &[FrameRun]) -> Result<Vec<InputFrame>, String> {
    let mut total: u64 = 0;
    for (index, FrameRun(count, ..)) in runs.iter().enumerate() {
        if *count == 0 {
            return Err(format!("frame run {}: holds no ticks", index + 1));
        }
        total += u64::from(*count);
        if total > MAX_RUN_TICKS {
            return Err(format!(
                "more than {MAX_RUN_TICKS} frames (two hours): longer than a run may take"
            ));
        }
    }
    let mut frames = Vec::with_capacity(total as usize);
    for &FrameRun(count, movement, look, interact) in runs {
        let frame = InputFrame {
            movement,
            look,
            interact,
        };
        frames.extend(std::iter::repeat_n(frame, count as usize));
    }
    Ok(frames)
}

/// Checks what can be checked without simulating.
pub(crate) fn check_recording(recording: &Recording) -> Result<(), String> {
    if recording.simulation != SIMULATION_VERSION {
        return Err(format!(
            "played on simulation {} (game version {}), but this game runs simulation \
             {SIMULATION_VERSION}; a run verifies only on the simulation it was played on{}",
            recording.simulation,
            recording.game_version,
            if recording.simulation == 1 {
                " (0.1.0 used this computer's maths library, so its runs could differ between machines)"
            } else {
                ""
            }
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
