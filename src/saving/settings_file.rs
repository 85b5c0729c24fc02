//! The settings file: read when the game starts (a broken one set aside, the defaults used),
//! saved whenever a setting changes.

use std::path::{Path, PathBuf};

use bevy::prelude::*;

use super::files::{read_or_set_aside, save_ron};
use crate::core::settings::Settings;

/// Reads the settings file: the defaults when there is none; a broken one is moved aside,
/// reported, and the defaults used.
pub fn load_settings(path: &Path) -> (Settings, Option<String>) {
    match read_or_set_aside::<Settings>(path, |_| Ok(())) {
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
pub fn plugin(app: &mut App) {
    let file = super::data_dir().join("settings.ron");
    let (settings, problem) = load_settings(&file);
    if let Some(problem) = problem {
        warn!("{problem}");
    }
    app.insert_resource(settings)
        .insert_resource(SettingsFile(file))
        .add_systems(Last, save_settings.run_if(resource_changed::<Settings>));
}

fn save_settings(settings: Res<Settings>, file: Res<SettingsFile>) {
    if settings.is_added() {
        return;
    }
    if let Err(problem) = save_ron(&file.0, &*settings) {
        error!("{problem}");
    }
}
