//! The lotus: kneeling and holding Interact plants the worries one at a time; every worry
//! planted grows its tree and wakes the river.

use crate::support::*;
use begin_again::core::flow::Chapter;
use begin_again::core::input::InputFrame;
use begin_again::dream::darkening::Worries;
use begin_again::dream::lotus::{
    KNEEL_REACH, Kneeling, PLANT_HOLD_TICKS, River as LotusRiver, RiverAwakened,
    TREES_HEARD_WITHIN, TREES_QUIET_BEYOND, WorryPlanted, WorryTree,
};
use begin_again::dream::voices::VoiceTriggered;
use bevy::prelude::*;

fn kneel_at_the_lotus(app: &mut App) {
    let lotus = garden(app).lotus.expect("a lotus");
    walk_in_garden_to(app, lotus.at.vec(), lotus.radius + KNEEL_REACH - 0.5);
    hold(app, InputFrame::default(), 200);
}

fn hold_interact(app: &mut App, ticks: usize) {
    hold(app, InputFrame::new(Vec2::ZERO, Vec2::ZERO, true), ticks);
}

#[test]
fn planting_a_worry_needs_the_hold() {
    let mut app = dream(1, Chapter::Garden);
    listen::<WorryPlanted>(&mut app);
    let total = app.world().resource::<Worries>().total;
    assert_eq!(
        app.world().resource::<Worries>().carried,
        total,
        "the dreamer arrives carrying them"
    );
    kneel_at_the_lotus(&mut app);

    // Taps, however many, plant nothing.
    for _ in 0..10 {
        hold_interact(&mut app, 20);
        hold(&mut app, InputFrame::default(), 5);
    }
    assert!(heard::<WorryPlanted>(&app).is_empty());
    hold_interact(&mut app, PLANT_HOLD_TICKS as usize - 1);
    assert!(heard::<WorryPlanted>(&app).is_empty(), "not yet");
    assert!(app.world().resource::<Kneeling>().kneeling);
    hold_interact(&mut app, 1);
    assert_eq!(
        heard::<WorryPlanted>(&app).len(),
        1,
        "a full hold plants one"
    );
    let worries = *app.world().resource::<Worries>();
    assert_eq!((worries.planted, worries.carried), (1, total));
}

#[test]
fn planting_every_worry_grows_trees_and_wakes_the_river() {
    let mut app = dream(1, Chapter::Garden);
    listen::<WorryPlanted>(&mut app);
    listen::<RiverAwakened>(&mut app);
    let total = app.world().resource::<Worries>().total;
    kneel_at_the_lotus(&mut app);
    hold_interact(&mut app, (PLANT_HOLD_TICKS * total) as usize);

    let planted: Vec<u32> = heard::<WorryPlanted>(&app)
        .iter()
        .map(|(_, p)| p.index)
        .collect();
    assert_eq!(
        planted,
        (0..total).collect::<Vec<_>>(),
        "one at a time, every one"
    );
    assert_eq!(
        heard::<RiverAwakened>(&app).len(),
        1,
        "the river wakes once"
    );
    assert!(app.world().resource::<LotusRiver>().awake);
    let trees = app
        .world_mut()
        .query::<&WorryTree>()
        .iter(app.world())
        .count();
    assert_eq!(trees as u32, total, "a tree for every worry");
    let whisper = subtitle(&app).current.expect("the trees whisper");
    assert_eq!(whisper.speaker, "The trees");
    assert!(whisper.line.starts_with("Cultivate patience"));

    // Holding on plants nothing more.
    hold_interact(&mut app, PLANT_HOLD_TICKS as usize * 2);
    assert_eq!(heard::<WorryPlanted>(&app).len(), total as usize);
}

#[test]
fn the_trees_whisper_again_each_time_the_dreamer_comes_back() {
    let mut app = dream(3, Chapter::Garden);
    listen::<VoiceTriggered>(&mut app);
    let lotus = garden(&app).lotus.expect("a lotus");
    let total = app.world().resource::<Worries>().total;
    kneel_at_the_lotus(&mut app);
    hold_interact(&mut app, (PLANT_HOLD_TICKS * total) as usize);
    let whispers = |app: &App| {
        heard::<VoiceTriggered>(app)
            .iter()
            .filter(|(_, v)| v.spoken == lotus.whisper)
            .count()
    };
    assert_eq!(
        whispers(&app),
        1,
        "they whisper as the last worry is planted"
    );

    // Standing among them, or stepping back a little, they do not repeat themselves.
    let away = lotus.at.vec() + Vec2::new(0.0, lotus.radius + TREES_QUIET_BEYOND - 2.0);
    walk_in_garden_to(&mut app, away, 1.0);
    walk_in_garden_to(&mut app, lotus.at.vec(), lotus.radius + 2.0);
    assert_eq!(whispers(&app), 1);

    // Walking away and coming back, they whisper again, every time.
    for time in 2..=3 {
        let far = lotus.at.vec() + Vec2::new(0.0, lotus.radius + TREES_QUIET_BEYOND + 4.0);
        walk_in_garden_to(&mut app, far, 1.0);
        assert_eq!(whispers(&app), time - 1, "quiet while far");
        walk_in_garden_to(
            &mut app,
            lotus.at.vec(),
            lotus.radius + TREES_HEARD_WITHIN - 1.0,
        );
        assert_eq!(whispers(&app), time, "whispered on approach {time}");
        assert_eq!(subtitle(&app).current.as_ref(), Some(&lotus.whisper));
    }
}
