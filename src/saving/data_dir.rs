//! The data folder: where the game keeps what it saves, and the override that keeps
//! screenshots and benches away from the player's saves.

use std::path::PathBuf;

/// A data folder chosen for this process (screenshots keep away from the player's saves).
static DATA_DIR_OVERRIDE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// From now on this process saves in `dir` (unless `BEGIN_AGAIN_DATA_DIR` says otherwise).
pub(crate) fn use_data_dir(dir: PathBuf) {
    let _ = DATA_DIR_OVERRIDE.set(dir);
}

/// Where the game keeps what it saves: `BEGIN_AGAIN_DATA_DIR` when set, otherwise the
/// platform's data folder (`dirs`): `$XDG_DATA_HOME/begin-again` (an absolute one only, as
/// the XDG spec says) or `~/.local/share/begin-again` on Linux, `~/Library/Application
/// Support/begin-again` on macOS, `%APPDATA%\begin-again` on Windows.
pub(crate) fn data_dir() -> PathBuf {
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
