//! A problem in a level file, placed at its file, line and column, and the locator that finds
//! that place in RON text for problems found after parsing.

use std::fmt;
use std::path::PathBuf;

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
