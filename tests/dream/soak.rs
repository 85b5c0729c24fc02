//! The soak: a restless bot plays each chapter for minutes on fixed seeds — wandering,
//! jittering every tick, pressing into towers and stones, seeking the door, the lotus, the
//! river and the flowers, pausing. Whatever it does, the dreamer stays inside the bounds and
//! outside every obstacle, and the way to the door (in the city) or to the lotus, the river and
//! the spawn (in the garden) stays open. `BEGIN_AGAIN_SOAK_MINUTES` plays longer (default 2
//! minutes of game time per chapter and seed).

use crate::support::*;
use begin_again::core::flow::Chapter;
use begin_again::core::input::InputFrame;
use begin_again::dream::walking::{DREAMER_RADIUS, Dreamer, forward};
use begin_again::level::nav::NavGrid;
use begin_again::level::{LevelDef, Levels, REACH_DISTANCE};
use begin_again::speedrun::pilot::{RouteFollower, steer_toward};
use bevy::prelude::*;
use chacha20::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

/// Game minutes each chapter is soaked for, per seed.
fn soak_minutes() -> u64 {
    std::env::var("BEGIN_AGAIN_SOAK_MINUTES")
        .ok()
        .and_then(|minutes| minutes.parse().ok())
        .unwrap_or(2)
}

/// What the bot is doing for a while.
enum Mood {
    /// Holding one stick and turn.
    Wander(InputFrame),
    /// A new random frame every tick, Interact included.
    Jitter,
    /// Following the map toward a place.
    Seek(RouteFollower, Vec2),
    /// Walking straight at a place, into whatever stands between.
    Press(Vec2),
    Still,
}

fn random_frame(rng: &mut ChaCha8Rng) -> InputFrame {
    InputFrame::new(
        Vec2::new(rng.random_range(-1.0..=1.0), rng.random_range(-1.0..=1.0)),
        Vec2::new(rng.random_range(-0.2..=0.2), rng.random_range(-0.1..=0.1)),
        rng.random_bool(0.2),
    )
}

/// The places worth going to in this chapter, and the reach that counts as there.
fn places(level: &LevelDef, door: Option<Vec2>) -> Vec<(Vec2, f32)> {
    let mut places = vec![(level.spawn.at.vec(), 1.0)];
    places.extend(door.map(|door| (door, 0.5)));
    if let Some(lotus) = &level.lotus {
        places.push((lotus.at.vec(), lotus.radius + REACH_DISTANCE));
    }
    if let Some(river) = &level.river {
        let bank = river.width * 0.5 + REACH_DISTANCE;
        places.extend(river.path.iter().map(|p| (p.vec(), bank)));
    }
    if let Some(fragments) = &level.fragments {
        places.extend(
            fragments
                .candidates
                .iter()
                .map(|place| (place.at.vec(), REACH_DISTANCE)),
        );
    }
    places.extend(
        level
            .voices
            .iter()
            .map(|v| (v.at.vec(), REACH_DISTANCE * 2.0)),
    );
    places
}

fn new_mood(
    rng: &mut ChaCha8Rng,
    me: &Dreamer,
    level: &LevelDef,
    grid: &NavGrid,
    door: Option<Vec2>,
) -> Mood {
    let places = places(level, door);
    let (target, reach) = match rng.random_range(0..3) {
        0 => places[rng.random_range(0..places.len())],
        1 => {
            let (min, max) = (level.bounds.min.vec(), level.bounds.max.vec());
            (
                Vec2::new(
                    rng.random_range(min.x..max.x),
                    rng.random_range(min.y..max.y),
                ),
                1.0,
            )
        }
        // Just past the nearest obstacle, to rub along it.
        _ => level
            .obstacles
            .iter()
            .min_by(|a, b| {
                a.at.vec()
                    .distance(me.position)
                    .total_cmp(&b.at.vec().distance(me.position))
            })
            .map_or((level.spawn.at.vec(), 1.0), |o| {
                (o.at.vec() * 2.0 - me.position, 1.0)
            }),
    };
    match rng.random_range(0..10) {
        0..=2 => Mood::Wander(random_frame(rng)),
        3 => Mood::Jitter,
        4..=6 => match grid.route(me.position, target, reach) {
            Some(route) => Mood::Seek(RouteFollower::new(route), target),
            None => Mood::Press(target),
        },
        7 | 8 => Mood::Press(target),
        _ => Mood::Still,
    }
}

