//! Files the game keeps, so that nothing a player saved is ever lost: written atomically (a
//! temporary file made exclusively beside the real one, flushed, renamed over it, the folder
//! synced) with the last good copy kept as `.bak`; read back with a broken file set aside under
//! a name never used before, the `.bak` recovered when it is sound, and the player told.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The largest file the game reads back (a settings or records file is a few kilobytes).
pub(crate) const MAX_SAVED_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// `path` with `suffix` added to its file name.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// What reading a saved file came to.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded<T> {
    /// The value, from the file or recovered from its last good copy; `None` when there is
    /// nothing usable (no file yet, or both broken).
    pub value: Option<T>,
    /// What the player should be told: the file was broken, set aside, recovered.
    pub problem: Option<String>,
}

/// Reads a RON file the game saved. No file: nothing, and nothing to tell. A file that cannot
/// be read as text, does not parse, or that `accept` refuses is set aside (never over an
/// older set-aside copy) and reported; then the last good copy (`.bak`) is tried, and used
/// if it is sound, saying so.
pub fn read_or_set_aside<T: DeserializeOwned>(
    path: &Path,
    accept: impl Fn(&T) -> Result<(), String>,
) -> Loaded<T> {
    let why = match read_value(path, &accept) {
        Ok(value) => {
            return Loaded {
                value,
                problem: None,
            };
        }
        // The file may be sound: the folder is what cannot be used. Nothing to set aside.
        Err(Unusable::Unreadable(why)) => {
            return Loaded {
                value: None,
                problem: Some(format!("{}: {why}", path.display())),
            };
        }
        Err(Unusable::Broken(why)) => why,
    };
    let aside = set_aside(path);
    let note = match &aside {
        Ok(aside) => format!("moved aside to {}", aside.display()),
        Err(error) => format!("could not be moved aside: {error}"),
    };
    let backup = beside(path, ".bak");
    match read_value(&backup, &accept) {
        Ok(Some(value)) => Loaded {
            value: Some(value),
            problem: Some(format!(
                "{}: {why}; {note}; recovered from the last good copy ({})",
                path.display(),
                backup.display()
            )),
        },
        _ => Loaded {
            value: None,
            problem: Some(format!("{}: {why}; {note}", path.display())),
        },
    }
}

/// Why a saved file gave nothing usable.
enum Unusable {
    /// It could not be read at all (a folder that is not one, no permission): the file itself
    /// is left where it is.
    Unreadable(String),
    /// Its content is not a file the game saved: it is set aside.
    Broken(String),
}

/// The value in `path`: `Ok(None)` when there is no such file.
fn read_value<T: DeserializeOwned>(
    path: &Path,
    accept: &impl Fn(&T) -> Result<(), String>,
) -> Result<Option<T>, Unusable> {
    let bytes = match read_limited(path) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            return Err(Unusable::Broken(format!(
                "larger than {} MiB, not a file the game saved",
                MAX_SAVED_FILE_BYTES / (1024 * 1024)
            )));
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(Unusable::Unreadable(format!("cannot be read: {error}"))),
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        Unusable::Broken(format!(
            "not text (invalid UTF-8 at byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let value = ron::from_str::<T>(&text).map_err(|error| {
        Unusable::Broken(format!(
            "{}:{}: {}",
            error.span.start.line, error.span.start.col, error.code
        ))
    })?;
    accept(&value).map_err(Unusable::Broken)?;
    Ok(Some(value))
}

/// The bytes of `path`; `None` when it holds more than any saved file.
fn read_limited(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    File::open(path)?
        .take(MAX_SAVED_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= MAX_SAVED_FILE_BYTES).then_some(bytes))
}

/// Moves `path` aside as `NAME.corrupt`, or `NAME.corrupt.2`, `.3`… when those are taken: an
/// older broken file is evidence too, and never written over.
pub(crate) fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    for number in 1..1000u32 {
        let aside = if number == 1 {
            beside(path, ".corrupt")
        } else {
            beside(path, &format!(".corrupt.{number}"))
        };
        // A hard link is made only where no file stands, so no earlier copy is replaced.
        match std::fs::hard_link(path, &aside) {
            Ok(()) => {
                std::fs::remove_file(path)?;
                return Ok(aside);
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(_) if !aside.exists() => {
                // A folder that cannot hold hard links: rename, having checked the name is free.
                std::fs::rename(path, &aside)?;
                return Ok(aside);
            }
            Err(error) => return Err(error),
        }
    }
    Err(std::io::Error::other(
        "a thousand broken copies are already set aside",
    ))
}

