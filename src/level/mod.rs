//! Levels as data: the level files' types, reading them with every problem placed at its
//! file, line and column, validation past syntax, the walk grid, and `check`. Loads the levels
//! when the game starts. Uses only the core.

pub mod check;
pub mod nav;
pub mod parse;
pub mod types;
pub mod validate;

use std::path::{Path, PathBuf};

use bevy::prelude::*;

use crate::core::flow::{AfterLoading, AppState, BeginDream, Chapter};

pub use parse::{Problem, load_level_file, parse_level};
pub use types::*;

/// Where the level files live: `levels/` beside the working directory when it has one
/// (running from the repository), otherwise the one this build was made from.
pub fn default_levels_dir() -> PathBuf {
    let local = PathBuf::from("levels");
    if local.join("city.ron").exists() {
        local
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("levels")
    }
}

/// The level files the game plays, by kind.
#[derive(Resource, Debug, Clone)]
pub struct Levels {
    pub city: LevelDef,
    pub garden: LevelDef,
}

impl Levels {
    pub fn get(&self, kind: LevelKind) -> &LevelDef {
        match kind {
            LevelKind::City => &self.city,
            LevelKind::Garden => &self.garden,
        }
    }

    /// The level a chapter is walked in.
    pub fn of(&self, chapter: Chapter) -> &LevelDef {
        match chapter {
            Chapter::City => &self.city,
            Chapter::Garden => &self.garden,
        }
    }

    /// A fingerprint of what in the levels can change how a run plays: every place, size,
    /// count and id, but not the words (names, spoken lines, sound files) nor how the files
    /// are laid out. A run file carries it, so a run played on edited levels is told apart
    /// from one played on these, while a reworded line or a new translation keeps every run.
    pub fn fingerprint(&self) -> u64 {
        let mut hash = crate::core::fingerprint::Fingerprint::new();
        self.city.feed_fingerprint(&mut hash);
        self.garden.feed_fingerprint(&mut hash);
        hash.value()
    }

    /// Loads `city.ron` and `garden.ron` from `dir`, gathering every problem in both.
    pub fn load(dir: &Path) -> Result<Self, Vec<Problem>> {
        let city = load_level_file(&dir.join("city.ron"));
        let garden = load_level_file(&dir.join("garden.ron"));
        let mut problems = Vec::new();
        let mut expect_kind =
            |result: Result<LevelDef, Vec<Problem>>, kind: LevelKind, file: &str| match result {
                Ok(level) if level.kind == kind => Some(level),
                Ok(level) => {
                    problems.push(Problem {
                        file: dir.join(file),
                        line: 1,
                        col: 1,
                        message: format!(
                            "expected a {kind:?} level here, found a {:?} level",
                            level.kind
                        ),
                    });
                    None
                }
                Err(found) => {
                    problems.extend(found);
                    None
                }
            };
        let city = expect_kind(city, LevelKind::City, "city.ron");
        let garden = expect_kind(garden, LevelKind::Garden, "garden.ron");
        match (city, garden) {
            (Some(city), Some(garden)) => Ok(Self { city, garden }),
            _ => Err(problems),
        }
    }
}

/// Where the game reads its levels from.
#[derive(Resource, Debug, Clone)]
pub struct LevelsDir(pub PathBuf);

/// Problems that stopped the levels from loading; the game shows them instead of playing.
#[derive(Resource, Debug, Clone, Default)]
pub struct LoadProblems(pub Vec<Problem>);

/// Loads the levels when the game starts, and routes to the title or to the problem screen.
/// Reads them from `LevelsDir` when one is inserted before, otherwise from the default place.
pub fn plugin(app: &mut App) {
    if !app.world().contains_resource::<LevelsDir>() {
        app.insert_resource(LevelsDir(default_levels_dir()));
    }
    app.init_resource::<LoadProblems>()
        .add_systems(OnEnter(AppState::Loading), load_levels);
}

fn load_levels(
    mut commands: Commands,
    dir: Res<LevelsDir>,
    preloaded: Option<Res<Levels>>,
    route: Res<AfterLoading>,
    mut next: ResMut<NextState<AppState>>,
    mut dream: MessageWriter<BeginDream>,
) {
    if preloaded.is_none() {
        match Levels::load(&dir.0) {
            Ok(levels) => {
                info!(
                    "levels loaded from {}: {} and {}",
                    dir.0.display(),
                    levels.city.name,
                    levels.garden.name
                );
                commands.insert_resource(levels);
            }
            Err(problems) => {
                for problem in &problems {
                    error!("{problem}");
                }
                commands.insert_resource(LoadProblems(problems));
                next.set(AppState::Broken);
                return;
            }
        }
    }
    match *route {
        AfterLoading::Title => next.set(AppState::Title),
        AfterLoading::Dream(chapter) => {
            dream.write(BeginDream { chapter });
        }
    }
}
