//! The heart, the moon and the dawn, and the whole dream to waking: both routes meet every
//! beat in the story's order, and skipping a scene leaves what watching it leaves.

use crate::support::*;
use begin_again::core::flow::{Chapter, DreamBegan};
use begin_again::core::input::InputFrame;
use begin_again::dream::darkening::Worries;
use begin_again::dream::ending::{Awoke, Ending, MoonLeansDown, ShawlReceived};
use begin_again::dream::lotus::{River as LotusRiver, RiverAwakened, WorryPlanted};
use begin_again::dream::portal::{DoorAppeared, PortalEntered};
use begin_again::dream::river::{FragmentCollected, Heart, HeartAssembled};
use begin_again::dream::voices::VoicesHeard;
use begin_again::speedrun::pilot::{Pilot, fly, woken};
use begin_again::speedrun::timer::Route;
use begin_again::view::screens::menus::navigation::Chosen;
use bevy::prelude::*;

/// A headless dream ready for the autopilot, listening for every beat of the story.
fn dream_for_autoplay(seed: u64) -> App {
    let mut app = begin_again::speedrun::headless_app(&levels(), seed, 1);
    listen::<DoorAppeared>(&mut app);
    listen::<PortalEntered>(&mut app);
    listen::<WorryPlanted>(&mut app);
    listen::<RiverAwakened>(&mut app);
    listen::<FragmentCollected>(&mut app);
    listen::<HeartAssembled>(&mut app);
    listen::<MoonLeansDown>(&mut app);
    listen::<ShawlReceived>(&mut app);
    listen::<Awoke>(&mut app);
    begin_again::dream::begin(&mut app).unwrap();
    app
}

fn first_tick<M: bevy::ecs::message::Message + Clone>(app: &App) -> u64 {
    heard::<M>(app)
        .first()
        .map(|(tick, _)| *tick)
        .unwrap_or_else(|| panic!("{} was never written", std::any::type_name::<M>()))
}

fn assert_story_in_order(app: &App) {
    let beats = [
        ("the door appeared", first_tick::<DoorAppeared>(app)),
        ("the portal was entered", first_tick::<PortalEntered>(app)),
        ("a worry was planted", first_tick::<WorryPlanted>(app)),
        ("the river woke", first_tick::<RiverAwakened>(app)),
        (
            "a fragment was gathered",
            first_tick::<FragmentCollected>(app),
        ),
        ("the heart assembled", first_tick::<HeartAssembled>(app)),
        ("the moon leaned down", first_tick::<MoonLeansDown>(app)),
        ("the shawl was received", first_tick::<ShawlReceived>(app)),
        ("the dreamer woke", first_tick::<Awoke>(app)),
    ];
    for pair in beats.windows(2) {
        // Skipping the moon's scene gives the shawl and wakes on the same tick, in that order.
        let same_tick_allowed = pair[1].0 == "the dreamer woke";
        assert!(
            pair[0].1 < pair[1].1 || (same_tick_allowed && pair[0].1 == pair[1].1),
            "{} (tick {}) before {} (tick {})",
            pair[0].0,
            pair[0].1,
            pair[1].0,
            pair[1].1
        );
    }
}

#[test]
fn the_shortest_route_wakes_with_every_beat_in_the_story_order() {
    let mut app = dream_for_autoplay(1);
    fly(&mut app, &mut Pilot::new(Route::Any), 60 * 60 * 20, woken).unwrap();
    assert_story_in_order(&app);
    let woke = heard::<Awoke>(&app);
    assert_eq!(woke.len(), 1);
    assert_eq!(
        Some(woke[0].1.tick),
        app.world().resource::<Ending>().woke_on_tick
    );
    let fragments = garden(&app).fragments.unwrap().count as usize;
    assert_eq!(
        heard::<FragmentCollected>(&app).len(),
        fragments,
        "every fragment fills its pane"
    );
    assert!(app.world().resource::<Heart>().whole());
    assert!(app.world().resource::<Ending>().shawl);
}

#[test]
fn the_full_route_hears_every_voice_plants_every_worry_and_gathers_every_fragment() {
    let mut app = dream_for_autoplay(1);
    fly(&mut app, &mut Pilot::new(Route::Full), 60 * 60 * 20, woken).unwrap();
    assert_story_in_order(&app);
    let level = garden(&app);
    let mut heard_ids = app.world().resource::<VoicesHeard>().0.clone();
    heard_ids.sort();
    let mut all: Vec<String> = level.voices.iter().map(|v| v.id.clone()).collect();
    all.sort();
    assert_eq!(heard_ids, all, "every voice heard");
    let worries = *app.world().resource::<Worries>();
    assert_eq!(worries.planted, worries.total, "every worry planted");
    assert_eq!(
        heard::<FragmentCollected>(&app).len(),
        level.fragments.unwrap().count as usize
    );
}

