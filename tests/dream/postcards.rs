//! Dream postcards: kept with where and when they were taken, listed newest first (a broken
//! one named, never fatal), and a dream begun at one stands at its place with its seed.

use crate::support::*;
use begin_again::core::flow::Chapter;
use begin_again::core::rng::DreamRng;
use begin_again::dream::walking::StartAt;
use begin_again::saving::postcards::{list_postcards, save_postcard};
use begin_again::view::screens::postcards::{begin_at, describe};
use bevy::ecs::system::RunSystemOnce;
use bevy::prelude::*;

/// A small real PNG, as a postcard's picture.
fn picture() -> Vec<u8> {
    let image = image::RgbImage::from_fn(64, 36, |x, y| image::Rgb([x as u8 * 4, y as u8 * 7, 90]));
    let mut png = std::io::Cursor::new(Vec::new());
    image.write_to(&mut png, image::ImageFormat::Png).unwrap();
    png.into_inner()
}

#[test]
fn a_postcard_round_trips_and_begins_a_dream_at_its_place() {
    // Taken in the garden, a little way in from the spawn, turned aside.
    let mut app = dream(7, Chapter::Garden);
    hold(&mut app, forward_frame(), 120);
    hold(
        &mut app,
        begin_again::core::input::InputFrame::new(Vec2::ZERO, Vec2::new(0.4, 0.0), false),
        3,
    );
    let there = dreamer(&mut app);
    let seed = app.world().resource::<DreamRng>().seed();
    let info = describe(&there, Chapter::Garden, seed, clock(&app));
    assert_eq!(info.dream_ticks, clock(&app));

    let dir = scratch("postcards");
    let first = save_postcard(&dir, &info, &picture()).unwrap();
    let second = save_postcard(&dir, &info, &picture()).unwrap();
    assert_ne!(first, second, "a postcard never overwrites another");
    let (found, problems) = list_postcards(&dir);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].info, info);
    assert!(found.iter().any(|p| p.picture == first));

    // Another launch, whose own seed is not the postcard's, begins a dream there.
    let mut elsewhere = dream(99, Chapter::City);
    let postcard = found[0].info.clone();
    elsewhere
        .world_mut()
        .run_system_once(
            move |mut rng: ResMut<DreamRng>,
                  mut start_at: ResMut<StartAt>,
                  mut begin: MessageWriter<begin_again::core::flow::BeginDream>| {
                begin_at(&postcard, &mut rng, &mut start_at, &mut begin);
            },
        )
        .unwrap();
    for _ in 0..10 {
        elsewhere.update();
    }
    assert_eq!(chapter(&elsewhere), Some(Chapter::Garden));
    assert_eq!(elsewhere.world().resource::<DreamRng>().seed(), seed);
    let arrived = dreamer(&mut elsewhere);
    assert!(
        arrived.position.distance(there.position) < 1e-4,
        "{:?} is not {:?}",
        arrived.position,
        there.position
    );
    assert!((arrived.yaw - there.yaw).abs() < 1e-4);
    assert!(arrived.position.distance(garden(&elsewhere).spawn.at.vec()) > 1.0);
}

#[test]
fn broken_postcards_are_named_and_the_rest_still_listed() {
    let dir = scratch("postcards-broken");
    let mut sound = begin_again::saving::postcards::PostcardInfo {
        version: begin_again::saving::postcards::POSTCARD_VERSION,
        chapter: begin_again::saving::progress::SavedChapter::Garden,
        position: [1.0, 2.0],
        heading_degrees: 30.0,
        seed: 5,
        dream_ticks: 600,
        taken_at: 1_800_000_000,
        game_version: "test".into(),
    };
    save_postcard(&dir, &sound, &picture()).unwrap();
    // Garbage where a description should be; a description whose picture is gone; a place
    // that is not a number; a postcard from a future version.
    std::fs::write(dir.join("garbled.ron"), "(version: 1, chapter: Moon").unwrap();
    sound.taken_at += 1;
    let lost = save_postcard(&dir, &sound, &picture()).unwrap();
    std::fs::remove_file(&lost).unwrap();
    std::fs::write(
        dir.join("nan.ron"),
        "(version: 1, chapter: Garden, position: (NaN, 0.0), heading_degrees: 0.0, seed: 1, \
         dream_ticks: 0, taken_at: 1, game_version: \"x\")",
    )
    .unwrap();
    std::fs::write(dir.join("nan.png"), picture()).unwrap();
    std::fs::write(
        dir.join("future.ron"),
        "(version: 9, chapter: Garden, position: (0.0, 0.0), heading_degrees: 0.0, seed: 1, \
         dream_ticks: 0, taken_at: 2, game_version: \"x\")",
    )
    .unwrap();
    let (found, problems) = list_postcards(&dir);
    assert_eq!(found.len(), 1, "the sound one is still there");
    assert_eq!(problems.len(), 4, "{problems:#?}");
    for (name, why) in [
        ("garbled.ron", "moved aside"),
        ("missing", "picture is missing"),
        ("nan.ron", "not a number"),
        ("future.ron", "version 9"),
    ] {
        assert!(
            problems
                .iter()
                .any(|p| (p.contains(name) || name == "missing") && p.contains(why)),
            "nothing says {name}: {why} in {problems:#?}"
        );
    }
    // What was broken is kept aside, not deleted.
    assert!(dir.join("garbled.ron.corrupt").exists());
}