/// Reads a saved file of format `expected`: a missing one is `fresh`; one that does not
/// parse, is of another version (`version` reads it) or fails `check` is set aside and
/// reported — recovered from its last good copy when that is sound, otherwise ending in
/// `afresh` (what the game does instead) with `fresh` used.
pub(crate) fn load_versioned<T: DeserializeOwned>(
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
    let read = read_or_set_aside(path, accept);
    match (read.value, read.problem) {
        (Some(value), problem) => (value, problem),
        (None, Some(problem)) => (fresh, Some(format!("{problem}; {afresh}"))),
        (None, None) => (fresh, None),
    }
}

/// Names for temporary files no other save in this process uses at the same time.
static TEMPORARY: AtomicU64 = AtomicU64::new(0);

/// A new file beside `path`, made exclusively: an existing file or a planted link of that
/// name is never opened or followed.
fn create_beside(path: &Path, what: &str) -> std::io::Result<(PathBuf, File)> {
    for _ in 0..64 {
        let number = TEMPORARY.fetch_add(1, Ordering::Relaxed);
        let name = beside(path, &format!(".{}.{number}.{what}", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&name) {
            Ok(file) => return Ok((name, file)),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
    Err(std::io::Error::other("no free name for a temporary file"))
}

/// Writes `bytes` to a new file beside `path`, flushed to the disk; returns its name.
fn write_beside(path: &Path, bytes: &[u8], what: &str) -> std::io::Result<PathBuf> {
    let (name, mut file) = create_beside(path, what)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if let Err(error) = written {
        let _ = std::fs::remove_file(&name);
        return Err(error);
    }
    Ok(name)
}

/// Flushes a folder's entries (a rename is only durable once its folder is).
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        File::open(folder)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
        Ok(())
    }
}

/// Writes `text` to `path` atomically. The copy there now, when it is one the game can read
/// back, is kept as `.bak` first; then a temporary file beside it is made exclusively,
/// written and flushed, renamed over `path`, and the folder synced. A failure at any step
/// leaves the last good file in place.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let folder = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(folder) => {
            std::fs::create_dir_all(folder)?;
            folder.to_owned()
        }
        None => PathBuf::from("."),
    };
    if let Ok(Some(current)) = read_limited(path)
        && std::str::from_utf8(&current).is_ok()
    {
        // Renamed into place, so a planted `.bak` link is replaced, never followed.
        let copy = write_beside(path, &current, "bak.tmp")?;
        std::fs::rename(&copy, beside(path, ".bak"))?;
    }
    let temporary = write_beside(path, text.as_bytes(), "tmp")?;
    if let Err(error) = std::fs::rename(&temporary, path) {
        let _ = std::fs::remove_file(&temporary);
        return Err(error);
    }
    sync_folder(&folder)
}

/// Writes `value` as pretty RON to `path`, atomically; the error names the file.
pub fn save_ron<T: Serialize>(path: &Path, value: &T) -> Result<(), String> {
    let text = ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default())
        .map_err(|error| format!("{}: cannot write: {error}", path.display()))?;
    write_atomically(path, &text)
        .map_err(|error| format!("{}: cannot save: {error}", path.display()))
}

/// A new folder of this process's own under the system's temporary folder, readable only by
/// its owner; never a fixed, shared name another user could have made first.
pub(crate) fn private_temporary_folder(prefix: &str) -> std::io::Result<PathBuf> {
    let base = std::env::temp_dir();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    for attempt in 0..64u32 {
        let folder = base.join(format!(
            "{prefix}-{}-{stamp:x}-{attempt}",
            std::process::id()
        ));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        match builder.create(&folder) {
            Ok(()) => return Ok(folder),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
    Err(std::io::Error::other("no free name for a temporary folder"))
}
