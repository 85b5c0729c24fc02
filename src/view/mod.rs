//! Everything the player sees, hears or touches, reacting to the dream's state: the camera and
//! the moods, each beat's look (the city, the door, the garden, the lotus's trees, the river,
//! the heart, the ending), the HUD and subtitles, the menus, the speedrunner's timer and
//! splits, sound (the only user of bevy_kira_audio), and the devices that fill the input
//! frame. Uses every other part.

pub mod assets;
pub mod camera;
pub mod captions;
pub mod city;
pub mod controls;
pub mod devices;
pub mod door;
pub mod ending;
pub mod garden;
pub mod heart;
pub mod hud;
pub mod keepsakes;
pub mod lotus;
pub mod materials;
pub mod menus;
pub mod mood;
pub mod motion;
pub mod notices;
pub mod postcards;
pub mod quality;
pub mod results;
pub mod river;
pub mod shapes;
pub mod sound;
pub mod speedrun;
pub mod subtitles;
pub mod ui;
pub mod window;

use bevy::prelude::*;

/// The whole view of the game, for the desktop app.
pub fn plugin(app: &mut App) {
    app.add_plugins((
        devices::plugin,
        camera::plugin,
        materials::plugin,
        city::plugin,
        door::plugin,
        garden::plugin,
        lotus::plugin,
        river::plugin,
        heart::plugin,
        ending::plugin,
        results::plugin,
        hud::plugin,
        subtitles::plugin,
        menus::plugin,
        sound::plugin,
    ))
    .add_plugins((
        keepsakes::plugin,
        notices::plugin,
        speedrun::plugin,
        window::plugin,
        quality::plugin,
        motion::plugin,
        ui::plugin,
        captions::plugin,
        postcards::plugin,
    ));
    use_the_dream_typeface(app);
}

/// The dream's typeface, Source Serif 4 (SIL Open Font License, `assets/fonts/`), in place of
/// Bevy's built-in face: every text without a font of its own is set in it, with the dream's
/// own dashes, ellipses and quotes.
pub const TYPEFACE: &str = "fonts/SourceSerif4-Regular.otf";

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
