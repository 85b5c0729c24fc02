//! Files the game keeps: written atomically with the last copy kept, read back with a
//! broken one set aside (never overwritten) and reported, versioned.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Reads a RON file the game saved. `Ok(None)`: there is none yet. A file that cannot be
/// read is reported; one that does not parse, or that `accept` refuses, is moved aside (its
/// name ending in `.corrupt`, never overwritten) and reported.
pub fn read_or_set_aside<T: DeserializeOwned>(
    path: &Path,
    accept: impl Fn(&T) -> Result<(), String>,
) -> Result<Option<T>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(format!("{}: cannot read: {error}", path.display())),
    };
    let why = match ron::from_str::<T>(&text) {
        Ok(value) => match accept(&value) {
            Ok(()) => return Ok(Some(value)),
            Err(why) => why,
        },
        Err(error) => format!(
            "{}:{}: {}",
            error.span.start.line, error.span.start.col, error.code
        ),
    };
    let aside = path.with_extension("ron.corrupt");
    let note = match std::fs::rename(path, &aside) {
        Ok(()) => format!("moved aside to {}", aside.display()),
        Err(error) => format!("could not be moved aside: {error}"),
    };
    Err(format!("{}: {why}; {note}", path.display()))
}

/// Reads a saved file of format `expected`: a missing one is `fresh`; one that does not
/// parse, is of another version (`version` reads it) or fails `check` is moved aside and
/// reported, ending in `afresh` (what the game does instead), and `fresh` is used.
pub fn load_versioned<T: DeserializeOwned>(
    path: &Path,
    fresh: T,
    expected: u32,
    version: impl Fn(&T) -> u32,
    check: impl Fn(&T) -> Result<(), String>,
    afresh: &str,
) -> (T, Option<String>) {
    let accept = |value: &T| {
        let found = version(value);
        if found != expected {
            return Err(format!("version {found} is not one this game reads"));
        }
        check(value)
    };
    match read_or_set_aside(path, accept) {
        Ok(Some(value)) => (value, None),
        Ok(None) => (fresh, None),
        Err(problem) => (fresh, Some(format!("{problem}; {afresh}"))),
    }
}

/// Writes `text` to `path` atomically: the last copy kept with `.bak` added to its name, then a temporary file
/// beside it written and flushed, then renamed over.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let beside = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    if path.exists() {
        std::fs::copy(path, beside(".bak"))?;
    }
    let temporary = beside(".tmp");
    {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
    }
    std::fs::rename(&temporary, path)
}

/// Writes `value` as pretty RON to `path`, atomically; the error names the file.
pub fn save_ron<T: Serialize>(path: &Path, value: &T) -> Result<(), String> {
    let text = ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default())
        .map_err(|error| format!("{}: cannot write: {error}", path.display()))?;
    write_atomically(path, &text)
        .map_err(|error| format!("{}: cannot save: {error}", path.display()))
}
