//! The instant reset: a fresh attempt of the same category, nothing of the last one left.

use crate::support::*;
use crate::*;
use begin_again::core::flow::Chapter;
use begin_again::core::input::InputRecording;
use begin_again::dream::darkening::{Warmth, Worries};
use begin_again::dream::ending::Ending;
use begin_again::dream::lotus::River;
use begin_again::dream::portal::DoorPlan;
use begin_again::dream::river::{Fragment, Heart};
use begin_again::dream::voices::VoicesHeard;
use begin_again::speedrun::pilot::{Pilot, fly};
use begin_again::speedrun::timer::{ResetRun, Route, RunTimer, Speedrun};
use bevy::prelude::*;

#[test]
fn an_instant_reset_leaves_nothing_of_the_last_attempt() {
    let category = any_on(7);
    let mut app = speedrun_app(category, 7, |_| {});
    let fresh = snapshot(&mut app);
    let fresh_clock = clock(&app);
    // Into the garden and on to the lotus.
    let mut pilot = Pilot::new(Route::Any);
    fly(&mut app, &mut pilot, 60 * 60 * 20, |world| {
        world.resource::<RunTimer>().splits.len() >= 3
    })
    .unwrap();
    assert_eq!(chapter(&app), Some(Chapter::Garden));
    assert!(app.world().resource::<River>().awake);

    app.world_mut().write_message(ResetRun);
    let mut updates = 0;
    while chapter(&app) != Some(Chapter::City) || clock(&app) != fresh_clock {
        app.update();
        updates += 1;
        assert!(updates < 10, "the reset takes a few frames, no menu");
    }
    assert_eq!(snapshot(&mut app), fresh, "a fresh attempt, same category");
    assert_eq!(app.world().resource::<Speedrun>().0, Some(category));
    assert!(!timer(&app).started());
    hold(&mut app, forward_frame(), 1);
    assert!(
        timer(&app).started(),
        "the new attempt times from its own first step"
    );
}

/// What a player could notice of a dream's state.
fn snapshot(app: &mut App) -> String {
    format!("{} {:?}", exact_state(app), timer(app))
}

/// The dream's state, bit for bit (floats print exactly), without the wall clock: what a run
/// and a practice of it must agree on at a split.
pub(crate) fn exact_state(app: &mut App) -> String {
    let me = dreamer(app);
    let mut fragments: Vec<String> = app
        .world_mut()
        .query::<&Fragment>()
        .iter(app.world())
        .map(|f| format!("{f:?}"))
        .collect();
    fragments.sort();
    let world = app.world();
    let timer = world.resource::<RunTimer>();
    let game_splits: Vec<u64> = timer.splits.iter().map(|s| s.game).collect();
    format!(
        "tick {} {me:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} origin {:?} splits {game_splits:?} frames {} {:?} {fragments:?}",
        clock(app),
        world.resource::<Warmth>(),
        world.resource::<Worries>(),
        world.resource::<DoorPlan>().0,
        world.resource::<VoicesHeard>().0,
        world.resource::<Heart>(),
        world.resource::<River>(),
        world.resource::<Ending>(),
        timer.origin,
        world.resource::<InputRecording>().0.len(),
        chapter(app),
    )
}
