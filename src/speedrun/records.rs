//! Personal bests, best segments and attempt counts for each speedrun category, every finished
//! run saved as a replay, and the personal best's ghost track; kept between launches in the
//! data folder, written atomically. A corrupt file is moved aside and reported; a worse run
//! never replaces a personal best.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::ghost::{Ghost, GhostTrack, TrackSoFar, ghost_path};
use super::runs::Recording;
use super::timer::{Category, RunTimer, SPLITS, Speedrun, SplitTime, TimerStarted};
use crate::core::flow::AppState;
use crate::saving::{load_versioned, read_or_set_aside, save_ron, write_atomically};

/// The format version of the records file.
pub const RECORDS_VERSION: u32 = 1;

/// Everything kept for every category played.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Records {
    pub version: u32,
    pub categories: Vec<CategoryRecord>,
}

/// One category's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryRecord {
    pub category: Category,
    /// Runs started (the timer ran).
    pub attempts: u32,
    /// Runs that reached the waking and counted for the category.
    pub finished: u32,
    pub personal_best: Option<PersonalBest>,
    /// The fastest each segment has ever been run (game and real time each on its own).
    pub best_segments: Vec<Option<SplitTime>>,
}

/// The fastest run of a category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonalBest {
    pub time: SplitTime,
    pub splits: Vec<SplitTime>,
    pub seed: u64,
    /// Its replay, in the runs folder.
    pub run_file: String,
}

/// What a finished run did to its category's records.
#[derive(Debug, Clone, PartialEq)]
pub struct Finish {
    pub new_personal_best: bool,
    /// The personal best before this run (the one its deltas are against).
    pub previous_best: Option<PersonalBest>,
    /// For each segment: a new best segment.
    pub golds: Vec<bool>,
}

/// The length of each segment: each split minus the one before.
pub fn segments(splits: &[SplitTime]) -> Vec<SplitTime> {
    let mut before = SplitTime::default();
    splits
        .iter()
        .map(|&split| {
            let segment = SplitTime {
                game: split.game.saturating_sub(before.game),
                real: split.real.saturating_sub(before.real),
            };
            before = split;
            segment
        })
        .collect()
}

impl CategoryRecord {
    /// A category with nothing run yet.
    pub fn new(category: Category) -> Self {
        Self {
            category,
            attempts: 0,
            finished: 0,
            personal_best: None,
            best_segments: vec![None; SPLITS.len()],
        }
    }

    /// The sum of the best segments, once every segment has been run.
    pub fn sum_of_best(&self) -> Option<SplitTime> {
        self.best_segments
            .iter()
            .try_fold(SplitTime::default(), |sum, best| {
                best.map(|b| SplitTime {
                    game: sum.game + b.game,
                    real: sum.real + b.real,
                })
            })
    }
}

impl Records {
    pub fn new() -> Self {
        Self {
            version: RECORDS_VERSION,
            categories: Vec::new(),
        }
    }

    pub fn get(&self, category: Category) -> Option<&CategoryRecord> {
        self.categories.iter().find(|c| c.category == category)
    }

    fn entry(&mut self, category: Category) -> &mut CategoryRecord {
        if let Some(index) = self.categories.iter().position(|c| c.category == category) {
            return &mut self.categories[index];
        }
        self.categories.push(CategoryRecord::new(category));
        self.categories.last_mut().expect("just pushed")
    }

    pub fn count_attempt(&mut self, category: Category) {
        self.entry(category).attempts += 1;
    }

    /// Takes in a finished, complete run. Best segments only ever improve; the personal best
    /// is replaced only by a faster game time.
    pub fn record_finish(
        &mut self,
        category: Category,
        splits: &[SplitTime],
        seed: u64,
        run_file: &str,
    ) -> Finish {
        let record = self.entry(category);
        record.finished += 1;
        record.best_segments.resize(SPLITS.len(), None);
        let mut golds = Vec::new();
        for (best, segment) in record.best_segments.iter_mut().zip(segments(splits)) {
            let gold = best.is_none_or(|b| segment.game < b.game);
            golds.push(gold);
            *best = Some(match *best {
                None => segment,
                Some(b) => SplitTime {
                    game: b.game.min(segment.game),
                    real: b.real.min(segment.real),
                },
            });
        }
        let time = *splits.last().expect("a finished run has its splits");
        let previous_best = record.personal_best.clone();
        let new_personal_best = previous_best
            .as_ref()
            .is_none_or(|pb| time.game < pb.time.game);
        if new_personal_best {
            record.personal_best = Some(PersonalBest {
                time,
                splits: splits.to_vec(),
                seed,
                run_file: run_file.into(),
            });
        }
        Finish {
            new_personal_best,
            previous_best,
            golds,
        }
    }
}

