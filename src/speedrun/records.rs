//! Personal bests, best segments and attempt counts for each speedrun category, every finished
//! run saved as a replay, and the personal best's ghost track; kept between launches in the
//! data folder, written atomically. A corrupt file is moved aside and reported; a worse run
//! never replaces a personal best.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::ghost::{Ghost, GhostTrack, TrackSoFar, ghost_path};
use super::race::Race;
use super::runs::MAX_RUN_TICKS;
use super::runs::Recording;
use super::timer::not_practising;
use super::timer::{Category, RunTimer, SPLITS, Speedrun, SplitTime, TimerStarted};
use crate::core::flow::AppState;
use crate::saving::{Notices, load_versioned, read_or_set_aside, save_ron, write_atomically};

/// The format version of the records file.
pub(crate) const RECORDS_VERSION: u32 = 1;

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
    /// The replay each best game-time segment was run in (kept when old runs are pruned).
    #[serde(default)]
    pub best_segment_runs: Vec<Option<String>>,
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
            best_segment_runs: vec![None; SPLITS.len()],
        }
    }

    /// The sum of the best segments, once every segment has been run.
    pub fn sum_of_best(&self) -> Option<SplitTime> {
        self.best_segments
            .iter()
            .try_fold(SplitTime::default(), |sum, best| {
                best.map(|b| SplitTime {
                    game: sum.game.saturating_add(b.game),
                    real: sum.real.saturating_add(b.real),
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
        let record = self.entry(category);
        record.attempts = record.attempts.saturating_add(1);
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
        record.finished = record.finished.saturating_add(1);
        record.best_segments.resize(SPLITS.len(), None);
        record.best_segment_runs.resize(SPLITS.len(), None);
        let mut golds = Vec::new();
        for ((best, best_run), segment) in record
            .best_segments
            .iter_mut()
            .zip(&mut record.best_segment_runs)
            .zip(segments(splits))
        {
            let gold = is_gold(segment, *best);
            golds.push(gold);
            if gold {
                *best_run = Some(run_file.into());
            }
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

/// The most categories a records file may hold (every set seed is one: more than anyone runs).
pub(crate) const MAX_CATEGORIES: usize = 10_000;

/// Whether `name` is a plain run file name in the runs folder (no folder of its own, no way
/// out of the runs folder).
pub(crate) fn is_run_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 200
        && name.ends_with(".ron")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !name.starts_with('.')
}

/// Checks a records file past its syntax: what no finished run could have made is refused.
fn check_records(records: &Records) -> Result<(), String> {
    if records.categories.len() > MAX_CATEGORIES {
        return Err(format!(
            "{} categories, more than the {MAX_CATEGORIES} kept",
            records.categories.len()
        ));
    }
    let in_range =
        |time: &SplitTime| time.game <= MAX_RUN_TICKS && time.real <= MAX_RUN_TICKS * 100;
    for (index, record) in records.categories.iter().enumerate() {
        let name = record.category.name();
        if records.categories[..index]
            .iter()
            .any(|other| other.category == record.category)
        {
            return Err(format!("{name} is listed twice"));
        }
        if record.best_segments.len() != SPLITS.len() {
            return Err(format!(
                "{name}: {} best segments, not {}",
                record.best_segments.len(),
                SPLITS.len()
            ));
        }
        if !record.best_segments.iter().flatten().all(in_range) {
            return Err(format!("{name}: a best segment longer than a run may take"));
        }
        if record
            .best_segment_runs
            .iter()
            .flatten()
            .any(|run| !is_run_file_name(run))
        {
            return Err(format!(
                "{name}: a best segment's replay is not a run file name"
            ));
        }
        if let Some(pb) = &record.personal_best {
            if pb.splits.len() != SPLITS.len() || !pb.splits.iter().all(in_range) {
                return Err(format!(
                    "{name}: the personal best's splits are not a run's"
                ));
            }
            if pb.splits.windows(2).any(|w| w[1].game < w[0].game)
                || pb.splits.last() != Some(&pb.time)
            {
                return Err(format!(
                    "{name}: the personal best's splits are out of order"
                ));
            }
            if !is_run_file_name(&pb.run_file) {
                return Err(format!(
                    "{name}: the personal best's replay \"{}\" is not a run file name",
                    pb.run_file.escape_debug()
                ));
            }
        }
    }
    Ok(())
}

/// Reads the records. None yet: empty. A corrupt file, or one no run could have made, is moved
/// aside and reported, and its last good copy used if there is one (the old file is kept,
/// never written over); otherwise the records start empty.
pub fn load_records(path: &Path) -> (Records, Option<String>) {
    load_versioned(
        path,
        Records::new(),
        RECORDS_VERSION,
        |records| records.version,
        check_records,
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
pub(crate) struct LastRun {
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

/// Finished runs kept in the runs folder for each category beside the personal best's and
/// every best segment's: the newest this many.
pub(crate) const RECENT_RUNS_KEPT: usize = 20;

/// Personal bests, replays and the ghost, read when the game starts and kept as runs end.
pub fn plugin(app: &mut App) {
    let dir = app
        .world()
        .get_resource::<RecordsDir>()
        .map_or_else(crate::saving::data_dir, |dir| dir.0.clone());
    let (records, problem) = load_records(&records_path(&dir));
    let mut notices = app.world_mut().get_resource_or_init::<Notices>();
    if let Some(problem) = &problem {
        notices.tell(problem.clone());
    }
    app.insert_resource(records)
        .insert_resource(RecordsPlace { dir, problem })
        .init_resource::<LastRun>()
        .add_plugins(super::ghost::plugin)
        .add_systems(OnEnter(AppState::Playing), prepare_attempt)
        .add_systems(
            Update,
            // Practice never touches the real records.
            (count_attempt.run_if(on_message::<TimerStarted>), finish_run).run_if(not_practising),
        );
    let practice_file = super::bests::practice_path(&app.world().resource::<RecordsPlace>().dir);
    super::bests::keep_bests(app, practice_file);
}

fn prepare_attempt(
    speedrun: Res<Speedrun>,
    place: Res<RecordsPlace>,
    mut last: ResMut<LastRun>,
    mut track: ResMut<TrackSoFar>,
    mut ghost: ResMut<Ghost>,
    race: Res<Race>,
    mut notices: ResMut<Notices>,
) {
    *last = LastRun::default();
    track.0.points.clear();
    ghost.0 = None;
    let Some(category) = speedrun.0 else {
        return;
    };
    // Racing a rival in its category: the rival's ghost walks instead of the personal best's.
    if let Some(rival) = race.0.as_ref().filter(|rival| rival.category == category) {
        ghost.0 = Some(rival.track.clone());
        return;
    }
    let path = ghost_path(&place.dir, category);
    let read = read_or_set_aside::<GhostTrack>(&path, GhostTrack::check);
    if let Some(problem) = read.problem {
        notices.tell(format!("{problem}; no ghost this run"));
    }
    ghost.0 = read.value;
}

fn count_attempt(
    speedrun: Res<Speedrun>,
    place: Res<RecordsPlace>,
    mut records: ResMut<Records>,
    mut notices: ResMut<Notices>,
) {
    let Some(category) = speedrun.0 else {
        return;
    };
    records.count_attempt(category);
    if let Err(problem) = save_records(&records_path(&place.dir), &records) {
        notices.tell(format!(
            "{problem}; the attempt is counted for this session"
        ));
    }
}

/// A name for a finished run of `category` not used in `folder` yet:
/// `CATEGORY-MILLISECONDS-TICKS.ron`.
fn new_run_name(folder: &Path, category: Category, time_ticks: u64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    (now..)
        .map(|stamp| format!("{}-{stamp}-{time_ticks}.ron", category.slug()))
        .find(|name| !folder.join(name).exists())
        .expect("some millisecond is free")
}

/// The run files of `category` in `folder`, newest first: names this game gave them.
fn runs_of(folder: &Path, category: Category) -> Vec<String> {
    let prefix = format!("{}-", category.slug());
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<(u64, String)> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| {
            let rest = name.strip_prefix(&prefix)?.strip_suffix(".ron")?;
            let (stamp, ticks) = rest.split_once('-')?;
            ticks.parse::<u64>().ok()?;
            Some((stamp.parse::<u64>().ok()?, name))
        })
        .collect();
    found.sort_by(|a, b| b.cmp(a));
    found.into_iter().map(|(_, name)| name).collect()
}

/// Removes the runs of `category` nobody needs: the personal best's replay, every best
/// segment's and the newest `RECENT_RUNS_KEPT` stay. Returns the names removed.
pub fn prune_runs(folder: &Path, category: Category, record: &CategoryRecord) -> Vec<String> {
    let kept: Vec<&str> = record
        .personal_best
        .iter()
        .map(|pb| pb.run_file.as_str())
        .chain(
            record
                .best_segment_runs
                .iter()
                .flatten()
                .map(String::as_str),
        )
        .collect();
    let mut removed = Vec::new();
    for name in runs_of(folder, category).into_iter().skip(RECENT_RUNS_KEPT) {
        if !kept.contains(&name.as_str()) && std::fs::remove_file(folder.join(&name)).is_ok() {
            removed.push(name);
        }
    }
    removed
}

/// When a speedrun wakes: save its replay, update the records, keep its ghost if it is the
/// new personal best, and prune runs nobody needs. What cannot be saved is said on screen;
/// the last good files stay.
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
    let mut problems = Vec::new();
    let runs = dir.join("runs");
    let run_name = new_run_name(&runs, category, recording.time_ticks);
    let run_path = runs.join(&run_name);
    match write_atomically(&run_path, &recording.to_ron()) {
        Ok(()) => {
            info!("run saved to {}", run_path.display());
            last.run_file = Some(run_path);
        }
        Err(error) => problems.push(format!(
            "{}: cannot save the run: {error}",
            run_path.display()
        )),
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
            let path = ghost_path(&dir, category);
            if let Err(error) = write_atomically(&path, &text) {
                problems.push(format!(
                    "{}: cannot save the ghost: {error}",
                    path.display()
                ));
            }
        }
        last.finish = Some(finish);
        let records = world.resource::<Records>().clone();
        if let Err(problem) = save_records(&records_path(&dir), &records) {
            problems.push(format!("{problem}; this run counts for this session"));
        }
        if let Some(record) = records.get(category) {
            let removed = prune_runs(&runs, category, record);
            if !removed.is_empty() {
                info!("{} old runs of {} pruned", removed.len(), category.name());
            }
        }
    }
    let mut notices = world.resource_mut::<Notices>();
    for problem in problems {
        notices.tell(problem);
    }
    world.insert_resource(last);
}

/// A gold split: a segment faster than the best ever run of it (or the first ever run). The
/// one rule the records keep and the live splits show.
pub(crate) fn is_gold(segment: SplitTime, best: Option<SplitTime>) -> bool {
    best.is_none_or(|b| segment.game < b.game)
}
