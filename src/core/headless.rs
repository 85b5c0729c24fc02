//! The headless app: no window, GPU or sound, one fixed tick per update. Tests, `verify` and
//! `autoplay` build the dream's logic on it.

use std::time::Duration;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;

use super::flow::DreamClock;
use super::input::InputFrame;
use super::ticks::TICK_HZ;

/// An app with time advancing exactly one fixed tick per `update`, ready for logic plugins.
pub fn app() -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin))
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs_f64(
            1.0 / TICK_HZ,
        )));
    app
}

/// Runs one gameplay tick with `frame` (a state change can take an update with no tick).
pub fn tick_with(app: &mut App, frame: InputFrame) {
    let clock = app.world().resource::<DreamClock>().tick;
    app.insert_resource(frame);
    for _ in 0..4 {
        app.update();
        if app.world().resource::<DreamClock>().tick > clock {
            break;
        }
    }
}
