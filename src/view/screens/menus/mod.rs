//! Menus: each page (the title, chapters, settings, controls, pause, postcards, the speedrun
//! screen) over the navigation they share. Each button carries its own observer for `Chosen`
//! (and, where a value can be stepped, `Stepped`), so a page says in one place what its
//! buttons do.

pub mod chapters;
pub mod controls;
pub mod navigation;
pub mod pause;
pub mod postcards;
pub mod problems;
pub mod settings;
pub mod speedrun;
pub mod title;

use bevy::prelude::*;

pub(crate) use navigation::Menu;

/// The navigation first, then every page.
pub fn plugin(app: &mut App) {
    app.add_plugins((
        navigation::plugin,
        title::plugin,
        chapters::plugin,
        controls::plugin,
        pause::plugin,
        postcards::plugin,
        settings::plugin,
        speedrun::plugin,
        problems::plugin,
    ));
}
