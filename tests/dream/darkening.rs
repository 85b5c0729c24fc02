//! Something has changed: warmth drains with distance walked (never with time), each footstep
//! rings the next chord, and the worries cling as the warmth goes.

use crate::support::*;
use begin_again::core::flow::Chapter;
use begin_again::core::input::InputFrame;
use begin_again::dream::darkening::{CHORD_COUNT, Footstep, Warmth, Worries, WorryClung};
use begin_again::dream::walking::STRIDE_LENGTH;
use begin_again::level::{Darkening, Levels};
use bevy::prelude::*;

pub(crate) fn warmth(app: &App) -> Warmth {
    *app.world().resource::<Warmth>()
}

pub(crate) fn darkening(app: &App) -> Darkening {
    app.world()
        .resource::<Levels>()
        .city
        .darkening
        .expect("the city darkens")
}

/// Walks north up the main avenue, a tick at a time, calling `each` after every tick.
pub(crate) fn walk_the_avenue(app: &mut App, ticks: usize, mut each: impl FnMut(&mut App)) {
    for _ in 0..ticks {
        hold(app, forward_frame(), 1);
        each(app);
    }
}

#[test]
fn warmth_falls_only_with_distance_walked() {
    let mut app = dream(1, Chapter::City);
    // Looking around on the spot for ten seconds costs nothing.
    hold(
        &mut app,
        InputFrame::new(Vec2::ZERO, Vec2::new(0.05, 0.01), false),
        600,
    );
    assert_eq!(warmth(&app).value, 1.0);

    hold(&mut app, forward_frame(), 300);
    hold(&mut app, InputFrame::default(), 300);
    let walked = dreamer(&mut app).distance_walked;
    let dusk = darkening(&app);
    let after_walk = warmth(&app);
    assert!(
        after_walk.value < 1.0 && after_walk.value > dusk.floor,
        "{after_walk:?}"
    );
    assert_eq!(after_walk, Warmth::after(walked, dusk.distance, dusk.floor));

    // Standing still for a minute: not a drop more.
    hold(&mut app, InputFrame::default(), 3600);
    assert_eq!(warmth(&app), after_walk);
}

#[test]
fn each_step_rings_the_next_chord() {
    let mut app = dream(1, Chapter::City);
    listen::<Footstep>(&mut app);
    walk_the_avenue(&mut app, 600, |_| {});
    let steps = heard::<Footstep>(&app);
    let walked = dreamer(&mut app).distance_walked;
    assert_eq!(
        steps.len(),
        (walked / STRIDE_LENGTH).floor() as usize,
        "a step every stride"
    );
    assert!(
        steps.len() > CHORD_COUNT as usize,
        "long enough to go round the progression"
    );
    for (index, (_, step)) in steps.iter().enumerate() {
        assert_eq!(
            step.chord,
            index as u32 % CHORD_COUNT,
            "step {index} plays the next chord"
        );
        assert_eq!(step.chapter, Chapter::City);
    }
    // The chords falter as the city cools: later steps ring colder.
    assert!(steps.last().unwrap().1.warmth < steps[0].1.warmth);
}

#[test]
fn the_worries_follow_the_warmth() {
    let mut app = dream(1, Chapter::City);
    listen::<WorryClung>(&mut app);
    let total = app.world().resource::<Levels>().city.worries;
    let mut last = 0;
    walk_the_avenue(&mut app, 60 * 45, |app| {
        let worries = *app.world().resource::<Worries>();
        let coldness = warmth(app).coldness();
        assert_eq!(
            worries.carried,
            ((coldness * total as f32) + 1e-4).floor() as u32,
            "worries cling as the warmth drains (coldness {coldness})"
        );
        assert!(
            worries.carried >= last,
            "worries never fall away on their own"
        );
        last = worries.carried;
    });
    assert_eq!(
        last, total,
        "all of them cling by the time the warmth is gone"
    );
    let clung: Vec<u32> = heard::<WorryClung>(&app)
        .iter()
        .map(|(_, w)| w.carried)
        .collect();
    assert_eq!(clung, (1..=total).collect::<Vec<_>>());
}
