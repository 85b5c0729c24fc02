//! Saving: the data folder, atomic writes, setting broken files aside, and reading versioned
//! files; the title garden, the progress and the settings files. Knows nothing of the dream's
//! beats (whoever decides that something is kept calls in here). Uses only the core.

pub mod files;
pub mod progress;
pub mod settings_file;
pub mod title_garden;

use std::path::PathBuf;

use bevy::prelude::*;

pub use files::{load_versioned, read_or_set_aside, save_ron, write_atomically};

/// A data folder chosen for this process (screenshots keep away from the player's saves).
static DATA_DIR_OVERRIDE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// From now on this process saves in `dir` (unless `BEGIN_AGAIN_DATA_DIR` says otherwise).
pub fn use_data_dir(dir: PathBuf) {
    let _ = DATA_DIR_OVERRIDE.set(dir);
}

/// Where the game keeps what it saves: `BEGIN_AGAIN_DATA_DIR` when set, otherwise the
/// platform's data folder.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("BEGIN_AGAIN_DATA_DIR") {
        return PathBuf::from(dir);
    }
    if let Some(dir) = DATA_DIR_OVERRIDE.get() {
        return dir.clone();
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if cfg!(target_os = "windows") {
        if let Some(appdata) = std::env::var_os("APPDATA") {
            return PathBuf::from(appdata).join("Begin Again");
        }
    } else if cfg!(target_os = "macos") {
        if let Some(home) = &home {
            return home.join("Library/Application Support/Begin Again");
        }
    } else if let Some(data) = std::env::var_os("XDG_DATA_HOME") {
        return PathBuf::from(data).join("begin-again");
    } else if let Some(home) = &home {
        return home.join(".local/share/begin-again");
    }
    PathBuf::from(".begin-again")
}

/// The title garden and the progress, read when the game starts (a broken file is set aside
/// and reported), and the settings kept between launches.
pub fn plugin(app: &mut App) {
    let dir = data_dir();
    let garden_file = dir.join("title-garden.ron");
    let (garden, problem) = title_garden::load_title_garden(&garden_file);
    if let Some(problem) = problem {
        warn!("{problem}");
    }
    let progress_file = dir.join("progress.ron");
    let (progress, problem) = progress::load_progress(&progress_file);
    if let Some(problem) = problem {
        warn!("{problem}");
    }
    app.insert_resource(garden)
        .insert_resource(title_garden::TitleGardenFile(garden_file))
        .insert_resource(progress)
        .insert_resource(progress::ProgressFile(progress_file))
        .add_plugins(settings_file::plugin);
}
