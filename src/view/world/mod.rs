//! The world: each beat's 3D scene (the city, the door, the garden, the lotus's trees, the
//! river, the heart, the ending), the camera, the moods, materials and shapes they are made
//! of, render quality and the motion every animated effect follows. Never a UI node.

pub mod camera;
pub mod city;
pub mod door;
pub mod ending;
pub mod garden;
pub mod ghost;
pub mod heart;
pub mod lotus;
pub mod materials;
pub mod mood;
pub mod motion;
pub mod quality;
pub mod river;
pub mod scene;
pub mod shapes;
pub mod title;
pub mod whispers;

use bevy::prelude::*;

/// Every beat's scene and what they share.
pub fn plugin(app: &mut App) {
    app.add_plugins((
        camera::plugin,
        materials::plugin,
        city::plugin,
        door::plugin,
        garden::plugin,
        lotus::plugin,
        river::plugin,
        heart::plugin,
        ending::plugin,
        ghost::plugin,
        quality::plugin,
        motion::plugin,
        title::plugin,
        whispers::plugin,
    ));
}
