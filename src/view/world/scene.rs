//! What the garden's beats share, so no beat reaches into another: where the moon hangs, the
//! soft earth's colour, and the stained-glass colours of the heart's panes (the river's shards
//! carry them before the heart does).

use bevy::prelude::*;

/// Where the moon hangs in the garden's sky until she leans down: about 15 degrees up, low
/// enough to sit well inside a level view, where the lens does not stretch her.
pub(crate) const MOON_HOME: Vec3 = Vec3::new(260.0, 125.0, -380.0);

/// The garden's ground, which the river's banks meet.
pub(crate) const SOFT_EARTH: Color = Color::srgb(0.05, 0.04, 0.09);

/// The stained-glass colours of the heart's panes, one per fragment.
pub const PANE_COLORS: [Color; 7] = [
    Color::srgb(0.9, 0.15, 0.25),
    Color::srgb(0.98, 0.55, 0.12),
    Color::srgb(0.98, 0.85, 0.25),
    Color::srgb(0.2, 0.8, 0.4),
    Color::srgb(0.15, 0.75, 0.8),
    Color::srgb(0.2, 0.35, 0.95),
    Color::srgb(0.65, 0.3, 0.9),
];

pub fn pane_color(index: u32) -> Color {
    PANE_COLORS[index as usize % PANE_COLORS.len()]
}