/// Reads the records. None yet: empty. A corrupt file is moved aside and reported, and the
/// records start empty (the old file is kept, never written over).
pub fn load_records(path: &Path) -> (Records, Option<String>) {
    let check = |records: &Records| match records
        .categories
        .iter()
        .find(|c| c.best_segments.len() != SPLITS.len())
    {
        Some(c) => Err(format!(
            "{}: {} best segments, not {}",
            c.category.name(),
            c.best_segments.len(),
            SPLITS.len()
        )),
        None => Ok(()),
    };
    load_versioned(
        path,
        Records::new(),
        RECORDS_VERSION,
        |records| records.version,
        check,
        "personal bests start afresh",
    )
}

pub fn save_records(path: &Path, records: &Records) -> Result<(), String> {
    save_ron(path, records)
}

/// Where the personal bests go.
pub fn records_path(dir: &Path) -> PathBuf {
    dir.join("speedrun.ron")
}

/// The records file and folder in use, and what went wrong reading it.
#[derive(Resource, Debug, Clone)]
pub struct RecordsPlace {
    pub dir: PathBuf,
    pub problem: Option<String>,
}

/// The result of the run just finished, for the results table.
#[derive(Resource, Debug, Clone, Default)]
pub struct LastRun {
    pub category: Option<Category>,
    pub splits: Vec<SplitTime>,
    pub finish: Option<Finish>,
    pub incomplete: Option<String>,
    pub run_file: Option<PathBuf>,
}

/// Where the records are kept: the data folder in the game, a test's own folder in tests.
/// Inserted before the records' plugin is added; without it, the data folder.
#[derive(Resource, Debug, Clone)]
pub struct RecordsDir(pub PathBuf);

/// Personal bests, replays and the ghost, read when the game starts and kept as runs end.
pub fn plugin(app: &mut App) {
    let dir = app
        .world()
        .get_resource::<RecordsDir>()
        .map_or_else(crate::saving::data_dir, |dir| dir.0.clone());
    let (records, problem) = load_records(&records_path(&dir));
    if let Some(problem) = &problem {
        warn!("{problem}");
    }
    app.insert_resource(records)
        .insert_resource(RecordsPlace { dir, problem })
        .init_resource::<LastRun>()
        .add_plugins(super::ghost::plugin)
        .add_systems(OnEnter(AppState::Playing), prepare_attempt)
        .add_systems(
            Update,
            (count_attempt.run_if(on_message::<TimerStarted>), finish_run),
        );
}

fn prepare_attempt(
    speedrun: Res<Speedrun>,
    place: Res<RecordsPlace>,
    mut last: ResMut<LastRun>,
    mut track: ResMut<TrackSoFar>,
    mut ghost: ResMut<Ghost>,
) {
    *last = LastRun::default();
    track.0.points.clear();
    ghost.0 = None;
    let Some(category) = speedrun.0 else {
        return;
    };
    let path = ghost_path(&place.dir, category);
    match read_or_set_aside::<GhostTrack>(&path, |_| Ok(())) {
        Ok(found) => ghost.0 = found,
        Err(problem) => warn!("{problem}; no ghost this run"),
    }
}

fn count_attempt(speedrun: Res<Speedrun>, place: Res<RecordsPlace>, mut records: ResMut<Records>) {
    let Some(category) = speedrun.0 else {
        return;
    };
    records.count_attempt(category);
    if let Err(problem) = save_records(&records_path(&place.dir), &records) {
        error!("{problem}");
    }
}

/// When a speedrun wakes: save its replay, update the records, keep its ghost if it is the
/// new personal best.
fn finish_run(world: &mut World) {
    let Some(category) = world.resource::<Speedrun>().0 else {
        return;
    };
    let timer = world.resource::<RunTimer>().clone();
    if timer.finished().is_none() || world.resource::<LastRun>().category.is_some() {
        return;
    }
    let dir = world.resource::<RecordsPlace>().dir.clone();
    let mut last = LastRun {
        category: Some(category),
        splits: timer.splits.clone(),
        incomplete: timer.incomplete.clone(),
        ..default()
    };
    let Some(recording) = Recording::of_finished_run(world, category) else {
        return;
    };
    let run_name = format!(
        "{}-{}-{}.ron",
        category.slug(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        recording.time_ticks
    );
    let run_path = dir.join("runs").join(&run_name);
    match write_atomically(&run_path, &recording.to_ron()) {
        Ok(()) => {
            info!("run saved to {}", run_path.display());
            last.run_file = Some(run_path);
        }
        Err(error) => error!("{}: cannot save the run: {error}", run_path.display()),
    }
    if timer.incomplete.is_none() {
        let finish = world.resource_mut::<Records>().record_finish(
            category,
            &timer.splits,
            recording.seed,
            &run_name,
        );
        if finish.new_personal_best {
            let track = world.resource::<TrackSoFar>().0.clone();
            let text = ron::ser::to_string(&track).expect("a ghost serializes");
            if let Err(error) = write_atomically(&ghost_path(&dir, category), &text) {
                error!("cannot save the ghost: {error}");
            }
        }
        last.finish = Some(finish);
        let records = world.resource::<Records>().clone();
        if let Err(problem) = save_records(&records_path(&dir), &records) {
            error!("{problem}");
        }
    }
    world.insert_resource(last);
}
