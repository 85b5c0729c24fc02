//! How a run's times are written on the speedrunner's screens: in tabular figures, a delta
//! against a best as +s.mmm, and the run's heading (their colours are the palette's).

use bevy::prelude::*;
use bevy::text::{FontFeatureTag, FontFeatures};

use crate::core::ticks;
use crate::speedrun::timer::{Category, SeedChoice};
use crate::view::screens::palette::{AHEAD, BEHIND, GOLD, morning};
use crate::view::screens::ui::TextSize;

/// Text of times: the typeface's tabular figures, so running digits hold still.
pub fn figures(line: impl Into<String>, size: f32, color: Color) -> impl Bundle {
    (
        Text::new(line),
        TextFont {
            font_size: FontSize::Px(size),
            font_features: FontFeatures::from([FontFeatureTag::TABULAR_FIGURES]),
            ..default()
        },
        TextSize(size),
        TextColor(color),
    )
}

/// The category, and the seed drawn when it is random: a run worth keeping can be practised
/// again on its seed.
pub(crate) fn run_heading(category: Category, seed: u64) -> String {
    match category.seed {
        SeedChoice::Random => format!("{}  seed {seed}", category.name()),
        SeedChoice::Set(_) => category.name(),
    }
}

/// A signed difference of ticks as +s.mmm or -m:ss.mmm.
pub(crate) fn format_delta(ticks: i64) -> String {
    let sign = if ticks < 0 { '-' } else { '+' };
    let magnitude = ticks.unsigned_abs();
    let shown = ticks::format(magnitude);
    let shown = shown.strip_prefix("0:").unwrap_or(&shown);
    let shown = if magnitude < 600 {
        shown.trim_start_matches('0')
    } else {
        shown
    };
    let shown = if shown.starts_with('.') {
        format!("0{shown}")
    } else {
        shown.to_string()
    };
    format!("{sign}{shown}")
}

/// How a split stands against the best: a gold split (see `records::is_gold`), ahead of the
/// best's same split or level with it, or behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    Gold,
    Ahead,
    Behind,
}

impl Mark {
    /// Its colour over the game: light on the dark.
    pub(crate) fn over_the_game(self) -> Color {
        match self {
            Mark::Gold => GOLD,
            Mark::Ahead => AHEAD,
            Mark::Behind => BEHIND,
        }
    }

    /// Its colour in ink on the morning's white (the results on waking).
    pub(crate) fn on_the_morning(self) -> Color {
        match self {
            Mark::Gold => morning::GOLD,
            Mark::Ahead => morning::AHEAD,
            Mark::Behind => morning::BEHIND,
        }
    }
}

/// A split's delta against the best's same split, and how it stands. The one rule the live
/// splits and the results table both follow.
pub(crate) fn split_delta(done: u64, best: u64, gold: bool) -> (String, Mark) {
    let d = done as i64 - best as i64;
    let mark = if gold {
        Mark::Gold
    } else if d <= 0 {
        Mark::Ahead
    } else {
        Mark::Behind
    };
    (format_delta(d), mark)
}
