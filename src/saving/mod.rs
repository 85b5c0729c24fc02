//! Saving: the data folder, atomic writes, setting broken files aside, and reading versioned
//! files; the title garden, the progress and the settings files. Knows nothing of the dream's
//! beats (whoever decides that something is kept calls in here). Uses only the core.

pub mod files;
pub mod postcards;
pub mod progress;
pub mod settings_file;
pub mod title_garden;

use std::path::PathBuf;

use bevy::prelude::*;

pub use files::{
    Loaded, load_versioned, private_temporary_folder, read_or_set_aside, save_ron, write_atomically,
};

/// What the player should be told about the files the game keeps: a broken one set aside, one
/// recovered from its last good copy, a value brought into range, a save that failed (the game
/// plays on and the last good file stays). Written to the log as told; shown on screen by the
/// view.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct Notices {
    /// Not yet shown.
    pub pending: Vec<String>,
}

impl Notices {
    pub fn tell(&mut self, notice: impl Into<String>) {
        let notice = notice.into();
        warn!("{notice}");
        self.pending.push(notice);
    }
}

/// A data folder chosen for this process (screenshots keep away from the player's saves).
static DATA_DIR_OVERRIDE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// From now on this process saves in `dir` (unless `BEGIN_AGAIN_DATA_DIR` says otherwise).
pub fn use_data_dir(dir: PathBuf) {
    let _ = DATA_DIR_OVERRIDE.set(dir);
}

/// Where the game keeps what it saves: `BEGIN_AGAIN_DATA_DIR` when set, otherwise the
/// platform's data folder (`dirs`): `$XDG_DATA_HOME/begin-again` (an absolute one only, as
/// the XDG spec says) or `~/.local/share/begin-again` on Linux, `~/Library/Application
/// Support/begin-again` on macOS, `%APPDATA%\begin-again` on Windows.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("BEGIN_AGAIN_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(dir) = DATA_DIR_OVERRIDE.get() {
        return dir.clone();
    }
    match dirs::data_dir() {
        Some(dir) => dir.join("begin-again"),
        // No home at all: keep beside the working folder rather than lose what is saved.
        None => PathBuf::from(".begin-again"),
    }
}

/// The title garden and the progress, read when the game starts (a broken file is set aside
/// and reported), and the settings kept between launches.
pub fn plugin(app: &mut App) {
    let dir = data_dir();
    let garden_file = dir.join("title-garden.ron");
    let (garden, garden_problem) = title_garden::load_title_garden(&garden_file);
    let progress_file = dir.join("progress.ron");
    let (progress, progress_problem) = progress::load_progress(&progress_file);
    let mut notices = app.world_mut().get_resource_or_init::<Notices>();
    for problem in [garden_problem, progress_problem].into_iter().flatten() {
        notices.tell(problem);
    }
    app.insert_resource(garden)
        .insert_resource(title_garden::TitleGardenFile(garden_file))
        .insert_resource(progress)
        .insert_resource(progress::ProgressFile(progress_file))
        .add_plugins(settings_file::plugin);
}