/// Whether `place` can be reached on foot from somewhere the dreamer stands on (the walk grid
/// keeps a margin from walls, so the dreamer may stand just outside its walkable cells).
fn reachable_from(grid: &NavGrid, here: Vec2, place: Vec2, reach: f32) -> bool {
    let starts = (0..=4).flat_map(|ring| {
        (0..8).map(move |step| {
            here + forward(step as f32 * std::f32::consts::FRAC_PI_4) * (ring as f32 * 0.35)
        })
    });
    starts
        .filter(|start| grid.is_walkable(*start))
        .take(1)
        .any(|start| grid.reaches(&grid.flood_from(start), place, reach))
}

fn soak(chapter: Chapter, seed: u64) {
    let ticks = soak_minutes() * 60 * 60;
    let mut app = dream(seed, chapter);
    let level = app.world().resource::<Levels>().of(chapter).clone();
    let grid = NavGrid::new(&level);
    let door = (chapter == Chapter::City).then(|| planned_door(&app).position);
    let mut rng = ChaCha8Rng::seed_from_u64(seed * 31 + chapter as u64);
    let mut mood = Mood::Still;
    let mut mood_left = 0;
    let mut visited = std::collections::HashSet::new();
    let mut touching = 0;
    let mut dreams = 1;
    for tick_index in 0..ticks {
        if chapter_left(&mut app, chapter) {
            // Through the door, or awake: a new dream of the same chapter goes on.
            app = dream(seed + tick_index, chapter);
            mood_left = 0;
            dreams += 1;
        }
        let me = dreamer(&mut app);
        if mood_left == 0 {
            mood = new_mood(&mut rng, &me, &level, &grid, door);
            mood_left = rng.random_range(30..240);
        }
        mood_left -= 1;
        let frame = match &mut mood {
            Mood::Wander(frame) => *frame,
            Mood::Jitter => random_frame(&mut rng),
            Mood::Seek(follower, target) => follower
                .frame(&me)
                .unwrap_or_else(|| steer_toward(&me, *target)),
            Mood::Press(target) => steer_toward(&me, *target),
            Mood::Still => InputFrame::default(),
        };
        hold(&mut app, frame, 1);
        if chapter_left(&mut app, chapter) {
            continue;
        }
        let p = dreamer(&mut app).position;
        let at = format!("{chapter:?}, seed {seed}, tick {tick_index}, at {p:?}");
        assert!(p.is_finite(), "{at}: not a place");
        assert!(
            level.bounds.contains(p, DREAMER_RADIUS - 1e-3),
            "{at}: outside the bounds"
        );
        for obstacle in &level.obstacles {
            let clearance = obstacle.clearance(p).0;
            assert!(
                clearance > DREAMER_RADIUS - 1e-3,
                "{at}: inside {}",
                obstacle.id
            );
            if clearance < DREAMER_RADIUS + 0.05 {
                touching += 1;
            }
        }
        visited.insert(((p.x / 10.0).floor() as i32, (p.y / 10.0).floor() as i32));
        if tick_index % 600 == 599 {
            for (place, reach) in places(&level, door) {
                assert!(
                    reachable_from(&grid, p, place, reach),
                    "{at}: {place:?} cannot be reached from here"
                );
            }
        }
    }
    eprintln!(
        "soaked {chapter:?} on seed {seed}: {} cells of 10 m visited, {touching} ticks against \
         an obstacle, {dreams} dream(s)",
        visited.len()
    );
    // The soak means something only if the bot went places and leant on the walls.
    assert!(
        visited.len() >= 10,
        "the bot stayed in {} cells",
        visited.len()
    );
    assert!(
        touching >= 20,
        "the bot touched an obstacle on only {touching} ticks"
    );
}

/// Whether the dream has left `chapter` (through the door, or by waking).
fn chapter_left(app: &mut App, chapter: Chapter) -> bool {
    crate::support::chapter(app) != Some(chapter)
        || app
            .world_mut()
            .query::<&Dreamer>()
            .iter(app.world())
            .next()
            .is_none()
}

#[test]
fn the_city_holds_whatever_a_restless_dreamer_does() {
    for seed in [1, 2] {
        soak(Chapter::City, seed);
    }
}

#[test]
fn the_garden_holds_whatever_a_restless_dreamer_does() {
    for seed in [1, 2] {
        soak(Chapter::Garden, seed);
    }
}
