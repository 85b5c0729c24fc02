//! Bevy reads the game's assets from inside the binary (`core::assets`), so shaders, sounds
//! and the typeface are there wherever the game is run from. Built with the `dev` feature
//! (`cargo run --features dev`), it reads them from this checkout's `assets/` instead and
//! watches them: a shader or a sound saved while the game runs is reloaded at once.

use bevy::asset::io::AssetSourceBuilder;
#[cfg(not(feature = "dev"))]
use bevy::asset::io::memory::{Dir, MemoryAssetReader};

#[cfg(not(feature = "dev"))]
use crate::core::assets::asset_files;

/// The default asset source: every built-in asset, served from memory without a copy.
#[cfg(not(feature = "dev"))]
pub(crate) fn built_in_source() -> AssetSourceBuilder {
    let root = Dir::default();
    for (path, bytes) in asset_files() {
        root.insert_asset(path, bytes);
    }
    AssetSourceBuilder::new(move || Box::new(MemoryAssetReader { root: root.clone() }))
}

/// The `dev` build's asset source: this checkout's `assets/` on disk, watched for changes.
#[cfg(feature = "dev")]
pub(crate) fn built_in_source() -> AssetSourceBuilder {
    AssetSourceBuilder::platform_default(concat!(env!("CARGO_MANIFEST_DIR"), "/assets"), None)
}
