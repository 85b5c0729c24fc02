//! Bevy reads the game's assets from inside the binary (`core::assets`), so shaders, sounds
//! and the typeface are there wherever the game is run from.

use bevy::asset::io::AssetSourceBuilder;
use bevy::asset::io::memory::{Dir, MemoryAssetReader};

use crate::core::assets::asset_files;

/// The default asset source: every built-in asset, served from memory without a copy.
pub fn built_in_source() -> AssetSourceBuilder {
    let root = Dir::default();
    for (path, bytes) in asset_files() {
        root.insert_asset(path, bytes);
    }
    AssetSourceBuilder::new(move || Box::new(MemoryAssetReader { root: root.clone() }))
}
