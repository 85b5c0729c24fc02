//! Begin Again, a first-person dream walk. The crate is a house of seven parts, each using
//! only the parts before it (see ARCHITECTURE.md): `core`, `level`, `saving`, `dream`,
//! `speedrun`, `view` and `cli`. This file only declares them and assembles the app.

pub mod cli;
pub mod core;
pub mod dream;
pub mod level;
pub mod saving;
pub mod speedrun;
pub mod view;

use bevy::asset::io::AssetSourceId;
use bevy::prelude::*;

use crate::core::flow::AfterLoading;
use crate::core::rng::DreamRng;
use crate::level::LevelsSource;

/// Everything that decides what happens in a dream. Needs no window, GPU or sound, so tests
/// and replays run it headless.
#[derive(Default)]
pub(crate) struct DreamLogicPlugin {
    /// The built-in levels, or a folder of them (`--levels DIR`).
    pub levels: LevelsSource,
    /// `--seed N`; `None` draws a fresh seed for each dream.
    pub seed: Option<u64>,
}

impl Plugin for DreamLogicPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(self.levels.clone())
            .insert_resource(DreamRng::new(self.seed))
            .add_plugins((core::plugin, level::plugin, dream::plugin, speedrun::plugin));
    }
}

/// How the desktop app opens.
#[derive(Debug, Clone)]
pub(crate) struct DesktopOptions {
    pub seed: Option<u64>,
    pub levels: LevelsSource,
    pub window_size: UVec2,
    /// Render every pipeline before the first frame (screenshots must not miss any).
    pub synchronous_pipelines: bool,
    pub after_loading: AfterLoading,
    /// A verified run to race (`--ghost RUN.ron`).
    pub race: Option<speedrun::race::Rival>,
    /// Nobody at the window (screenshots, `bench`): frames as fast as they come, never held
    /// to the display's refresh, slowed or paused because the window is not in focus.
    pub unattended: bool,
    /// A render quality for this session only, not saved (`--quality`).
    pub quality: Option<core::settings::Quality>,
}

impl Default for DesktopOptions {
    fn default() -> Self {
        Self {
            seed: None,
            levels: LevelsSource::BuiltIn,
            window_size: UVec2::new(1280, 720),
            synchronous_pipelines: false,
            after_loading: AfterLoading::Title,
            race: None,
            unattended: false,
            quality: None,
        }
    }
}

/// The whole game in a window: logic plus what the player sees, hears and touches, and what
/// it keeps between launches.
pub(crate) fn desktop_app(options: &DesktopOptions) -> App {
    let mut app = App::new();
    // The assets travel inside the binary: Bevy reads them from there, wherever it runs.
    app.register_asset_source(AssetSourceId::Default, view::assets::built_in_source());
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Begin Again".into(),
                    resolution: (options.window_size.x, options.window_size.y).into(),
                    present_mode: if options.unattended {
                        bevy::window::PresentMode::AutoNoVsync
                    } else {
                        bevy::window::PresentMode::Fifo
                    },
                    ..default()
                }),
                ..default()
            })
            .set(bevy::render::RenderPlugin {
                synchronous_pipeline_compilation: options.synchronous_pipelines,
                ..default()
            }),
    )
    .insert_resource(options.after_loading)
    .insert_resource(speedrun::race::Race(options.race.clone()))
    .add_plugins((
        DreamLogicPlugin {
            levels: options.levels.clone(),
            seed: options.seed,
        },
        saving::plugin,
        speedrun::records::plugin,
        speedrun::keepsakes::plugin,
        view::plugin,
    ));
    if options.unattended {
        app.insert_resource(view::window::Unattended);
    }
    if let Some(quality) = options.quality {
        // Set before the first frame, while the settings count as just loaded: never saved.
        app.world_mut()
            .resource_mut::<core::settings::Settings>()
            .quality = quality;
    }
    let settings = app.world().resource::<core::settings::Settings>().clone();
    if settings.livesplit_server {
        app.insert_resource(speedrun::livesplit::LiveSplitServer {
            host: settings.livesplit_host,
            port: settings.livesplit_port,
        })
        .add_plugins(speedrun::livesplit::client_plugin);
    }
    app
}
