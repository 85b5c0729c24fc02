//! The screens: what is drawn over the world in 2D. The widgets and their one palette
//! (`ui`), the menus, the HUD, subtitles and sound captions, notices, the results on waking,
//! taking a postcard, and the speedrunner's screens. Never a mesh or a 3D material.

pub mod captions;
pub mod heart_picture;
pub mod hud;
pub mod menus;
pub mod notices;
pub mod palette;
pub mod postcards;
pub mod results;
pub mod speedrun;
pub mod subtitles;
pub mod ui;
pub mod washes;

use bevy::prelude::*;

/// Every screen.
pub fn plugin(app: &mut App) {
    app.add_plugins((
        ui::plugin,
        hud::plugin,
        heart_picture::plugin,
        subtitles::plugin,
        captions::plugin,
        notices::plugin,
        results::plugin,
        postcards::plugin,
        menus::plugin,
        speedrun::plugin,
        washes::plugin,
    ));
}
