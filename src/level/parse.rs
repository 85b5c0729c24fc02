//! Reading a level file: RON into the level's types, with every problem placed at its file,
//! line and column, also for problems found after parsing.

use std::path::Path;

use super::limits;
use super::problem::Problem;
use super::types::LevelDef;
use super::validate::validate;

/// Reads and validates one level file.
pub fn load_level_file(path: &Path) -> Result<LevelDef, Vec<Problem>> {
    use std::io::Read;
    let problem = |message: String| {
        vec![Problem {
            file: path.to_owned(),
            line: 1,
            col: 1,
            message,
        }]
    };
    // Read no more than the limit allows (and one byte to tell it was exceeded), so a huge
    // or endless file (a device, a pipe) cannot stall or swamp the game.
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|file| {
        file.take(limits::FILE_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
    });
    if let Err(error) = read {
        return Err(problem(format!("cannot read the level file: {error}")));
    }
    if bytes.len() > limits::FILE_BYTES {
        return Err(too_large(path));
    }
    match String::from_utf8(bytes) {
        Ok(text) => parse_level(path, &text),
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&error.as_bytes()[..at]);
            let line = text.matches('\n').count() + 1;
            let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(vec![Problem {
                file: path.to_owned(),
                line,
                col,
                message: "the level file is not UTF-8 text".into(),
            }])
        }
    }
}

fn too_large(path: &Path) -> Vec<Problem> {
    vec![Problem {
        file: path.to_owned(),
        line: 1,
        col: 1,
        message: format!(
            "the level file is larger than {} KiB: no level needs so much",
            limits::FILE_BYTES / 1024
        ),
    }]
}

/// Parses and validates level text; `path` only names the file in problems.
pub fn parse_level(path: &Path, text: &str) -> Result<LevelDef, Vec<Problem>> {
    if text.len() > limits::FILE_BYTES {
        return Err(too_large(path));
    }
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let level: LevelDef = options.from_str(text).map_err(|error| {
        vec![Problem {
            file: path.to_owned(),
            line: error.span.start.line,
            col: error.span.start.col,
            message: error.code.to_string(),
        }]
    })?;
    let problems = validate(&level, path, text);
    if problems.is_empty() {
        Ok(level)
    } else {
        Err(problems)
    }
}
