//! How far the dreamer has come: the chapter to continue from, and whether the garden has
//! been reached (for the chapter select).

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::files::{load_versioned, save_ron};
use crate::core::flow::Chapter;

/// How far the dreamer has come, for Continue and the chapter select.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub version: u32,
    /// The chapter of the dream left unfinished (none once a dream wakes).
    pub continue_at: Option<SavedChapter>,
    /// The garden has been reached at least once: it can be chosen from the chapters.
    pub garden_reached: bool,
}

/// A chapter as the progress file names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SavedChapter {
    City,
    Garden,
}

impl SavedChapter {
    pub fn chapter(self) -> Chapter {
        match self {
            SavedChapter::City => Chapter::City,
            SavedChapter::Garden => Chapter::Garden,
        }
    }

    pub fn of(chapter: Chapter) -> Self {
        match chapter {
            Chapter::City => SavedChapter::City,
            Chapter::Garden => SavedChapter::Garden,
        }
    }
}

/// The format version of the progress file.
pub const PROGRESS_VERSION: u32 = 1;

/// Reads the progress. None yet: nothing reached. A corrupt file is moved aside and reported.
pub fn load_progress(path: &Path) -> (Progress, Option<String>) {
    let fresh = Progress {
        version: PROGRESS_VERSION,
        ..default()
    };
    load_versioned(
        path,
        fresh,
        PROGRESS_VERSION,
        |progress| progress.version,
        |_| Ok(()),
        "progress starts afresh",
    )
}

/// Where the progress lives.
#[derive(Resource, Debug, Clone)]
pub struct ProgressFile(pub PathBuf);

impl Progress {
    /// A dream has reached `chapter`: Continue begins there; saved at once.
    pub fn reach(&mut self, chapter: Chapter, file: &ProgressFile) -> Result<(), String> {
        let reached = SavedChapter::of(chapter);
        self.continue_at = Some(reached);
        self.garden_reached |= reached == SavedChapter::Garden;
        save_ron(&file.0, self)
    }

    /// A dream has woken: nothing is left to continue; saved at once.
    pub fn finish(&mut self, file: &ProgressFile) -> Result<(), String> {
        self.continue_at = None;
        save_ron(&file.0, self)
    }
}
