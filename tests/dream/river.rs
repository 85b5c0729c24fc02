//! The river of memories: the fragments' places, chosen by the seed from the level's
//! candidates; each shard's memory given back as it is gathered and kept for the waking, and
//! the closing words that stay.

use crate::support::*;
use begin_again::core::flow::{BeginDream, Chapter};
use begin_again::core::input::InputFrame;
use begin_again::dream::ending::{DAWN_SCENE_TICKS, Ending};
use begin_again::dream::river::{FragmentCollected, FragmentPlan, GatheredMemories, Heart};
use begin_again::level::{Levels, Spoken};
use begin_again::speedrun::pilot::{Pilot, fly, woken};
use begin_again::speedrun::timer::Route;

#[test]
fn fragment_places_follow_the_seed() {
    let places = |seed| {
        let app = dream(seed, Chapter::Garden);
        app.world().resource::<FragmentPlan>().0.clone()
    };
    let level = Levels::load(&levels()).unwrap().garden;
    let fragments = level.fragments.clone().unwrap();
    let first = places(8);
    assert_eq!(first, places(8), "the same seed, the same places");
    assert_eq!(first.len(), fragments.count as usize);
    assert!(
        first
            .iter()
            .all(|planned| fragments.candidates[planned.place].at.vec() == planned.position),
        "every fragment lies at its own candidate place"
    );
    let distinct: std::collections::HashSet<usize> =
        first.iter().map(|planned| planned.place).collect();
    assert_eq!(distinct.len(), first.len(), "no place used twice");
    assert!(
        (9..14).any(|seed| places(seed) != first),
        "other seeds choose other places"
    );
}

#[test]
fn each_gathered_shard_gives_back_its_memory_and_the_waking_keeps_them() {
    let mut app = begin_again::speedrun::headless_app(&levels(), 4, 1);
    listen::<FragmentCollected>(&mut app);
    begin_again::dream::begin(&mut app).unwrap();
    let garden = Levels::load(&levels()).unwrap().garden;
    let candidates = garden.fragments.clone().unwrap().candidates;
    let mut pilot = Pilot::new(Route::Full);
    fly(&mut app, &mut pilot, 60 * 60 * 20, |world| {
        world.resource::<Heart>().filled() >= 1
    })
    .unwrap();
    // The first shard: its memory is said, in its own words, and kept.
    let (_, first) = heard::<FragmentCollected>(&app)[0];
    let memory = &candidates[first.place].memory;
    assert_eq!(subtitle(&app).current.as_ref(), Some(memory));
    assert_eq!(
        app.world().resource::<GatheredMemories>().0,
        vec![memory.clone()]
    );

    // On waking, every memory gathered, in the order the shards came.
    fly(&mut app, &mut pilot, 60 * 60 * 20, woken).unwrap();
    let order: Vec<Spoken> = heard::<FragmentCollected>(&app)
        .iter()
        .map(|(_, f)| candidates[f.place].memory.clone())
        .collect();
    assert_eq!(
        order.len(),
        garden.fragments.as_ref().unwrap().count as usize
    );
    assert_eq!(app.world().resource::<GatheredMemories>().0, order);
}

#[test]
fn the_closing_words_stay_when_the_dawn_is_skipped() {
    let mut app = begin_again::speedrun::headless_app(&levels(), 5, 1);
    begin_again::dream::begin(&mut app).unwrap();
    let waking = Levels::load(&levels()).unwrap().garden.waking.unwrap();
    let mut pilot = Pilot::new(Route::Any);
    // The pilot skips every scene, the dawn too.
    assert!(pilot.skip_scenes);
    fly(&mut app, &mut pilot, 60 * 60 * 20, |world| {
        world.resource::<Ending>().finished
    })
    .unwrap();
    assert!(
        app.world().resource::<Ending>().woke_on_tick.unwrap() + u64::from(DAWN_SCENE_TICKS)
            > clock(&app),
        "the dawn was cut short"
    );
    assert_eq!(subtitle(&app).current.as_ref(), Some(&waking));
    // And they stay, however long the dreamer lingers on the results.
    hold(&mut app, InputFrame::default(), 60 * 60);
    assert_eq!(subtitle(&app).current.as_ref(), Some(&waking));
    // A new dream starts without them.
    app.world_mut().write_message(BeginDream {
        chapter: Chapter::City,
    });
    for _ in 0..4 {
        app.update();
    }
    assert_eq!(subtitle(&app).current, None);
}

