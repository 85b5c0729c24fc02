//! The title screen's garden: a bloom for every finished dream, kept between launches.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::files::{load_versioned, save_ron};

/// The format version of the title garden file.
pub const TITLE_GARDEN_VERSION: u32 = 1;

/// One bloom: the seed of the dream that left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

/// Reads the title garden. A missing file is an empty garden; a corrupt one is moved aside
/// and reported, and the garden starts empty.
pub fn load_title_garden(path: &Path) -> (TitleGarden, Option<String>) {
    let fresh = TitleGarden {
        version: TITLE_GARDEN_VERSION,
        blooms: Vec::new(),
    };
    load_versioned(
        path,
        fresh,
        TITLE_GARDEN_VERSION,
        |garden| garden.version,
        |_| Ok(()),
        "the garden starts afresh",
    )
}

/// Where the title garden lives.
#[derive(Resource, Debug, Clone)]
pub struct TitleGardenFile(pub PathBuf);

impl TitleGarden {
    /// One more bloom, for a dream of `seed` that has ended; saved at once.
    pub fn leave_bloom(&mut self, seed: u64, file: &TitleGardenFile) -> Result<(), String> {
        self.blooms.push(Bloom { seed });
        save_ron(&file.0, self)
    }
}
