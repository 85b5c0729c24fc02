//! The title screen's garden: a bloom for every finished dream, kept between launches.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::files::{load_versioned, save_ron};

/// The format version of the title garden file.
pub const TITLE_GARDEN_VERSION: u32 = 1;

/// One bloom: the seed of the dream that left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bloom {
    pub seed: u64,
}

/// The title screen's garden: a bloom for every finished dream.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleGarden {
    pub version: u32,
    pub blooms: Vec<Bloom>,
}

/// The most blooms kept: a dream every ten minutes, day and night, for two months. More than
/// any player leaves; a file with more was not made by playing.
pub const MAX_BLOOMS: usize = 10_000;

/// Reads the title garden. A missing file is an empty garden; a corrupt one is moved aside
/// and reported (its last good copy used if sound), and the garden starts empty; a garden of
/// more blooms than any player could leave keeps the first `MAX_BLOOMS`, saying so.
pub fn load_title_garden(path: &Path) -> (TitleGarden, Option<String>) {
    let fresh = TitleGarden {
        version: TITLE_GARDEN_VERSION,
        blooms: Vec::new(),
    };
    let (mut garden, problem) = load_versioned(
        path,
        fresh,
        TITLE_GARDEN_VERSION,
        |garden| garden.version,
        |_| Ok(()),
        "the garden starts afresh",
    );
    if garden.blooms.len() > MAX_BLOOMS {
        let note = format!(
            "{}: {} blooms, more than a player could leave; keeping the first {MAX_BLOOMS}",
            path.display(),
            garden.blooms.len()
        );
        garden.blooms.truncate(MAX_BLOOMS);
        return (
            garden,
            Some(problem.map_or(note.clone(), |p| format!("{p}; {note}"))),
        );
    }
    (garden, problem)
}

/// Where the title garden lives.
#[derive(Resource, Debug, Clone)]
pub struct TitleGardenFile(pub PathBuf);

impl TitleGarden {
    /// One more bloom, for a dream of `seed` that has ended; saved at once.
    pub fn leave_bloom(&mut self, seed: u64, file: &TitleGardenFile) -> Result<(), String> {
        if self.blooms.len() < MAX_BLOOMS {
            self.blooms.push(Bloom { seed });
        }
        save_ron(&file.0, self)
    }
}