#[test]
fn the_heart_is_a_leaded_window_cut_pane_by_pane_for_the_fragments() {
    use begin_again::dream::river::SHARDS;
    use begin_again::view::world::scene::PANE_COLORS;
    use begin_again::view::world::shapes::glass::{
        centroid, heart_image, heart_outline, heart_window, inside_outline,
    };
    use bevy::prelude::*;
    let window = heart_window(&SHARDS);
    // Each fragment has its wedge cut in two, and an emblem in its own shard's shape.
    for fragment in 0..SHARDS.len() {
        let mine: Vec<_> = window.iter().filter(|p| p.fragment == fragment).collect();
        assert_eq!(mine.iter().filter(|p| !p.emblem).count(), 2, "{fragment}");
        assert_eq!(mine.iter().filter(|p| p.emblem).count(), 1, "{fragment}");
        // The emblem is leaded into its wedge's outer piece.
        let emblem = mine.iter().find(|p| p.emblem).unwrap();
        assert!(
            mine.iter().filter(|p| !p.emblem).any(|piece| emblem
                .outline
                .iter()
                .all(|v| inside_outline(&piece.outline, *v))),
            "fragment {fragment}'s emblem lies within its glass"
        );
    }
    // The panes are cut to the heart's outline: every point of the heart lies in exactly one
    // piece of glass (bar the lead lines between them), and none lies outside it.
    let heart = heart_outline();
    let (mut inside, mut once) = (0, 0);
    for i in 0..120 {
        for j in 0..120 {
            let p = Vec2::new(-1.1 + 2.2 * i as f32 / 119.0, -1.1 + 2.0 * j as f32 / 119.0);
            let holding = window
                .iter()
                .filter(|pane| !pane.emblem && inside_outline(&pane.outline, p))
                .count();
            if inside_outline(&heart, p) {
                inside += 1;
                once += usize::from(holding == 1);
            } else {
                assert_eq!(holding, 0, "glass outside the heart at {p}");
            }
        }
    }
    assert!(once as f32 >= inside as f32 * 0.99, "{once} of {inside}");
    // The HUD draws the same window: a gathered fragment's glass in its colour, the others
    // dark and empty.
    let mut filled = vec![false; SHARDS.len()];
    filled[0] = true;
    let image = heart_image(&window, &PANE_COLORS, &filled, 150);
    let pixel_of = |fragment: usize| {
        let piece = window
            .iter()
            .find(|p| p.fragment == fragment && !p.emblem)
            .unwrap();
        let at = centroid(&piece.outline);
        let scale = 2.16 / 150.0;
        let (x, y) = (
            ((at.x + 1.08) / scale) as u32,
            ((0.8 - at.y) / scale) as u32,
        );
        let start = ((y * 150 + x) * 4) as usize;
        let data = image.data.as_ref().unwrap();
        [
            data[start],
            data[start + 1],
            data[start + 2],
            data[start + 3],
        ]
    };
    let gathered = pixel_of(0);
    let empty = pixel_of(1);
    assert!(gathered[3] > 200 && empty[3] < 80, "{gathered:?} {empty:?}");
    let red = PANE_COLORS[0].to_srgba();
    assert!(
        red.red > red.blue && gathered[0] > gathered[2],
        "{gathered:?}"
    );
}

#[test]
fn each_shard_is_leaded_pieces_of_glass_that_keep_its_shape() {
    use begin_again::dream::river::SHARDS;
    use begin_again::view::world::shapes::glass::{inside_outline, shard_outline, shard_pieces};
    use bevy::prelude::*;
    for shard in SHARDS {
        let outline = shard_outline(shard);
        let pieces = shard_pieces(shard);
        // Cut by lead into several small pieces, as a window's glass is, not one gem.
        assert!(
            (3..=4).contains(&pieces.len()),
            "{shard:?}: {} pieces",
            pieces.len()
        );
        // Together the pieces are the shard's own outline: every point of it in exactly one
        // piece (bar the lead lines between them), none outside it.
        let (mut inside, mut once) = (0, 0);
        for i in 0..80 {
            for j in 0..80 {
                let p = Vec2::new(-1.4 + 2.8 * i as f32 / 79.0, -1.4 + 2.8 * j as f32 / 79.0);
                let holding = pieces
                    .iter()
                    .filter(|piece| inside_outline(piece, p))
                    .count();
                if inside_outline(&outline, p) {
                    inside += 1;
                    once += usize::from(holding == 1);
                } else {
                    assert_eq!(holding, 0, "{shard:?}: glass outside the shard at {p}");
                }
            }
        }
        assert!(inside > 200, "{shard:?} is drawn at its size");
        assert!(
            once as f32 >= inside as f32 * 0.98,
            "{shard:?}: {once} of {inside} points in exactly one piece"
        );
    }
}

#[test]
fn once_the_river_wakes_the_hud_says_its_glints_are_memories_to_gather() {
    use begin_again::view::screens::heart_picture::memories_caption;
    let gathered = |count: usize| -> Vec<bool> { (0..7).map(|pane| pane < count).collect() };
    assert_eq!(
        memories_caption(false, &gathered(0)),
        None,
        "before the river wakes nothing is said"
    );
    assert_eq!(
        memories_caption(true, &gathered(0)),
        Some("memories to gather from the river")
    );
    assert_eq!(
        memories_caption(true, &gathered(5)),
        Some("memories to gather from the river")
    );
    assert_eq!(
        memories_caption(true, &gathered(6)),
        Some("one memory left in the river")
    );
    assert_eq!(
        memories_caption(true, &gathered(7)),
        None,
        "the heart is whole"
    );
}
