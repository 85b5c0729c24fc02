//! The core: what every other part stands on. The app's states and how a dream begins and
//! ends, the fixed tick and its order, the input frame and where it comes from, the seeded
//! random generator, the settings type, and the headless app. Uses nothing else of ours.

pub mod fingerprint;
pub mod flow;
pub mod headless;
pub mod input;
pub mod rng;
pub mod settings;
pub mod ticks;

use bevy::prelude::*;

/// The game's version, written into run files.
pub const GAME_VERSION: &str = env!("CARGO_PKG_VERSION");

/// States, the tick, the input frame, the generator and the settings resource.
pub fn plugin(app: &mut App) {
    app.add_plugins((flow::plugin, input::plugin, rng::plugin, settings::plugin));
}
