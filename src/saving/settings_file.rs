//! The settings file: read when the game starts (a broken one set aside, the defaults used),
//! saved whenever a setting changes.

use std::path::{Path, PathBuf};

use bevy::prelude::*;

use super::files::{read_or_set_aside, save_ron};
use super::notices::Notices;
use crate::core::settings::Settings;

/// Reads the settings file: the defaults when there is none; a broken one is moved aside
/// and reported, its last good copy used if there is one, else the defaults; a value no menu
/// could give is brought into range and reported.
pub fn load_settings(path: &Path) -> (Settings, Vec<String>) {
    let read = read_or_set_aside::<Settings>(path, |_| Ok(()));
    let mut problems = Vec::new();
    if let Some(problem) = read.problem {
        problems.push(if read.value.is_some() {
            problem
        } else {
            format!("{problem}; using the default settings")
        });
    }
    let (settings, notes) = read.value.unwrap_or_default().sanitized();
    if !notes.is_empty() {
        problems.push(format!(
            "{}: values no menu could set, brought into range: {}",
            path.display(),
            notes.join("; ")
        ));
    }
    (settings, problems)
}

/// Where the settings live between launches.
#[derive(Resource, Debug, Clone)]
pub(crate) struct SettingsFile(pub PathBuf);

/// Keeps the settings between launches: read at start, written (atomically, the last copy
/// kept) whenever they change.
pub fn plugin(app: &mut App) {
    let file = super::data_dir::data_dir().join("settings.ron");
    let (settings, problems) = load_settings(&file);
    let mut notices = app.world_mut().get_resource_or_init::<Notices>();
    for problem in problems {
        notices.tell(problem);
    }
    app.insert_resource(settings)
        .insert_resource(SettingsFile(file))
        .add_systems(Last, save_settings.run_if(resource_changed::<Settings>));
}

fn save_settings(settings: Res<Settings>, file: Res<SettingsFile>, mut notices: ResMut<Notices>) {
    if settings.is_added() {
        return;
    }
    if let Err(problem) = save_ron(&file.0, &*settings) {
        notices.tell(format!("{problem}; the settings are kept for this session"));
    }
}
