//! The command line: play (no subcommand), `check` level files, `screenshot` a beat,
//! `autoplay` the dream headless, `verify` a run file, `export-splits` for LiveSplit. Each
//! subcommand is a thin wrapper that prints what the part below it finds.

/// Prints a line to standard output; a closed pipe (`| head`) ends the output quietly rather
/// than with a panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// The same for standard error.
macro_rules! complain {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod args;
mod bench;
mod frame_clock;
mod screenshot;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use bevy::prelude::*;
use clap::{Parser, Subcommand};

use crate::DesktopOptions;
use crate::core::ticks;
use crate::level::LevelsSource;
use crate::saving::write_atomically;
use crate::speedrun::autoplay::{autoplay, autoplay_telling_livesplit};
use crate::speedrun::livesplit::{LiveSplitServer, lss};
use crate::speedrun::race::rival_from_file;
use crate::speedrun::records::{CategoryRecord, load_records, records_path};
use crate::speedrun::runs::read_run_file;
use crate::speedrun::timer::{Category, Route, SPLITS, SeedChoice};
use crate::speedrun::verify::verify;
use args::{ScreenshotArgs, exit_code};

#[derive(Parser, Debug)]
#[command(
    name = "begin-again",
    version,
    about = "Begin Again: a first-person dream walk from a silver city at dusk to waking."
)]
pub(crate) struct Cli {
    /// Seed for every dream this session (otherwise a fresh random seed, shown in the log).
    #[arg(long, global = true)]
    pub seed: Option<u64>,
    /// Play (or check, verify, autoplay) the levels in this folder (its city.ron and
    /// garden.ron) instead of the game's own.
    #[arg(long, global = true, value_name = "DIR")]
    pub levels: Option<PathBuf>,
    /// Race this run file's ghost (a friend's record, a world record): it is verified first,
    /// and refused with the reason if it does not verify.
    #[arg(long, value_name = "RUN.ron")]
    pub ghost: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check level files (default: the levels the game plays); prints FILE:LINE:COL: message per problem.
    Check { files: Vec<PathBuf> },
    /// Render one frame of a level or a beat of the story to a PNG, then exit.
    Screenshot(ScreenshotArgs),
    /// Play the whole dream headless by the level's map and print the tick the dreamer woke.
    Autoplay {
        /// `any`: the shortest way to waking; `full`: every voice, worry and fragment.
        #[arg(long, value_enum)]
        route: Route,
        /// Save the input frames, seed, route and game version here (RON).
        #[arg(long)]
        record: Option<PathBuf>,
        /// Drive LiveSplit Server at HOST:PORT (its TCP server, usually localhost:16834) as a
        /// played run would: to try a layout, or the link.
        #[arg(long, value_name = "HOST:PORT", value_parser = parse_server)]
        livesplit: Option<LiveSplitServer>,
    },
    /// Write a category's splits (personal best, best segments, attempts) as a LiveSplit .lss file.
    ExportSplits {
        /// `any` (Any%) or `full` (100%); with `--seed N` the set-seed category, otherwise random seed.
        #[arg(long, value_enum)]
        category: Route,
        /// Where to write (default: begin-again-CATEGORY.lss here).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Re-simulate a saved run headless; print its verified time, or why it is rejected.
    Verify {
        /// The run file (RON), as the game saves it or `autoplay --record` writes it.
        run: PathBuf,
        /// Print the verdict as one JSON object (for leaderboard tools).
        #[arg(long)]
        json: bool,
    },
    /// Measure re-simulation speed, frame times per scene beside an empty scene, startup and
    /// memory; prints a Markdown table to paste into an issue (see BENCHMARKS.md).
    Bench(bench::BenchArgs),
    /// One scene of `bench`, measured in its own process.
    #[command(hide = true)]
    BenchScene(bench::BenchSceneArgs),
}

fn parse_server(text: &str) -> Result<LiveSplitServer, String> {
    let (host, port) = text
        .rsplit_once(':')
        .ok_or_else(|| format!("expected HOST:PORT, found \"{text}\""))?;
    let port = port
        .parse::<u16>()
        .ok()
        .filter(|&p| p > 0)
        .ok_or_else(|| format!("a port is 1 to 65535, found \"{port}\""))?;
    if host.is_empty() {
        return Err(format!("expected HOST:PORT, found \"{text}\""));
    }
    Ok(LiveSplitServer {
        host: host.to_string(),
        port,
    })
}

/// Runs the command line and returns the process's exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let levels = cli
        .levels
        .clone()
        .map_or(LevelsSource::BuiltIn, LevelsSource::Folder);
    match cli.command {
        None => {
            let race = match &cli.ghost {
                Some(path) => match rival_from_file(&levels, path) {
                    Ok(rival) => {
                        say!(
                            "racing {}: {} in {}, verified",
                            rival.name,
                            rival.category.name(),
                            ticks::format(rival.time_ticks)
                        );
                        Some(rival)
                    }
                    Err(why) => {
                        complain!("refused: {why}");
                        return ExitCode::FAILURE;
                    }
                },
                None => None,
            };
            let options = DesktopOptions {
                seed: cli.seed,
                levels,
                race,
                ..default()
            };
            let exit = crate::desktop_app(&options).run();
            exit_code(&exit)
        }
        Some(Command::Check { files }) => check_command(&files, &levels),
        Some(Command::Screenshot(args)) => screenshot::run(&args, cli.seed, levels),
        Some(Command::Autoplay {
            route,
            record,
            livesplit,
        }) => autoplay_command(&levels, route, cli.seed, record.as_deref(), livesplit),
        Some(Command::ExportSplits { category, out }) => {
            export_splits_command(category, cli.seed, out)
        }
        Some(Command::Verify { run, json }) => verify_command(&levels, &run, json),
        Some(Command::Bench(args)) => bench::run(&args, &levels),
        Some(Command::BenchScene(args)) => bench::scene(&args, cli.seed, levels),
    }
}

