//! Racing any run: a run file from anyone (a friend's record, a world record) is verified by
//! re-simulating it, and the track it walked becomes the ghost beside the player. A file that
//! does not verify is refused with its reason; nothing of it is used.

use std::path::{Path, PathBuf};

use bevy::prelude::*;

use super::ghost::GhostTrack;
use super::runs::read_run_file;
use super::timer::{Category, SeedChoice};
use super::verify::verify_keeping_track;
use crate::level::LevelsSource;

/// A verified run to race.
#[derive(Debug, Clone, PartialEq)]
pub struct Rival {
    /// The file's name, as shown.
    pub name: String,
    /// The category the race is run in: the rival's route on the rival's seed.
    pub category: Category,
    pub time_ticks: u64,
    pub splits: Vec<u64>,
    pub track: GhostTrack,
}

/// The run being raced, if one was chosen (`--ghost RUN.ron`, or on the speedrun screen).
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Race(pub Option<Rival>);

/// Reads and verifies the run file at `path`: a rival to race, or why not.
pub fn rival_from_file(levels: &LevelsSource, path: &Path) -> Result<Rival, String> {
    let recording = read_run_file(path)?;
    let (verified, track) = verify_keeping_track(levels, &recording)
        .map_err(|why| format!("{}: {why}", path.display()))?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(Rival {
        name,
        category: Category {
            route: recording.category.route,
            seed: SeedChoice::Set(recording.seed),
        },
        time_ticks: verified.time_ticks,
        splits: verified.splits,
        track,
    })
}

/// The folder run files to race are put in: `races/` in the data folder.
pub(crate) fn races_dir(data: &Path) -> PathBuf {
    data.join("races")
}

/// The run files in `folder` (`.ron`), by name.
pub(crate) fn race_files(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Race>();
}
