//! `begin-again check`: every level file read and validated, one `FILE:LINE:COL: message` line
//! per problem, and a summary of the files that are sound.

use std::path::{Path, PathBuf};

use super::parse::load_level_file;
use super::types::{LevelDef, LevelKind};

/// `begin-again check [FILE…]`: one `FILE:LINE:COL: message` line per problem.
pub fn check_command(files: &[PathBuf]) -> std::process::ExitCode {
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
                println!(
                    "{}:1:1: cannot read the levels folder: {error}",
                    dir.display()
                );
                return std::process::ExitCode::FAILURE;
            }
        }
    } else {
        files.to_vec()
    };
    if files.is_empty() {
        println!("no level files to check");
        return std::process::ExitCode::FAILURE;
    }
    let mut problem_count = 0;
    let mut summaries = Vec::new();
    for file in &files {
        match load_level_file(file) {
            Ok(level) => summaries.push(summary(file, &level)),
            Err(problems) => {
                problem_count += problems.len();
                for problem in problems {
                    println!("{problem}");
                }
            }
        }
    }
    if problem_count == 0 {
        println!(
            "{} level files valid: {}",
            files.len(),
            summaries.join("; ")
        );
        std::process::ExitCode::SUCCESS
    } else {
        println!("{problem_count} problem(s) in {} file(s)", files.len());
        std::process::ExitCode::FAILURE
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
