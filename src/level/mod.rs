//! Levels as data: the level files' types, reading them with every problem placed at its
//! file, line and column, validation past syntax, the walk grid, and `check`. Loads the levels
//! when the game starts. Uses only the core.

pub mod check;
pub mod limits;
pub mod nav;
pub mod parse;
pub mod problem;
pub mod types;
pub mod validate;
mod validator;

use std::path::{Path, PathBuf};

use bevy::prelude::*;

use crate::core::flow::{AfterLoading, AppState, BeginDream, Chapter, LoadingGate};

pub use parse::{load_level_file, parse_level};
pub(crate) use problem::Problem;
pub use types::*;

/// The level files built into the game, as they were in `levels/` when it was built.
pub(crate) const BUILT_IN: [(&str, &str); 2] = [
    ("city.ron", include_str!("../../levels/city.ron")),
    ("garden.ron", include_str!("../../levels/garden.ron")),
];

/// Where the game reads its levels from: the ones built in, or a folder of `city.ron` and
/// `garden.ron` (`--levels DIR`, for modders and for tests).
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub enum LevelsSource {
    #[default]
    BuiltIn,
    Folder(PathBuf),
}

impl LevelsSource {
    /// The path a level file's problems name: `levels/NAME` for the built-in ones (where
    /// they live in the game's source), otherwise the file in the folder.
    pub fn path_of(&self, name: &str) -> PathBuf {
        match self {
            LevelsSource::BuiltIn => Path::new("levels").join(name),
            LevelsSource::Folder(dir) => dir.join(name),
        }
    }

    /// The level file `name`, read and validated.
    pub fn load(&self, name: &str) -> Result<LevelDef, Vec<Problem>> {
        match self {
            LevelsSource::BuiltIn => {
                let text = BUILT_IN
                    .iter()
                    .find(|(file, _)| *file == name)
                    .map_or("", |(_, text)| text);
                parse_level(&self.path_of(name), text)
            }
            LevelsSource::Folder(dir) => load_level_file(&dir.join(name)),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            LevelsSource::BuiltIn => "the game's own levels".into(),
            LevelsSource::Folder(dir) => dir.display().to_string(),
        }
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

    /// Loads `city.ron` and `garden.ron` from `source`, gathering every problem in both.
    pub fn load(source: &LevelsSource) -> Result<Self, Vec<Problem>> {
        let city = source.load("city.ron");
        let garden = source.load("garden.ron");
        let mut problems = Vec::new();
        let mut expect_kind =
            |result: Result<LevelDef, Vec<Problem>>, kind: LevelKind, file: &str| match result {
                Ok(level) if level.kind == kind => Some(level),
                Ok(level) => {
                    problems.push(Problem {
                        file: source.path_of(file),
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

/// Problems that stopped the levels from loading; the game shows them instead of playing.
#[derive(Resource, Debug, Clone, Default)]
pub struct LoadProblems(pub Vec<Problem>);

/// Loads the levels when the game starts, and routes to the title or to the problem screen.
/// Reads them from the `LevelsSource` inserted before, otherwise the built-in ones.
pub fn plugin(app: &mut App) {
    app.init_resource::<LevelsSource>()
        .init_resource::<LoadProblems>()
        .add_systems(OnEnter(AppState::Loading), load_levels)
        .add_systems(
            Update,
            leave_when_the_gate_opens
                .run_if(in_state(AppState::Loading).and_then(resource_exists::<LeaveLoading>)),
        );
}

/// The levels are read but the gate was closed: the game leaves Loading once it opens.
#[derive(Resource, Debug)]
struct LeaveLoading;

fn leave_when_the_gate_opens(
    mut commands: Commands,
    gate: Res<LoadingGate>,
    route: Res<AfterLoading>,
    next: ResMut<NextState<AppState>>,
    dream: MessageWriter<BeginDream>,
) {
    if gate.waiting {
        return;
    }
    commands.remove_resource::<LeaveLoading>();
    leave_loading(*route, next, dream);
}

/// To the title, or straight into a dream.
fn leave_loading(
    route: AfterLoading,
    mut next: ResMut<NextState<AppState>>,
    mut dream: MessageWriter<BeginDream>,
) {
    match route {
        AfterLoading::Title => next.set(AppState::Title),
        AfterLoading::Dream(chapter) => {
            dream.write(BeginDream { chapter });
        }
    }
}

fn load_levels(
    mut commands: Commands,
    source: Res<LevelsSource>,
    preloaded: Option<Res<Levels>>,
    route: Res<AfterLoading>,
    gate: Res<LoadingGate>,
    mut next: ResMut<NextState<AppState>>,
    dream: MessageWriter<BeginDream>,
) {
    if preloaded.is_none() {
        match Levels::load(&source) {
            Ok(levels) => {
                info!(
                    "levels loaded from {}: {} and {}",
                    source.describe(),
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
    if gate.waiting {
        commands.insert_resource(LeaveLoading);
        return;
    }
    leave_loading(*route, next, dream);
}
