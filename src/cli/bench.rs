//! `begin-again bench`: one table a player can paste into an issue. Re-simulation speed per
//! route; what a frame costs in each scene next to an empty Bevy scene measured in the same
//! run (so the ratio means the same on a laptop's GPU and on software Vulkan); the game's own
//! CPU time a frame; startup to the first interactive title frame; peak memory. Every figure
//! is a median of several runs, each itself a median of many frames, never a single sample.
//!
//! Scenes are measured in child processes of this same binary (`bench-scene`, hidden): a
//! window and its renderer can be made once per process, and each child's peak memory is its
//! own.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};
use bevy::window::PresentMode;
use clap::{Args, ValueEnum};

use super::args::{Beat, parse_quality, parse_size};
use super::frame_clock::{FrameClock, REPORT, SceneReport, install_frame_clock, median};
use super::screenshot::{self, Finish, Staging};
use crate::DesktopOptions;
use crate::core::flow::AfterLoading;
use crate::core::settings::Quality;
use crate::core::ticks;
use crate::level::LevelsSource;
use crate::speedrun::autoplay::autoplay;
use crate::speedrun::timer::Route;
use crate::speedrun::verify::verify;
use crate::view::screens::menus::Menu;

/// The line a child prints when the title first answers the player.
const READY: &str = "bench-ready";
/// A scene that has not reported by then is stopped and reported as failed.
const CHILD_DEADLINE: Duration = Duration::from_secs(300);
/// Frames rendered after staging before the clock starts: pipelines, fades and the first
/// streaming of instances settle.
const SETTLING_FRAMES: u32 = 12;
/// The scenes timed, the empty one first (every ratio is to it).
const SCENES: [BenchScene; 6] = [
    BenchScene::Empty,
    BenchScene::Title,
    BenchScene::City,
    BenchScene::Garden,
    BenchScene::River,
    BenchScene::Heart,
];

#[derive(Args, Debug, Clone)]
pub struct BenchArgs {
    /// How many times each figure is measured (each run its own process); the table shows
    /// their median.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub runs: u32,
    /// Frames timed in each run of a scene (after it settles); the run's figure is their median.
    #[arg(long, default_value_t = 24, value_parser = clap::value_parser!(u32).range(3..=2000))]
    pub frames: u32,
    /// Window size, WIDTHxHEIGHT.
    #[arg(long, value_parser = parse_size, default_value = "1280x720")]
    pub size: UVec2,
    /// Render quality to measure (default: the one in your settings).
    #[arg(long, value_parser = parse_quality)]
    pub quality: Option<Quality>,
    /// Only the headless figures (re-simulation): no window is opened.
    #[arg(long)]
    pub headless: bool,
}

/// What a `bench-scene` child measures.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenchScene {
    /// A plain Bevy scene: one box on a plane under one shadowed light, nothing of the game.
    Empty,
    /// Start the game and report when the title first answers.
    Startup,
    Title,
    City,
    Garden,
    River,
    Heart,
}

impl BenchScene {
    fn beat(self) -> Option<Beat> {
        match self {
            Self::Empty | Self::Startup => None,
            Self::Title => Some(Beat::Title),
            Self::City => Some(Beat::City),
            Self::Garden => Some(Beat::Garden),
            Self::River => Some(Beat::River),
            Self::Heart => Some(Beat::Heart),
        }
    }

    fn argument(self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::Startup => "startup",
            Self::Title => "title",
            Self::City => "city",
            Self::Garden => "garden",
            Self::River => "river",
            Self::Heart => "heart",
        }
    }
}

#[derive(Args, Debug, Clone)]
pub struct BenchSceneArgs {
    #[arg(long, value_enum)]
    pub scene: BenchScene,
    #[arg(long, default_value_t = 24)]
    pub frames: u32,
    #[arg(long, value_parser = parse_size, default_value = "1280x720")]
    pub size: UVec2,
    #[arg(long, value_parser = parse_quality)]
    pub quality: Option<Quality>,
}

// ---------------------------------------------------------------------------------------------
// The parent: runs everything and prints the table.

