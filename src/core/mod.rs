//! The core: what every other part stands on. The app's states and how a dream begins and
//! ends, the fixed tick and its order, the input frame and where it comes from, the seeded
//! random generator, the settings type, and the headless app. Uses nothing else of ours.

pub mod assets;
pub mod controls;
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

/// The simulation's version: raise it whenever the dream's logic would play the same inputs
/// differently. A run verifies only on the simulation it was played on; the golden run under
/// `tests/golden/` fails CI when the logic changes without it.
/// 1: 0.1.0 (the platform's maths library). 2: portable maths.
pub(crate) const SIMULATION_VERSION: u32 = 2;

/// States, the tick, the input frame, the generator and the settings resource.
pub fn plugin(app: &mut App) {
    app.add_plugins((flow::plugin, input::plugin, rng::plugin, settings::plugin));
}
