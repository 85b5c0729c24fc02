//! What outlives a dream: the bloom each finished dream leaves in the title garden, kept
//! between launches. Written atomically with the last copy kept; a corrupt file is moved
//! aside and reported, never silently replaced.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::ending::DreamEnded;
use crate::rng::DreamRng;

/// The format version of the title garden file.
pub const TITLE_GARDEN_VERSION: u32 = 1;

/// A data folder chosen for this process (screenshots keep away from the player's saves).
static DATA_DIR_OVERRIDE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// From now on this process saves in `dir` (unless `BEGIN_AGAIN_DATA_DIR` says otherwise).
pub fn use_data_dir(dir: PathBuf) {
    let _ = DATA_DIR_OVERRIDE.set(dir);
}

/// Where the game keeps what it saves: `BEGIN_AGAIN_DATA_DIR` when set, otherwise the
/// platform's data folder.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("BEGIN_AGAIN_DATA_DIR") {
        return PathBuf::from(dir);
    }
    if let Some(dir) = DATA_DIR_OVERRIDE.get() {
        return dir.clone();
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if cfg!(target_os = "windows") {
        if let Some(appdata) = std::env::var_os("APPDATA") {
            return PathBuf::from(appdata).join("Begin Again");
        }
    } else if cfg!(target_os = "macos") {
        if let Some(home) = &home {
            return home.join("Library/Application Support/Begin Again");
        }
    } else if let Some(data) = std::env::var_os("XDG_DATA_HOME") {
        return PathBuf::from(data).join("begin-again");
    } else if let Some(home) = &home {
        return home.join(".local/share/begin-again");
    }
    PathBuf::from(".begin-again")
}

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

/// Reads a RON file the game saved. `Ok(None)`: there is none yet. A file that cannot be
/// read is reported; one that does not parse, or that `accept` refuses, is moved aside (its
/// name ending in `.corrupt`, never overwritten) and reported.
pub fn read_or_set_aside<T: serde::de::DeserializeOwned>(
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
pub fn load_versioned<T: serde::de::DeserializeOwned>(
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
    pub fn chapter(self) -> crate::flow::Chapter {
        match self {
            SavedChapter::City => crate::flow::Chapter::City,
            SavedChapter::Garden => crate::flow::Chapter::Garden,
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

fn save_progress(progress: &Progress, file: &ProgressFile) {
    let text = ron::ser::to_string_pretty(progress, ron::ser::PrettyConfig::default())
        .expect("progress serializes");
    if let Err(error) = write_atomically(&file.0, &text) {
        error!("{}: cannot save progress: {error}", file.0.display());
    }
}

fn reach_chapter(
    chapter: Res<State<crate::flow::Chapter>>,
    file: Res<ProgressFile>,
    mut progress: ResMut<Progress>,
) {
    let reached = match chapter.get() {
        crate::flow::Chapter::City => SavedChapter::City,
        crate::flow::Chapter::Garden => SavedChapter::Garden,
    };
    progress.continue_at = Some(reached);
    progress.garden_reached |= reached == SavedChapter::Garden;
    save_progress(&progress, &file);
}

fn finish_progress(file: Res<ProgressFile>, mut progress: ResMut<Progress>) {
    progress.continue_at = None;
    save_progress(&progress, &file);
}

/// Where the title garden lives.
#[derive(Resource, Debug, Clone)]
pub struct TitleGardenFile(pub PathBuf);

pub struct SavingPlugin;

impl Plugin for SavingPlugin {
    fn build(&self, app: &mut App) {
        let file = data_dir().join("title-garden.ron");
        let (garden, problem) = load_title_garden(&file);
        if let Some(problem) = problem {
            warn!("{problem}");
        }
        let progress_file = data_dir().join("progress.ron");
        let (progress, problem) = load_progress(&progress_file);
        if let Some(problem) = problem {
            warn!("{problem}");
        }
        app.insert_resource(garden)
            .insert_resource(TitleGardenFile(file))
            .insert_resource(progress)
            .insert_resource(ProgressFile(progress_file))
            .add_systems(
                OnEnter(crate::flow::Chapter::City),
                reach_chapter.run_if(not(is_speedrun)),
            )
            .add_systems(
                OnEnter(crate::flow::Chapter::Garden),
                reach_chapter.run_if(not(is_speedrun)),
            )
            .add_systems(
                Update,
                (
                    leave_a_bloom.run_if(on_message::<DreamEnded>),
                    finish_progress.run_if(on_message::<DreamEnded>.and_then(not(is_speedrun))),
                ),
            );
    }
}

/// Speedruns start from the city every time: they neither set nor clear Continue.
fn is_speedrun(speedrun: Res<crate::speedrun::Speedrun>) -> bool {
    speedrun.0.is_some()
}

fn leave_a_bloom(mut garden: ResMut<TitleGarden>, file: Res<TitleGardenFile>, rng: Res<DreamRng>) {
    garden.blooms.push(Bloom { seed: rng.seed() });
    let text = ron::ser::to_string_pretty(&*garden, ron::ser::PrettyConfig::default())
        .expect("the garden serializes");
    match write_atomically(&file.0, &text) {
        Ok(()) => info!(
            "a new bloom in the title garden ({} in all)",
            garden.blooms.len()
        ),
        Err(error) => error!(
            "{}: cannot save the title garden: {error}",
            file.0.display()
        ),
    }
}
