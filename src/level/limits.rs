//! What a level may hold: beyond these limits no dream plays well (or `check` would take
//! long), and how many subtitle lines a spoken line wraps to.

/// The largest level file read.
pub(crate) const FILE_BYTES: usize = 1024 * 1024;
/// How far from the origin anything may stand, metres.
pub(crate) const COORDINATE: f32 = 10_000.0;
/// The bounds' span each way, metres: room to walk, and a walk grid of at most 4 million
/// cells.
pub(crate) const BOUNDS_SPAN: (f32, f32) = (8.0, 1000.0);
pub(crate) const OBSTACLES: usize = 500;
/// An obstacle's footprint, each way, metres.
pub(crate) const FOOTPRINT: (f32, f32) = (0.2, 60.0);
pub(crate) const HEIGHT: (f32, f32) = (0.5, 1000.0);
/// Door candidates in a city.
pub(crate) const DOORS: (usize, usize) = (1, 64);
/// Voice flowers in a garden.
pub(crate) const VOICES: (usize, usize) = (1, 64);
pub(crate) const FRAGRANCES: usize = 64;
pub(crate) const FRAGRANCE_RADIUS: (f32, f32) = (1.0, 100.0);
/// Worries that cling in the city: stones on the HUD, trees around the lotus.
pub(crate) const WORRIES: (u32, u32) = (1, 12);
/// Metres walked for the warmth to drain.
pub(crate) const DARKENING_DISTANCE: (f32, f32) = (10.0, 5000.0);
pub(crate) const WARMTH_FLOOR: (f32, f32) = (0.05, 0.9);
pub(crate) const LOTUS_RADIUS: (f32, f32) = (0.5, 20.0);
pub(crate) const RIVER_WIDTH: (f32, f32) = (1.0, 40.0);
pub(crate) const RIVER_POINTS: (usize, usize) = (2, 256);
/// Fragments to gather: the heart has seven panes.
pub(crate) const FRAGMENTS: (u32, u32) = (1, 7);
pub(crate) const CANDIDATES: usize = 256;
/// Names, speakers, ids: characters.
pub(crate) const NAME_CHARS: usize = 80;
/// A spoken line: characters.
pub(crate) const LINE_CHARS: usize = 400;
/// A memory fits in two lines of subtitle, this many characters each.
pub(crate) const SUBTITLE_LINE_CHARS: usize = 64;
pub(crate) const MEMORY_LINES: usize = 2;

/// How many subtitle lines of `width` characters `text` wraps to (word by word).
pub(crate) fn subtitle_lines(text: &str, width: usize) -> usize {
    let mut lines = 0;
    let mut current = 0;
    for word in text.split_whitespace() {
        let length = word.chars().count();
        if current == 0 {
            lines += 1;
            current = length;
        } else if current + 1 + length <= width {
            current += 1 + length;
        } else {
            lines += 1;
            current = length;
        }
    }
    lines
}
