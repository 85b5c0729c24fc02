//! Everything the player sees, hears or touches, reacting to the dream's state, in three
//! rooms: `world` (each beat's 3D scene, the camera, moods, materials, shapes, render quality
//! and motion), `screens` (the widgets and their one palette, the menus, HUD, subtitles,
//! captions, notices, results and the speedrunner's screens) and `sound` (the only user of
//! bevy_kira_audio). At the root: the built-in assets, the devices that fill the input frame
//! and the buttons bound to each action, and the window. Uses every other part.

pub mod assets;
pub mod controls;
pub mod devices;
pub mod screens;
pub mod sound;
pub mod window;
pub mod world;

use bevy::prelude::*;

/// The whole view of the game, for the desktop app.
pub fn plugin(app: &mut App) {
    app.add_plugins((
        devices::plugin,
        world::plugin,
        screens::plugin,
        sound::plugin,
        window::plugin,
    ));
    use_the_dream_typeface(app);
}

/// The dream's typeface, Source Serif 4 (SIL Open Font License, `assets/fonts/`), in place of
/// Bevy's built-in face: every text without a font of its own is set in it, with the dream's
/// own dashes, ellipses and quotes.
pub(crate) const TYPEFACE: &str = "fonts/SourceSerif4-Regular.otf";

fn use_the_dream_typeface(app: &mut App) {
    let Some(bytes) = crate::core::assets::ASSETS.get_file(TYPEFACE) else {
        warn!("{TYPEFACE} is missing from the built-in assets; text keeps Bevy's face");
        return;
    };
    let Some(mut fonts) = app.world_mut().get_resource_mut::<Assets<Font>>() else {
        return;
    };
    let face = Font::from_bytes(bytes.contents().to_vec());
    if let Err(error) = fonts.insert(AssetId::default(), face) {
        warn!("the dream's typeface could not be set: {error}");
    }
}
