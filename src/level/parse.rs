//! Reading a level file: RON into the level's types, with every problem placed at its file,
//! line and column, also for problems found after parsing.

use std::fmt;
use std::path::{Path, PathBuf};

use super::types::LevelDef;
use super::validate::{limits, validate};

/// One thing wrong with a level file, at a place in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.col,
            self.message
        )
    }
}

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

/// A step on the way to a place in RON text.
#[derive(Clone, Copy)]
pub(super) enum Step<'a> {
    /// A field name followed by a colon.
    Key(&'a str),
    /// The n-th (from 0) appearance of a string value, quotes included in the search.
    Str(&'a str, usize),
    /// The n-th element of the next list.
    Item(usize),
}

/// Finds line/column places in level text for problems found after parsing.
pub(super) struct Locator<'a> {
    pub(super) text: &'a str,
}

impl Locator<'_> {
    pub(super) fn find(&self, steps: &[Step]) -> (usize, usize) {
        let mut offset = 0;
        for step in steps {
            let found = match *step {
                Step::Key(key) => self.find_key(offset, key),
                Step::Str(value, nth) => {
                    let quoted = format!("\"{value}\"");
                    self.text[offset..]
                        .match_indices(&quoted)
                        .nth(nth)
                        .map(|(at, _)| offset + at)
                }
                Step::Item(index) => self.find_item(offset, index),
            };
            match found {
                Some(at) => offset = at,
                None => break,
            }
        }
        self.line_col(offset)
    }

    fn find_key(&self, from: usize, key: &str) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let mut search = from;
        while let Some(at) = self.text[search..].find(key) {
            let start = search + at;
            let end = start + key.len();
            let before_ok = start == 0 || !is_ident_byte(bytes[start - 1]);
            let after = self.text[end..].trim_start();
            let after_ok =
                (end >= bytes.len() || !is_ident_byte(bytes[end])) && after.starts_with(':');
            if before_ok && after_ok {
                return Some(start);
            }
            search = end;
        }
        None
    }

    /// Start of the `index`-th element of the first list at or after `from`.
    fn find_item(&self, from: usize, index: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let open = from + self.text[from..].find('[')?;
        let mut depth = 0usize;
        let mut element = 0usize;
        let mut expecting_element = false;
        let mut in_string = false;
        let mut i = open;
        while i < bytes.len() {
            let byte = bytes[i];
            if in_string {
                match byte {
                    b'\\' => i += 1,
                    b'"' => in_string = false,
                    _ => {}
                }
                i += 1;
                continue;
            }
            match byte {
                b'[' | b'(' | b'{' => {
                    if depth == 1 && expecting_element {
                        if element == index {
                            return Some(i);
                        }
                        expecting_element = false;
                    }
                    depth += 1;
                    if depth == 1 {
                        expecting_element = true;
                    }
                }
                b']' | b')' | b'}' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return None;
                    }
                }
                b',' if depth == 1 => {
                    element += 1;
                    expecting_element = true;
                }
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                byte if byte.is_ascii_whitespace() => {}
                byte => {
                    if depth == 1 && expecting_element {
                        if element == index {
                            return Some(i);
                        }
                        expecting_element = false;
                    }
                    if byte == b'"' {
                        in_string = true;
                    }
                }
            }
            i += 1;
        }
        None
    }

    fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

fn is_ident_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}
