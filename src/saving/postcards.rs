//! Dream postcards: a picture of the dream (PNG) and, beside it, where and when it was taken
//! (RON: chapter, place, heading, seed, dream time). Kept in the data folder's `postcards/`;
//! listed newest first, with a clear line for any file that cannot be read.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::files::{read_or_set_aside, write_atomically};
use super::progress::SavedChapter;

/// The format version of a postcard's description.
pub const POSTCARD_VERSION: u32 = 1;
/// The most postcards the page shows (the newest).
pub(crate) const POSTCARDS_SHOWN: usize = 12;
/// A picture larger than this is not a postcard the game made.
const LARGEST_PICTURE: u64 = 64 * 1024 * 1024;

/// Where and when a postcard was taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostcardInfo {
    pub version: u32,
    pub chapter: SavedChapter,
    /// x and z, metres.
    pub position: [f32; 2],
    /// Degrees; 0 looks north (−z), 90 west.
    pub heading_degrees: f32,
    pub seed: u64,
    /// Ticks since the dream began.
    pub dream_ticks: u64,
    /// Seconds since 1970 (UTC).
    pub taken_at: u64,
    pub game_version: String,
}

/// A postcard found in the folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Postcard {
    pub info: PostcardInfo,
    pub picture: PathBuf,
    pub description: PathBuf,
}

/// The postcards folder inside the data folder.
pub(crate) fn postcards_dir(data: &Path) -> PathBuf {
    data.join("postcards")
}

/// Saves a postcard: its picture (PNG bytes) and its description, under a new name (never
/// over another postcard). Returns the picture's path.
pub fn save_postcard(dir: &Path, info: &PostcardInfo, png: &[u8]) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir)
        .map_err(|error| format!("{}: cannot make the folder: {error}", dir.display()))?;
    let stem = (0..1000)
        .map(|n| match n {
            0 => format!("postcard-{}", info.taken_at),
            n => format!("postcard-{}-{n}", info.taken_at),
        })
        .find(|stem| {
            !dir.join(format!("{stem}.png")).exists() && !dir.join(format!("{stem}.ron")).exists()
        })
        .ok_or_else(|| format!("{}: no free name for a new postcard", dir.display()))?;
    let picture = dir.join(format!("{stem}.png"));
    let description = dir.join(format!("{stem}.ron"));
    write_new(&picture, png)?;
    let text = ron::ser::to_string_pretty(info, ron::ser::PrettyConfig::default())
        .map_err(|error| format!("{}: cannot write: {error}", description.display()))?;
    write_atomically(&description, &text)
        .map_err(|error| format!("{}: cannot save: {error}", description.display()))?;
    Ok(picture)
}

/// Writes a new file whole or not at all: into a temporary name first, then renamed.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let temporary = path.with_extension("png.tmp");
    let result = std::fs::write(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, path));
    if let Err(error) = result {
        let _ = std::fs::remove_file(&temporary);
        return Err(format!("{}: cannot save: {error}", path.display()));
    }
    Ok(())
}

/// The postcards in `dir`, newest first, at most [`POSTCARDS_SHOWN`]; and a line for each one
/// that cannot be shown (its description unreadable or from another version, its picture
/// missing or too large). No folder yet: none, and no problem.
pub fn list_postcards(dir: &Path) -> (Vec<Postcard>, Vec<String>) {
    let mut problems = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return (Vec::new(), problems);
        }
        Err(error) => {
            problems.push(format!(
                "{}: cannot read the postcards: {error}",
                dir.display()
            ));
            return (Vec::new(), problems);
        }
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let description = entry.path();
        if description.extension().and_then(|e| e.to_str()) != Some("ron") {
            continue;
        }
        match read_postcard(&description) {
            Ok(postcard) => found.push(postcard),
            Err(problem) => problems.push(problem),
        }
    }
    found.sort_by(|a: &Postcard, b: &Postcard| {
        (b.info.taken_at, &b.description).cmp(&(a.info.taken_at, &a.description))
    });
    found.truncate(POSTCARDS_SHOWN);
    problems.sort();
    (found, problems)
}

fn read_postcard(description: &Path) -> Result<Postcard, String> {
    // A broken description is moved aside (as every broken file the game reads is) and
    // reported, so it is told once rather than on every visit; its picture stays.
    let loaded = read_or_set_aside(description, |info: &PostcardInfo| {
        let [x, z] = info.position;
        if x.is_finite() && z.is_finite() && info.heading_degrees.is_finite() {
            Ok(())
        } else {
            Err("its place or heading is not a number".into())
        }
    });
    let info = match (loaded.value, loaded.problem) {
        (Some(info), None) => info,
        (_, Some(problem)) => return Err(problem),
        (None, None) => return Err(format!("{}: vanished while reading", description.display())),
    };
    if info.version != POSTCARD_VERSION {
        return Err(format!(
            "{}: postcard version {} is not one this game reads ({POSTCARD_VERSION})",
            description.display(),
            info.version
        ));
    }
    let picture = description.with_extension("png");
    match std::fs::metadata(&picture) {
        Ok(meta) if meta.len() > LARGEST_PICTURE => Err(format!(
            "{}: the picture is too large ({} bytes)",
            picture.display(),
            meta.len()
        )),
        Ok(_) => Ok(Postcard {
            info,
            picture,
            description: description.to_owned(),
        }),
        Err(error) => Err(format!(
            "{}: the picture is missing: {error}",
            picture.display()
        )),
    }
}
