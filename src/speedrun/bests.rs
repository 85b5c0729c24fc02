//! Practice bests: the fastest each segment has been run in practice, per category, kept in
//! `practice.ron` apart from the real records, and the message that offers them a time.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::runs::MAX_RUN_TICKS;
use super::timer::{Category, SPLITS};
use crate::saving::{Notices, load_versioned, save_ron};

/// The format version of the practice file.
pub(crate) const PRACTICE_VERSION: u32 = 1;

/// A segment was finished in practice.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SegmentPractised {
    pub segment: usize,
    pub ticks: u64,
    /// The practice best before this one.
    pub best_before: Option<u64>,
}

/// The fastest each segment has been run in practice, per category.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PracticeBests {
    pub version: u32,
    pub categories: Vec<PracticeRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PracticeRecord {
    pub category: Category,
    /// Game ticks, one per split.
    pub best_segments: Vec<Option<u64>>,
}

impl PracticeBests {
    pub fn new() -> Self {
        Self {
            version: PRACTICE_VERSION,
            categories: Vec::new(),
        }
    }

    pub fn best(&self, category: Category, segment: usize) -> Option<u64> {
        self.categories
            .iter()
            .find(|r| r.category == category)
            .and_then(|r| r.best_segments.get(segment).copied().flatten())
    }

    /// Keeps `ticks` if it beats the best; returns the best before.
    pub fn offer(&mut self, category: Category, segment: usize, ticks: u64) -> Option<u64> {
        let index = match self.categories.iter().position(|r| r.category == category) {
            Some(index) => index,
            None => {
                self.categories.push(PracticeRecord {
                    category,
                    best_segments: vec![None; SPLITS.len()],
                });
                self.categories.len() - 1
            }
        };
        let slot = &mut self.categories[index].best_segments[segment];
        let before = *slot;
        if before.is_none_or(|best| ticks < best) {
            *slot = Some(ticks);
        }
        before
    }
}

fn check_practice(bests: &PracticeBests) -> Result<(), String> {
    for record in &bests.categories {
        if record.best_segments.len() != SPLITS.len() {
            return Err(format!(
                "{}: {} segments, not {}",
                record.category.name(),
                record.best_segments.len(),
                SPLITS.len()
            ));
        }
        if record
            .best_segments
            .iter()
            .flatten()
            .any(|&t| t == 0 || t > MAX_RUN_TICKS)
        {
            return Err(format!(
                "{}: a segment no run could take",
                record.category.name()
            ));
        }
    }
    Ok(())
}

pub fn practice_path(dir: &Path) -> PathBuf {
    dir.join("practice.ron")
}

/// Reads the practice bests; a broken file is set aside and reported, as every saved file is.
pub fn load_practice(path: &Path) -> (PracticeBests, Option<String>) {
    load_versioned(
        path,
        PracticeBests::new(),
        PRACTICE_VERSION,
        |bests| bests.version,
        check_practice,
        "practice bests start afresh",
    )
}

/// Where practice bests are kept (inserted by whoever keeps them; tests use their own folder).
#[derive(Resource, Debug, Clone)]
pub(crate) struct PracticeFile(pub PathBuf);

/// Practice bests read from and written to `file` (the data folder's `practice.ron`).
pub(crate) fn keep_bests(app: &mut App, file: PathBuf) {
    let (bests, problem) = load_practice(&file);
    if let Some(problem) = problem {
        app.world_mut()
            .get_resource_or_init::<Notices>()
            .tell(problem);
    }
    app.insert_resource(bests)
        .insert_resource(PracticeFile(file))
        .add_systems(Update, save_bests.run_if(on_message::<SegmentPractised>));
}

fn save_bests(
    bests: Res<PracticeBests>,
    file: Res<PracticeFile>,
    mut notices: Option<ResMut<Notices>>,
) {
    if let Err(problem) = save_ron(&file.0, &*bests)
        && let Some(notices) = notices.as_mut()
    {
        notices.tell(format!(
            "{problem}; practice bests are kept for this session"
        ));
    }
}
