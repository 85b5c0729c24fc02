//! The player's comfort settings: look sensitivity, invert Y, field of view, head bob,
//! reduced motion.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Multiplies mouse and right-stick turning.
    pub mouse_sensitivity: f32,
    pub invert_y: bool,
    /// Vertical field of view, degrees.
    pub field_of_view: f32,
    /// The gentle rise and fall of the view with each stride.
    pub head_bob: bool,
    /// No ripple, no camera sway, no screen effects.
    pub reduced_motion: bool,
    /// Subtitles and captions, with the speaker's name.
    pub subtitles: bool,
    /// Scales all game text.
    pub text_scale: f32,
    /// Volumes, 0 to 1; each part is also scaled by `master_volume`.
    pub master_volume: f32,
    pub music_volume: f32,
    pub voice_volume: f32,
    pub effects_volume: f32,
    /// The run timer on screen (toggled in play with T).
    pub show_timer: bool,
    /// The personal best's ghost walks beside a speedrun.
    pub ghost: bool,
    /// Drive LiveSplit Server over TCP during speedruns.
    pub livesplit_server: bool,
    pub livesplit_host: String,
    pub livesplit_port: u16,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            mouse_sensitivity: 1.0,
            invert_y: false,
            field_of_view: 70.0,
            head_bob: true,
            reduced_motion: false,
            subtitles: true,
            text_scale: 1.0,
            master_volume: 0.8,
            music_volume: 0.8,
            voice_volume: 1.0,
            effects_volume: 0.8,
            show_timer: true,
            ghost: true,
            livesplit_server: false,
            livesplit_host: "localhost".into(),
            livesplit_port: 16834,
        }
    }
}

impl Settings {
    /// Head bob shows only when asked for and motion is not reduced.
    pub fn bob_enabled(&self) -> bool {
        self.head_bob && !self.reduced_motion
    }
}

pub struct SettingsPlugin;

impl Plugin for SettingsPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Settings>();
    }
}

/// Reads the settings file: the defaults when there is none; a broken one is moved aside,
/// reported, and the defaults used.
pub fn load_settings(path: &Path) -> (Settings, Option<String>) {
    match crate::saving::read_or_set_aside::<Settings>(path, |_| Ok(())) {
        Ok(settings) => (settings.unwrap_or_default(), None),
        Err(problem) => (
            Settings::default(),
            Some(format!("{problem}; using the default settings")),
        ),
    }
}

/// Where the settings live between launches.
#[derive(Resource, Debug, Clone)]
pub struct SettingsFile(pub PathBuf);

/// Keeps the settings between launches: read at start, written (atomically, the last copy
/// kept) whenever they change.
pub struct SettingsFilePlugin;

impl Plugin for SettingsFilePlugin {
    fn build(&self, app: &mut App) {
        let file = crate::saving::data_dir().join("settings.ron");
        let (settings, problem) = load_settings(&file);
        if let Some(problem) = problem {
            warn!("{problem}");
        }
        app.insert_resource(settings)
            .insert_resource(SettingsFile(file))
            .add_systems(Last, save_settings.run_if(resource_changed::<Settings>));
    }
}

fn save_settings(settings: Res<Settings>, file: Res<SettingsFile>) {
    if settings.is_added() {
        return;
    }
    let text = ron::ser::to_string_pretty(&*settings, ron::ser::PrettyConfig::default())
        .expect("settings serialize");
    if let Err(error) = crate::saving::write_atomically(&file.0, &text) {
        error!("{}: cannot save the settings: {error}", file.0.display());
    }
}
