//! Begin Again, a first-person dream walk: the app assembled from one plugin per feature.

pub mod audio;
pub mod autopilot;
pub mod autoplay;
pub mod city;
pub mod cli;
pub mod darkening;
pub mod ending;
pub mod flow;
pub mod garden;
pub mod hud;
pub mod input;
pub mod level;
pub mod livesplit;
pub mod lotus;
pub mod menus;
pub mod nav;
pub mod portal;
pub mod records;
pub mod replay;
pub mod river;
pub mod rng;
pub mod saving;
pub mod screenshot;
pub mod settings;
pub mod settings_menu;
pub mod shapes;
pub mod speedrun;
pub mod speedrun_view;
pub mod subtitles;
pub mod visuals;
pub mod voices;
pub mod walking;

use std::path::PathBuf;

use bevy::prelude::*;

/// The game's version, written into recordings.
pub const GAME_VERSION: &str = env!("CARGO_PKG_VERSION");
/// Gameplay ticks per second.
pub const TICK_HZ: f64 = 60.0;

/// Everything that decides what happens in a dream. Needs no window, GPU or sound, so tests
/// and replays run it headless (with `MinimalPlugins` and `StatesPlugin`).
pub struct DreamLogicPlugin {
    pub levels_dir: PathBuf,
    /// `--seed N`; `None` draws a fresh seed for each dream.
    pub seed: Option<u64>,
}

impl Default for DreamLogicPlugin {
    fn default() -> Self {
        Self {
            levels_dir: level::default_levels_dir(),
            seed: None,
        }
    }
}

impl Plugin for DreamLogicPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(Time::<Fixed>::from_hz(TICK_HZ))
            .insert_resource(level::LevelsDir(self.levels_dir.clone()))
            .add_plugins((
                flow::FlowPlugin,
                rng::RngPlugin {
                    fixed_seed: self.seed,
                },
                settings::SettingsPlugin,
                input::InputFramePlugin,
                level::LevelPlugin,
                walking::WalkingPlugin,
                darkening::DarkeningPlugin,
                portal::PortalPlugin,
                garden::GardenLogicPlugin,
                voices::VoicesPlugin,
                lotus::LotusPlugin,
                river::RiverPlugin,
                ending::EndingPlugin,
                speedrun::SpeedrunPlugin,
            ));
    }
}

/// Where the game's assets live: `assets/` in the working directory when it has one (running
/// from the repository), then beside the executable, then the folder this build was made from.
pub fn assets_dir() -> PathBuf {
    let candidates = [
        Some(PathBuf::from("assets")),
        std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join("assets"))),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|dir| dir.join("shaders").is_dir())
        .and_then(|dir| dir.canonicalize().ok())
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets"))
}

/// How the desktop app opens.
#[derive(Debug, Clone)]
pub struct DesktopOptions {
    pub seed: Option<u64>,
    pub window_size: UVec2,
    /// Render every pipeline before the first frame (screenshots must not miss any).
    pub synchronous_pipelines: bool,
    pub after_loading: flow::AfterLoading,
}

impl Default for DesktopOptions {
    fn default() -> Self {
        Self {
            seed: None,
            window_size: UVec2::new(1280, 720),
            synchronous_pipelines: false,
            after_loading: flow::AfterLoading::Title,
        }
    }
}

/// The whole game in a window: logic plus what the player sees, hears and touches.
pub fn desktop_app(options: &DesktopOptions) -> App {
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Begin Again".into(),
                    resolution: (options.window_size.x, options.window_size.y).into(),
                    ..default()
                }),
                ..default()
            })
            .set(bevy::render::RenderPlugin {
                synchronous_pipeline_compilation: options.synchronous_pipelines,
                ..default()
            })
            .set(AssetPlugin {
                file_path: assets_dir().to_string_lossy().into_owned(),
                ..default()
            }),
    )
    .insert_resource(options.after_loading)
    .add_plugins((
        DreamLogicPlugin {
            seed: options.seed,
            ..default()
        },
        input::DeviceInputPlugin,
        visuals::VisualsPlugin,
        city::CityPlugin,
        garden::GardenPlugin,
        hud::HudPlugin,
        subtitles::SubtitlesPlugin,
        river::RiverViewPlugin,
        saving::SavingPlugin,
        settings::SettingsFilePlugin,
        ending::EndingViewPlugin,
        (menus::MenusPlugin, settings_menu::SettingsMenuPlugin),
        audio::SoundPlugin,
        records::RecordsPlugin::default(),
        speedrun_view::SpeedrunViewPlugin,
    ));
    let settings = app.world().resource::<settings::Settings>().clone();
    if settings.livesplit_server {
        app.add_plugins(livesplit::LiveSplitClientPlugin {
            server: livesplit::LiveSplitServer {
                host: settings.livesplit_host,
                port: settings.livesplit_port,
            },
        });
    }
    app
}