/// `begin-again autoplay`.
fn autoplay_command(
    levels: &LevelsSource,
    route: Route,
    seed: Option<u64>,
    record: Option<&Path>,
    livesplit: Option<LiveSplitServer>,
) -> ExitCode {
    let seed = seed.unwrap_or(1);
    let started = Instant::now();
    let most = 60 * 60 * 60;
    let played = match livesplit {
        Some(server) => autoplay_telling_livesplit(levels, route, seed, most, server),
        None => autoplay(levels, route, seed, most),
    };
    let outcome = match played {
        Ok(outcome) => outcome,
        Err(error) => {
            complain!("autoplay failed: {error}");
            return ExitCode::FAILURE;
        }
    };
    say!(
        "{} on seed {seed}: woke on tick {}; run time {} ({} ticks); simulated in {:.1} s",
        outcome.recording.category.route.label(),
        outcome.woke_on_tick,
        ticks::format(outcome.time_ticks),
        outcome.time_ticks,
        started.elapsed().as_secs_f64()
    );
    if let Some(path) = record {
        if let Err(error) = write_atomically(path, &outcome.recording.to_ron()) {
            complain!("{}: cannot write the recording: {error}", path.display());
            return ExitCode::FAILURE;
        }
        say!(
            "recorded {} frames to {}",
            outcome.recording.frames.len(),
            path.display()
        );
    }
    ExitCode::SUCCESS
}