pub(crate) fn run(args: &BenchArgs, levels: &LevelsSource) -> ExitCode {
    let quality = args.quality.unwrap_or_else(saved_quality);
    say!("# Begin Again {} — bench", env!("CARGO_PKG_VERSION"));
    say!("");
    say!(
        "- build: {}; {} {}; {} CPU threads",
        if cfg!(debug_assertions) {
            "dev profile"
        } else {
            "release profile"
        },
        std::env::consts::OS,
        std::env::consts::ARCH,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    say!(
        "- every figure is the median of {} runs; a scene's run is itself the median of {} frames",
        args.runs,
        args.frames
    );
    say!("");
    if !resimulation(args.runs, levels) {
        return ExitCode::FAILURE;
    }
    if args.headless {
        return ExitCode::SUCCESS;
    }
    if cfg!(target_os = "linux")
        && std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
    {
        say!("No display: frames, startup and memory were not measured (run under a desktop,");
        say!("or `xvfb-run -a begin-again bench` for software rendering).");
        return ExitCode::SUCCESS;
    }
    let sound = frames(args, quality) & startup(args.runs, quality);
    if sound {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The quality in the player's saved settings (Auto when there are none).
fn saved_quality() -> Quality {
    let file = crate::saving::data_dir().join("settings.ron");
    crate::saving::settings_file::load_settings(&file).0.quality
}

/// Re-simulation, headless, as `autoplay` and `verify` do it. Returns false if it failed.
fn resimulation(runs: u32, levels: &LevelsSource) -> bool {
    say!("## Re-simulation (headless, seed 1, the pilot's way)");
    say!("");
    say!("| what | ticks | game time | wall time | ticks/s | × real time |");
    say!("|---|---:|---:|---:|---:|---:|");
    for route in [Route::Any, Route::Full] {
        let mut seconds = Vec::new();
        let mut played = None;
        for _ in 0..runs {
            let started = Instant::now();
            match autoplay(levels, route, 1, 60 * 60 * 60) {
                Ok(outcome) => played = Some(outcome),
                Err(error) => {
                    complain!("autoplay {} failed: {error}", route.label());
                    return false;
                }
            }
            seconds.push(started.elapsed().as_secs_f64());
        }
        let Some(outcome) = played else {
            return false;
        };
        let ticks = outcome.recording.frames.len() as u64;
        row(
            &format!("autoplay {}", route.label()),
            ticks,
            median(&mut seconds),
        );
        let mut seconds = Vec::new();
        for _ in 0..runs {
            let started = Instant::now();
            if let Err(why) = verify(levels, &outcome.recording) {
                complain!("verify of the {} run failed: {why}", route.label());
                return false;
            }
            seconds.push(started.elapsed().as_secs_f64());
        }
        row(
            &format!("verify {}", route.label()),
            ticks,
            median(&mut seconds),
        );
    }
    say!("");
    true
}

fn row(what: &str, ticks: u64, seconds: f64) {
    let per_second = ticks as f64 / seconds.max(1e-9);
    say!(
        "| {what} | {ticks} | {} | {:.3} s | {:.0} | {:.0}× |",
        ticks::format(ticks),
        seconds,
        per_second,
        per_second / ticks::TICK_HZ
    );
}

/// Frame times per scene, the empty scene first. Returns false if a scene failed.
fn frames(args: &BenchArgs, quality: Quality) -> bool {
    let mut sound = true;
    let mut measured: Vec<(BenchScene, SceneReport)> = Vec::new();
    for scene in SCENES {
        let mut reports = Vec::new();
        for _ in 0..args.runs {
            match measure_scene(scene, args, quality) {
                Ok(report) => reports.push(report),
                Err(why) => {
                    complain!("{}: {why}", scene.argument());
                    sound = false;
                    break;
                }
            }
        }
        if reports.is_empty() {
            continue;
        }
        let mut frame: Vec<f64> = reports.iter().map(|r| r.frame_ms).collect();
        let mut main: Vec<f64> = reports.iter().map(|r| r.main_ms).collect();
        let mut memory: Vec<f64> = reports.iter().filter_map(|r| r.peak_rss_mb).collect();
        let summary = SceneReport {
            frame_ms: median(&mut frame),
            main_ms: median(&mut main),
            peak_rss_mb: (!memory.is_empty()).then(|| median(&mut memory)),
            ..reports[0].clone()
        };
        measured.push((scene, summary));
    }
    let Some((_, empty)) = measured
        .iter()
        .find(|(scene, _)| *scene == BenchScene::Empty)
    else {
        complain!("the empty scene could not be measured: no ratios");
        return false;
    };
    let first = &measured[0].1;
    say!(
        "## Frames at {}×{} (renderer: {}, {}; quality {})",
        args.size.x,
        args.size.y,
        first.adapter,
        first.device,
        measured
            .iter()
            .find(|(scene, _)| *scene != BenchScene::Empty)
            .map_or_else(|| format!("{quality:?}"), |(_, r)| r.quality.clone())
    );
    say!("");
    say!("| scene | frame | × empty | game CPU a frame | × empty | peak memory |");
    say!("|---|---:|---:|---:|---:|---:|");
    for (scene, report) in &measured {
        let name = match scene {
            BenchScene::Empty => "empty Bevy scene",
            other => other.argument(),
        };
        say!(
            "| {name} | {:.1} ms | {:.2} | {:.2} ms | {:.2} | {} |",
            report.frame_ms,
            report.frame_ms / empty.frame_ms,
            report.main_ms,
            report.main_ms / empty.main_ms,
            report
                .peak_rss_mb
                .map_or_else(|| "unknown".to_string(), |mb| format!("{mb:.0} MB"))
        );
    }
    say!("");
    say!("\"game CPU a frame\": the main world's schedules (fixed-step logic, Update, the rest),");
    say!(
        "not the render world; \"frame\": from one frame's start to the next, rendering included."
    );
    say!("");
    sound
}

/// Startup to the first interactive title frame, a fresh process each time.
fn startup(runs: u32, quality: Quality) -> bool {
    let mut seconds = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let result = run_child(
            &[
                "--scene",
                BenchScene::Startup.argument(),
                "--quality",
                quality.argument(),
            ],
            READY,
        );
        match result {
            Ok(_) => seconds.push(started.elapsed().as_secs_f64()),
            Err(why) => {
                complain!("startup: {why}");
                return false;
            }
        }
    }
    say!(
        "Startup to the first interactive title frame: {:.2} s (median of {runs}).",
        median(&mut seconds)
    );
    true
}

fn measure_scene(
    scene: BenchScene,
    args: &BenchArgs,
    quality: Quality,
) -> Result<SceneReport, String> {
    let frames = args.frames.to_string();
    let size = format!("{}x{}", args.size.x, args.size.y);
    let line = run_child(
        &[
            "--scene",
            scene.argument(),
            "--frames",
            &frames,
            "--size",
            &size,
            "--quality",
            quality.argument(),
        ],
        REPORT,
    )?;
    serde_json::from_str(line.trim_start_matches(REPORT))
        .map_err(|error| format!("its report could not be read: {error}"))
}

/// Runs `begin-again bench-scene ARGS…` and returns the first line it prints that starts with
/// `wanted`; the child is then stopped. A child that fails, or says nothing within
/// [`CHILD_DEADLINE`], is an error carrying the end of its log.
fn run_child(arguments: &[&str], wanted: &str) -> Result<String, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let logs = crate::saving::private_temporary_folder("begin-again-bench")
        .map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let log = logs.join("scene.log");
    let log_file = std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
    let mut child = std::process::Command::new(exe)
        .arg("bench-scene")
        .args(arguments)
        .stdout(Stdio::piped())
        .stderr(log_file)
        .spawn()
        .map_err(|e| format!("cannot start: {e}"))?;
    let found = wait_for_line(&mut child, wanted);
    let _ = child.kill();
    let status = child.wait();
    let result = match found {
        Some(line) => Ok(line),
        None => Err(format!(
            "no figures ({}); the end of its log:\n{}",
            match status {
                Ok(status) => status.to_string(),
                Err(error) => error.to_string(),
            },
            tail_of(&log, 8)
        )),
    };
    let _ = std::fs::remove_dir_all(logs);
    result
}

fn wait_for_line(child: &mut Child, wanted: &str) -> Option<String> {
    let stdout = child.stdout.take()?;
    let (lines, arriving) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + CHILD_DEADLINE;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match arriving.recv_timeout(left) {
            Ok(line) if line.starts_with(wanted) => return Some(line),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
}

fn tail_of(log: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

// ---------------------------------------------------------------------------------------------
// The child: one scene in a window.

pub(crate) fn scene(args: &BenchSceneArgs, seed: Option<u64>, levels: LevelsSource) -> ExitCode {
    match args.scene {
        BenchScene::Empty => empty_scene(args),
        BenchScene::Startup => startup_scene(args, seed, levels),
        other => screenshot::stage(
            Staging {
                beat: other.beat(),
                pose: None,
                finish: Finish::Measure(args.frames),
                frames: SETTLING_FRAMES,
                settings: None,
            },
            None,
            args.size,
            args.quality,
            seed,
            levels,
        ),
    }
}

/// A plain Bevy scene in the same kind of window, to set the game's frames beside.
fn empty_scene(args: &BenchSceneArgs) -> ExitCode {
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Begin Again bench: an empty scene".into(),
                    resolution: (args.size.x, args.size.y).into(),
                    present_mode: PresentMode::AutoNoVsync,
                    ..default()
                }),
                ..default()
            })
            .set(bevy::render::RenderPlugin {
                synchronous_pipeline_compilation: true,
                ..default()
            }),
    );
    install_frame_clock(&mut app, args.frames);
    app.add_systems(Startup, spawn_empty_scene)
        .add_systems(Update, settle_then_measure);
    super::args::exit_code(&app.run())
}

