//! The game's assets (shaders, sounds, voices, the typeface), carried inside the binary so a
//! copied or installed `begin-again` finds them wherever it is run from.

use include_dir::{Dir, include_dir};

/// Everything under `assets/`, as it was when the game was built.
pub(crate) static ASSETS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets");

/// Whether `path` (relative, `/`-separated, as a level names a sound) is one of the assets.
pub(crate) fn asset_exists(path: &str) -> bool {
    ASSETS.get_file(path).is_some()
}

/// Every asset file: its path under `assets/` and its bytes.
#[cfg_attr(
    feature = "dev",
    expect(dead_code, reason = "the dev build reads assets/ from disk instead")
)]
pub(crate) fn asset_files() -> Vec<(&'static std::path::Path, &'static [u8])> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<(&'static std::path::Path, &'static [u8])>) {
        for file in dir.files() {
            out.push((file.path(), file.contents()));
        }
        for sub in dir.dirs() {
            walk(sub, out);
        }
    }
    let mut out = Vec::new();
    walk(&ASSETS, &mut out);
    out
}
