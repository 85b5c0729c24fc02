//! The headless app: no window, GPU or sound, a set number of fixed ticks per update. Tests, `verify` and
//! `autoplay` build the dream's logic on it.

use std::time::Duration;

use bevy::ecs::schedule::SingleThreadedExecutor;
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;

use super::ticks::TICK_HZ;

/// An app whose time advances exactly `ticks_per_update` fixed ticks each `update`, ready for
/// logic plugins. Tests step one tick at a time; a re-simulation runs several per update, as a
/// slow frame does in play, so the work around the ticks is paid once for all of them. No task
/// pools are ticked: everything runs on this thread, and ticking three idle pools a hundred
/// times a frame was a fifth of a re-simulation's time.
pub fn app(ticks_per_update: u32) -> App {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins.build().disable::<TaskPoolPlugin>(),
        StatesPlugin,
    ))
    .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs_f64(
        f64::from(ticks_per_update) / TICK_HZ,
    )));
    app
}

/// Runs every schedule on this thread. A headless app steps one short tick per update, and
/// the multi-threaded executor would spend most of it parking and waking its threads. Call it
/// once the plugins are added; schedules made after that keep the default executor until it
/// is called again.
pub(crate) fn single_threaded(app: &mut App) {
    let mut schedules = app.world_mut().resource_mut::<Schedules>();
    for (_, schedule) in schedules.iter_mut() {
        schedule.set_executor(SingleThreadedExecutor::new());
    }
}
