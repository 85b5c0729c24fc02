//! The run's clock: when the timer starts and stops, where the splits land, and what game
//! time leaves out (the pause menu, the garden's loading).

use crate::support::*;
use crate::*;
use begin_again::core::flow::{Chapter, DreamClock, Pause};
use begin_again::core::input::InputFrame;
use begin_again::core::ticks;
use begin_again::dream::ending::{Awoke, Ending, MoonLeansDown};
use begin_again::dream::lotus::RiverAwakened;
use begin_again::dream::portal::{DoorAppeared, PortalEntered};
use begin_again::dream::river::HeartAssembled;
use begin_again::speedrun::autoplay::autoplay;
use begin_again::speedrun::pilot::{Pilot, fly, woken};
use begin_again::speedrun::timer::{LOADING_HOLD_FRAMES, Route, SPLITS, TimerStarted};
use bevy::prelude::*;

#[test]
fn the_timer_starts_at_the_first_movement_and_stops_at_the_dawn() {
    let mut app = speedrun_app(any_on(5), 5, |app| {
        listen::<TimerStarted>(app);
        listen::<Awoke>(app);
    });
    let base = clock(&app);
    // Standing, looking about and pressing Interact start nothing.
    hold(&mut app, InputFrame::default(), 40);
    hold(
        &mut app,
        InputFrame::new(Vec2::ZERO, Vec2::new(0.02, 0.01), true),
        20,
    );
    assert!(!timer(&app).started(), "no movement yet");
    assert_eq!(timer(&app).game_ticks(clock(&app)), 0);

    hold(&mut app, forward_frame(), 1);
    let start = clock(&app);
    assert_eq!(start, base + 61);
    assert_eq!(heard::<TimerStarted>(&app), vec![(start, TimerStarted)]);
    assert_eq!(
        timer(&app).game_ticks(start),
        1,
        "the first moving tick counts"
    );

    fly(&mut app, &mut Pilot::new(Route::Any), 60 * 60 * 20, woken).unwrap();
    let woke = app.world().resource::<Ending>().woke_on_tick.unwrap();
    let end = timer(&app).finished().expect("the run has its time");
    assert_eq!(heard::<Awoke>(&app), vec![(woke, Awoke { tick: woke })]);
    assert_eq!(end.game, woke - (start - 1), "game time ends on the dawn");
    // The clock stops there: the dawn and results add nothing.
    hold(&mut app, InputFrame::default(), 120);
    assert_eq!(timer(&app).game_ticks(clock(&app)), end.game);
    assert_eq!(ticks::format(60 * 61 + 30), "1:01.500");
}

#[test]
fn splits_land_on_the_beats_in_story_order() {
    let mut app = speedrun_app(any_on(2), 2, |app| {
        listen::<DoorAppeared>(app);
        listen::<PortalEntered>(app);
        listen::<RiverAwakened>(app);
        listen::<HeartAssembled>(app);
        listen::<MoonLeansDown>(app);
        listen::<Awoke>(app);
    });
    fly(&mut app, &mut Pilot::new(Route::Any), 60 * 60 * 20, woken).unwrap();
    let run = timer(&app);
    let origin = run.origin.unwrap();
    let beats = [
        heard::<DoorAppeared>(&app)[0].0,
        heard::<PortalEntered>(&app)[0].0,
        heard::<RiverAwakened>(&app)[0].0,
        heard::<HeartAssembled>(&app)[0].0,
        heard::<MoonLeansDown>(&app)[0].0,
        heard::<Awoke>(&app)[0].0,
    ];
    let splits: Vec<u64> = run.splits.iter().map(|s| s.game).collect();
    let expected: Vec<u64> = beats.iter().map(|tick| tick - origin).collect();
    assert_eq!(splits, expected, "each split on its beat's tick");
    assert!(
        splits.windows(2).all(|w| w[0] < w[1]),
        "in story order, each on its own tick: {splits:?}"
    );
    assert_eq!(splits.len(), SPLITS.len());
    assert_eq!(run.incomplete, None);
}

#[test]
fn game_time_leaves_out_the_pause_menu_and_loading() {
    let mut app = speedrun_app(any_on(1), 1, |_| {});
    hold(&mut app, forward_frame(), 30);
    let before = timer(&app).game_ticks(clock(&app));
    assert_eq!(before, 30);

    app.world_mut()
        .resource_mut::<NextState<Pause>>()
        .set(Pause::Paused);
    for _ in 0..200 {
        app.update();
    }
    assert_eq!(
        timer(&app).game_ticks(clock(&app)),
        before,
        "paused: game time stands still"
    );
    app.world_mut()
        .resource_mut::<NextState<Pause>>()
        .set(Pause::Running);
    hold(&mut app, forward_frame(), 10);
    assert_eq!(timer(&app).game_ticks(clock(&app)), before + 10);

    // Through the door: while the garden is built, no tick runs however long it takes.
    listen::<PortalEntered>(&mut app);
    app.init_resource::<FrameLog>()
        .add_systems(Last, log_frames);
    walk_through_door(&mut app, 60 * 120);
    hold(&mut app, forward_frame(), 10);
    let portal_tick = heard::<PortalEntered>(&app)[0].0;
    let log = app.world().resource::<FrameLog>().0.clone();
    let after_portal: Vec<_> = log.iter().filter(|f| f.1 == portal_tick).collect();
    // The portal's own frame in the city, then frames in the garden with no tick at all.
    assert_eq!(after_portal[0].0, Some(Chapter::City));
    assert!(
        after_portal[1..]
            .iter()
            .all(|f| f.0 == Some(Chapter::Garden))
    );
    assert_eq!(
        after_portal.len() as u32 - 1,
        LOADING_HOLD_FRAMES,
        "no tick ran while the garden was built"
    );
    assert!(!app.world().resource::<Time<Virtual>>().is_paused());
    assert_eq!(
        timer(&app).game_ticks(clock(&app)),
        portal_tick + 11 - timer(&app).origin.unwrap(),
        "ten ticks and the one after the hold"
    );
}

/// Each frame's chapter and tick, at the frame's end.
#[derive(Resource, Default)]
struct FrameLog(Vec<(Option<Chapter>, u64)>);

fn log_frames(
    clock: Res<DreamClock>,
    chapter: Option<Res<State<Chapter>>>,
    mut log: ResMut<FrameLog>,
) {
    log.0.push((chapter.map(|c| *c.get()), clock.tick));
}

#[test]
fn every_split_is_a_moment_of_its_own() {
    for route in [Route::Any, Route::Full] {
        for seed in 1..=5 {
            let splits = autoplay(&levels(), route, seed, 60 * 60 * 20)
                .unwrap()
                .recording
                .splits;
            let mut before = 0;
            for (split, time) in SPLITS.iter().zip(&splits) {
                assert!(
                    *time > before,
                    "{route:?} seed {seed}: {} at {time} ticks, no later than the split before",
                    split.name()
                );
                before = *time;
            }
        }
    }
}
