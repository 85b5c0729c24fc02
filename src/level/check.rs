//! `begin-again check`: every level file read and validated, one `FILE:LINE:COL: message` line
//! per problem, and a summary of the files that are sound.

use std::path::{Path, PathBuf};

use super::parse::load_level_file;
use super::problem::Problem;
use super::types::{LevelDef, LevelKind};
use super::{Levels, LevelsSource};

/// What `check` found: a line per problem (`FILE:LINE:COL: message`) or the summary of the
/// sound files, and whether all of them are sound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CheckReport {
    pub lines: Vec<String>,
    pub sound: bool,
}

/// Checks `files`, or when none are named the levels the game plays from `source` (both of
/// them, each as the level it must be).
pub(crate) fn check_files(files: &[PathBuf], source: &LevelsSource) -> CheckReport {
    let checked: Vec<(PathBuf, Result<LevelDef, Vec<Problem>>)> = if files.is_empty() {
        let levels = Levels::load(source);
        let names = ["city.ron", "garden.ron"];
        match levels {
            Ok(levels) => names
                .iter()
                .zip([levels.city, levels.garden])
                .map(|(name, level)| (source.path_of(name), Ok(level)))
                .collect(),
            Err(problems) => vec![(source.path_of("levels"), Err(problems))],
        }
    } else {
        files
            .iter()
            .map(|file| (file.clone(), load_level_file(file)))
            .collect()
    };
    let mut lines = Vec::new();
    let mut problem_files: Vec<&Path> = Vec::new();
    let mut problem_count = 0;
    let mut summaries = Vec::new();
    for (file, result) in &checked {
        match result {
            Ok(level) => summaries.push(summary(file, level)),
            Err(problems) => {
                problem_count += problems.len();
                for problem in problems {
                    lines.push(problem.to_string());
                    if !problem_files.contains(&problem.file.as_path()) {
                        problem_files.push(&problem.file);
                    }
                }
            }
        }
    }
    if problem_count == 0 {
        lines.push(format!(
            "{} level files valid: {}",
            checked.len(),
            summaries.join("; ")
        ));
    } else {
        lines.push(format!(
            "{problem_count} problem(s) in {} file(s)",
            problem_files.len()
        ));
    }
    CheckReport {
        lines,
        sound: problem_count == 0,
    }
}

fn summary(file: &Path, level: &LevelDef) -> String {
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    match level.kind {
        LevelKind::City => format!(
            "{name} ({}: {} obstacles, {} door candidates)",
            level.name,
            level.obstacles.len(),
            level.doors.len()
        ),
        LevelKind::Garden => format!(
            "{name} ({}: {} obstacles, {} voice flowers, {} fragment candidates)",
            level.name,
            level.obstacles.len(),
            level.voices.len(),
            level.fragments.as_ref().map_or(0, |f| f.candidates.len())
        ),
    }
}