/// `begin-again verify RUN.ron`.
fn verify_command(levels: &LevelsSource, path: &Path, json: bool) -> ExitCode {
    let started = Instant::now();
    let result = read_run_file(path).and_then(|recording| {
        verify(levels, &recording)
            .map(|v| (recording, v))
            .map_err(|why| format!("{}: {why}", path.display()))
    });
    let seconds = started.elapsed().as_secs_f64();
    let (recording, verified) = match result {
        Ok(found) => found,
        Err(why) => {
            if json {
                say!(
                    "{}",
                    serde_json::json!({ "verified": false, "file": path.display().to_string(), "reason": why })
                );
            } else {
                complain!("rejected: {why}");
            }
            return ExitCode::FAILURE;
        }
    };
    let splits: Vec<(&str, u64)> = SPLITS
        .iter()
        .map(|split| split.name())
        .zip(verified.splits.iter().copied())
        .collect();
    let fingerprint = format!("{:016x}", verified.fingerprint);
    if json {
        let real = recording.real_ticks;
        say!(
            "{}",
            serde_json::json!({
                "verified": true,
                "file": path.display().to_string(),
                "category": recording.category.name(),
                "route": recording.category.route.label(),
                "seed": recording.seed,
                "seed_set": matches!(recording.category.seed, SeedChoice::Set(_)),
                "game_version": recording.game_version,
                "simulation": recording.simulation,
                "run_format": recording.format,
                "game_time": ticks::format(verified.time_ticks),
                "game_ticks": verified.time_ticks,
                "real_time_claimed": real.map(ticks::format),
                "real_ticks_claimed": real,
                "splits": splits.iter().map(|(name, time)| serde_json::json!({
                    "split": name, "time": ticks::format(*time), "ticks": time
                })).collect::<Vec<_>>(),
                "fingerprint": fingerprint,
                "levels": recording.levels.map(|l| format!("{l:016x}")),
            })
        );
        return ExitCode::SUCCESS;
    }
    let seed = match recording.category.seed {
        SeedChoice::Random => format!(" on seed {}", recording.seed),
        SeedChoice::Set(_) => String::new(),
    };
    say!(
        "verified: {}{seed}, game version {}: {} ({} ticks)",
        recording.category.name(),
        recording.game_version,
        ticks::format(verified.time_ticks),
        verified.time_ticks
    );
    let shown: Vec<String> = splits
        .iter()
        .map(|(name, time)| format!("{name} {}", ticks::format(*time)))
        .collect();
    say!("splits: {}", shown.join(", "));
    say!("");
    say!("  category      {}", recording.category.name());
    say!("  seed          {}", recording.seed);
    say!(
        "  game version  {} (simulation {}, run format {})",
        recording.game_version,
        recording.simulation,
        recording.format
    );
    say!(
        "  game time     {} ({} ticks, re-simulated)",
        ticks::format(verified.time_ticks),
        verified.time_ticks
    );
    match recording.real_ticks {
        Some(real) => say!(
            "  real time     {} (as claimed: the wall clock cannot be re-simulated)",
            ticks::format(real)
        ),
        None => say!("  real time     not recorded (run format 1)"),
    }
    for (name, time) in &splits {
        say!("  {name:<13} {}", ticks::format(*time));
    }
    say!("  fingerprint   {fingerprint}");
    say!("");
    say!(
        "re-simulated {} ticks in {seconds:.2} s ({:.0}x real time)",
        recording.frames.len(),
        recording.frames.len() as f64 / 60.0 / seconds.max(1e-9)
    );
    ExitCode::SUCCESS
}

/// `begin-again export-splits`.
fn export_splits_command(route: Route, seed: Option<u64>, out: Option<PathBuf>) -> ExitCode {
    let category = Category {
        route,
        seed: seed.map_or(SeedChoice::Random, SeedChoice::Set),
    };
    let (records, problem) = load_records(&records_path(&crate::saving::data_dir()));
    if let Some(problem) = problem {
        complain!("{problem}");
    }
    let record = records.get(category).cloned().unwrap_or_else(|| {
        complain!(
            "no runs of {} yet: the splits have no times",
            category.name()
        );
        CategoryRecord::new(category)
    });
    let out = out.unwrap_or_else(|| PathBuf::from(format!("begin-again-{}.lss", category.slug())));
    match write_atomically(&out, &lss(&record)) {
        Ok(()) => {
            say!(
                "wrote {} ({}, {} attempts)",
                out.display(),
                category.name(),
                record.attempts
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            complain!("{}: cannot write: {error}", out.display());
            ExitCode::FAILURE
        }
    }
}

/// `begin-again check`.
fn check_command(files: &[PathBuf], levels: &LevelsSource) -> ExitCode {
    let report = crate::level::check::check_files(files, levels);
    for line in &report.lines {
        say!("{line}");
    }
    if report.sound {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