#[test]
fn skipping_the_scenes_leaves_the_state_watching_leaves() {
    let finish = |skip: bool| {
        let mut app = dream_for_autoplay(2);
        let mut pilot = Pilot::new(Route::Any);
        pilot.skip_scenes = skip;
        fly(&mut app, &mut pilot, 60 * 60 * 20, |world| {
            world.resource::<Ending>().finished
        })
        .unwrap();
        // Let the last drift settle.
        hold(&mut app, InputFrame::default(), 600);
        let mut ending = app.world().resource::<Ending>().clone();
        ending.woke_on_tick = None;
        let me = dreamer(&mut app);
        (
            ending,
            app.world().resource::<Heart>().clone(),
            *app.world().resource::<Worries>(),
            *app.world().resource::<LotusRiver>(),
            app.world().resource::<VoicesHeard>().0.clone(),
            [
                me.position.x.to_bits(),
                me.position.y.to_bits(),
                me.yaw.to_bits(),
            ],
            heard::<ShawlReceived>(&app).len(),
        )
    };
    let watched = finish(false);
    let skipped = finish(true);
    assert_eq!(watched, skipped);
    assert!(watched.0.finished && watched.0.shawl);
}

#[test]
fn begin_again_on_waking_starts_a_new_dream() {
    let mut app = dream_for_autoplay(6);
    listen::<DreamBegan>(&mut app);
    let mut pilot = Pilot::new(Route::Any);
    fly(&mut app, &mut pilot, 60 * 60 * 20, |world| {
        world.resource::<Ending>().finished
    })
    .unwrap();
    let before = heard::<DreamBegan>(&app).len();
    // The results' "Begin again" button, chosen.
    let button = app
        .world_mut()
        .spawn_empty()
        .observe(begin_again::view::screens::results::begin_again)
        .id();
    app.world_mut().trigger(Chosen { entity: button });
    for _ in 0..4 {
        app.update();
    }
    let began = heard::<DreamBegan>(&app);
    assert_eq!(began.len(), before + 1, "a new dream, not the title");
    assert_eq!(began[before].1.chapter, Chapter::City);
    assert_eq!(chapter(&app), Some(Chapter::City));
    assert_eq!(*app.world().resource::<Ending>(), Ending::default());
    assert_eq!(app.world().resource::<Worries>().planted, 0);
    assert!(clock(&app) < 4, "its clock starts again");
}

#[test]
fn the_moon_lets_the_shawl_go_and_it_flies_to_the_dreamer() {
    use begin_again::view::world::ending::shawl_in_the_air;
    let eye = Transform::from_xyz(0.0, 1.6, 0.0).looking_to(Vec3::NEG_Z, Vec3::Y);
    let moon = Vec3::new(11.0, 13.0, -42.0);
    // Sampled over the whole of her scene, a hundredth at a time.
    let flight: Vec<(f32, Option<Vec3>)> = (0..=100)
        .map(|step| {
            let progress = step as f32 / 100.0;
            (progress, shawl_in_the_air(progress, moon, &eye))
        })
        .collect();
    let in_the_air: Vec<(f32, Vec3)> = flight
        .iter()
        .filter_map(|(progress, at)| Some((*progress, (*at)?)))
        .collect();
    assert!(
        flight[..40].iter().all(|(_, at)| at.is_none()),
        "she keeps it while she leans down"
    );
    assert!(
        flight[75..].iter().all(|(_, at)| at.is_none()),
        "once it has reached the dreamer's shoulders it is theirs, not in the air"
    );
    let (first, last) = (in_the_air[0].1, in_the_air[in_the_air.len() - 1].1);
    assert!(
        first.distance(moon) < first.distance(eye.translation),
        "it leaves from the moon: {first}"
    );
    assert!(
        last.distance(eye.translation) < 2.0,
        "it arrives at the dreamer: {last}"
    );
    for pair in in_the_air.windows(2) {
        assert!(
            pair[1].1.distance(eye.translation) < pair[0].1.distance(eye.translation) + 0.5,
            "it keeps coming nearer (at {} of her scene)",
            pair[1].0
        );
    }
    // Midway it is seen beside the moon and the heart (straight ahead), not hidden in front of
    // either: more than fifteen degrees from both.
    let midway = (in_the_air[in_the_air.len() / 2].1 - eye.translation).normalize();
    for (what, way) in [
        ("the moon", (moon - eye.translation).normalize()),
        ("the heart", Vec3::NEG_Z),
    ] {
        let apart = midway.angle_between(way).to_degrees();
        assert!(apart > 15.0, "midway it is {apart:.0}° from {what}");
    }
}