fn spawn_empty_scene(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    commands.spawn((
        Camera3d::default(),
        Transform::from_xyz(-2.5, 4.5, 9.0).looking_at(Vec3::ZERO, Vec3::Y),
    ));
    commands.spawn((
        Mesh3d(meshes.add(Plane3d::default().mesh().size(10.0, 10.0))),
        MeshMaterial3d(materials.add(Color::srgb(0.3, 0.5, 0.3))),
    ));
    commands.spawn((
        Mesh3d(meshes.add(Cuboid::new(1.0, 1.0, 1.0))),
        MeshMaterial3d(materials.add(Color::srgb(0.8, 0.7, 0.6))),
        Transform::from_xyz(0.0, 0.5, 0.0),
    ));
    commands.spawn((
        DirectionalLight {
            shadow_maps_enabled: true,
            ..default()
        },
        Transform::from_xyz(4.0, 8.0, 4.0).looking_at(Vec3::ZERO, Vec3::Y),
    ));
}

fn settle_then_measure(mut frames: Local<u32>, mut clock: ResMut<FrameClock>) {
    *frames += 1;
    if *frames == SETTLING_FRAMES {
        clock.measuring = true;
    }
}

/// The game as a player starts it; says so when the title has been on screen a frame.
fn startup_scene(args: &BenchSceneArgs, seed: Option<u64>, levels: LevelsSource) -> ExitCode {
    // Nothing of the player's own folder is read or written by a measure.
    let private = match crate::saving::private_temporary_folder("begin-again-bench-startup") {
        Ok(folder) => {
            crate::saving::use_data_dir(folder.clone());
            folder
        }
        Err(error) => {
            complain!("cannot make a private temporary folder: {error}");
            return ExitCode::FAILURE;
        }
    };
    let options = DesktopOptions {
        seed,
        levels,
        after_loading: AfterLoading::Title,
        quality: args.quality,
        // Measured as the game itself, not as the window's focus paces it.
        unattended: true,
        ..default()
    };
    let mut app = crate::desktop_app(&options);
    app.init_resource::<TitleWatch>()
        .add_systems(Update, watch_the_title.run_if(in_state(Menu::Title)));
    let exit = app.run();
    let _ = std::fs::remove_dir_all(private);
    super::args::exit_code(&exit)
}

/// Once the title's buttons exist, each frame is captured until one shows on screen (a
/// renderer still compiling its pipelines draws black): that is the first frame a player can
/// see and act on.
fn watch_the_title(mut commands: Commands, mut watch: ResMut<TitleWatch>) {
    if watch.waiting {
        return;
    }
    watch.waiting = true;
    commands.spawn(Screenshot::primary_window()).observe(
        |captured: On<ScreenshotCaptured>,
         mut watch: ResMut<TitleWatch>,
         mut exit: MessageWriter<AppExit>| {
            watch.waiting = false;
            if screenshot::shows_something(&captured.image) {
                say!("{READY}");
                watch.waiting = true;
                exit.write(AppExit::Success);
            }
        },
    );
}

/// Whether a capture of the title is on its way.
#[derive(Resource, Default)]
struct TitleWatch {
    waiting: bool,
}
