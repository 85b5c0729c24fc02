//! The screens' one palette: the colours of text, buttons and the veil behind a page, the
//! speedrunner's colours for ahead, behind and gold, and the layers every screen is drawn on,
//! from the world's washes at the bottom to the notices on top.

use bevy::prelude::*;

/// Text.
pub(crate) const TEXT: Color = Color::srgb(0.92, 0.9, 1.0);
/// Text that stands back: hints, headings of figures, what is not chosen.
pub(crate) const DIM: Color = Color::srgba(0.85, 0.82, 0.95, 0.7);
pub(crate) const BUTTON: Color = Color::srgba(0.17, 0.15, 0.36, 0.9);
pub(crate) const BUTTON_FOCUS: Color = Color::srgba(0.33, 0.42, 0.88, 0.96);
/// The veil behind a page that stands over the game or the title's garden.
pub(crate) const VEIL: Color = Color::srgba(0.02, 0.01, 0.06, 0.7);
/// A panel's ground behind the timer and the splits.
pub(crate) const PANEL: Color = Color::srgba(0.02, 0.02, 0.06, 0.55);
/// A split ahead of the best.
pub(crate) const AHEAD: Color = Color::srgb(0.45, 0.95, 0.55);
/// A split behind the best; a button two actions share.
pub(crate) const BEHIND: Color = Color::srgb(1.0, 0.45, 0.45);
/// A best segment ever (a gold split).
pub(crate) const GOLD: Color = Color::srgb(1.0, 0.82, 0.3);

/// A button two actions share, on the controls page.
pub(crate) const CONFLICT: Color = Color::srgb(1.0, 0.62, 0.55);
/// A worry's stone in the HUD, solid enough not to pass for an empty slot, and its rim.
pub(crate) const WORRY_STONE: Color = Color::srgba(0.3, 0.28, 0.33, 0.95);
pub(crate) const WORRY_STONE_EDGE: Color = Color::srgba(0.62, 0.58, 0.7, 0.7);
/// Who speaks, in a subtitle; what they say; the ground behind the words (its opacity is
/// the player's).
pub(crate) const SPEAKER: Color = Color::srgb(0.75, 0.8, 1.0);
pub(crate) const SPOKEN: Color = Color::srgb(0.97, 0.95, 1.0);
pub(crate) const SUBTITLE_GROUND: Color = Color::srgb(0.02, 0.01, 0.06);

/// Ink on the morning's white, for the results on waking.
pub mod morning {
    use bevy::color::Color;

    pub const INK: Color = Color::srgb(0.22, 0.18, 0.32);
    pub const SOFT: Color = Color::srgb(0.42, 0.38, 0.52);
    pub const GOLD: Color = Color::srgb(0.75, 0.55, 0.05);
    pub const AHEAD: Color = Color::srgb(0.1, 0.55, 0.2);
    pub const BEHIND: Color = Color::srgb(0.7, 0.15, 0.15);
}

/// The layers of the screens, bottom to top: every `GlobalZIndex` in the view is one of these.
pub mod layer {
    use bevy::ui::GlobalZIndex;

    /// The shawl's warmth at the edges of the view.
    pub const WARMTH: GlobalZIndex = GlobalZIndex(10);
    /// Droplets clinging to the view after reaching into the river.
    pub const DROPLETS: GlobalZIndex = GlobalZIndex(20);
    /// A menu page and its veil.
    pub const PAGE: GlobalZIndex = GlobalZIndex(25);
    /// The speedrunner's timer, splits and segment timer; the morning's white.
    pub const HUD: GlobalZIndex = GlobalZIndex(30);
    /// Subtitles and sound captions.
    pub const SUBTITLES: GlobalZIndex = GlobalZIndex(35);
    /// The results on waking; a postcard's flash.
    pub const RESULTS: GlobalZIndex = GlobalZIndex(40);
    /// A speedrun's results table, beside the results.
    pub const RUN_RESULTS: GlobalZIndex = GlobalZIndex(45);
    /// The swell of light stepping through the door.
    pub const FLASH: GlobalZIndex = GlobalZIndex(50);
    /// The veil while practice hurries to a segment's start.
    pub const PRACTICE_VEIL: GlobalZIndex = GlobalZIndex(60);
    /// Notices about the player's files, above everything.
    pub const NOTICES: GlobalZIndex = GlobalZIndex(90);
}
