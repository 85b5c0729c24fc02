//! `begin-again check`: every level file read and validated, one `FILE:LINE:COL: message` line
//! per problem, and a summary of the files that are sound.

use std::path::{Path, PathBuf};

use super::parse::load_level_file;
use super::types::{LevelDef, LevelKind};

/// What `check` found: a line per problem (`FILE:LINE:COL: message`) or the summary of the
/// sound files, and whether all of them are sound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub lines: Vec<String>,
    pub sound: bool,
}

/// Checks `files`, or every `.ron` file in the levels folder when none are named.
pub fn check_files(files: &[PathBuf]) -> CheckReport {
    let failed = |line: String| CheckReport {
        lines: vec![line],
        sound: false,
    };
    let files = if files.is_empty() {
        let dir = super::default_levels_dir();
        match std::fs::read_dir(&dir) {
            Ok(entries) => {
                let mut found: Vec<PathBuf> = entries
                    .filter_map(|entry| entry.ok().map(|e| e.path()))
                    .filter(|path| path.extension().is_some_and(|ext| ext == "ron"))
                    .collect();
                found.sort();
                found
            }
            Err(error) => {
                return failed(format!(
                    "{}:1:1: cannot read the levels folder: {error}",
                    dir.display()
                ));
            }
        }
    } else {
        files.to_vec()
    };
    if files.is_empty() {
        return failed("no level files to check".into());
    }
    let mut lines = Vec::new();
    let mut problem_count = 0;
    let mut summaries = Vec::new();
    for file in &files {
        match load_level_file(file) {
            Ok(level) => summaries.push(summary(file, &level)),
            Err(problems) => {
                problem_count += problems.len();
                lines.extend(problems.iter().map(ToString::to_string));
            }
        }
    }
    if problem_count == 0 {
        lines.push(format!(
            "{} level files valid: {}",
            files.len(),
            summaries.join("; ")
        ));
    } else {
        lines.push(format!(
            "{problem_count} problem(s) in {} file(s)",
            files.len()
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
