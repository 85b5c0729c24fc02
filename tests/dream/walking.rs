//! The first beat: the dreamer's weightless drift through the city — the eased start and
//! soft stop, towers that stop and let slide, the bounds, and the same inputs giving the same
//! dream bit for bit.

use crate::support::{self, *};
use begin_again::core::flow::{BeginDream, Chapter};
use begin_again::core::input::InputFrame;
use begin_again::core::ticks::TICK_SECONDS;
use begin_again::dream::walking::{ACCELERATION_RATE, DREAMER_RADIUS, STOP_RATE, WALK_SPEED};
use begin_again::level::Levels;
use begin_again::level::nav::NavGrid;
use bevy::prelude::*;
use chacha20::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

#[test]
fn walking_forward_moves_the_expected_distance_each_tick() {
    let mut app = dream(1, Chapter::City);
    let start = dreamer(&mut app).position;
    let blend = 1.0 - (-ACCELERATION_RATE * TICK_SECONDS).exp();

    let mut expected_speed = 0.0f32;
    let mut expected_distance = 0.0f32;
    let mut previous = start;
    for tick_index in 0..240 {
        hold(&mut app, forward_frame(), 1);
        expected_speed += (WALK_SPEED - expected_speed) * blend;
        expected_distance += expected_speed * TICK_SECONDS;
        let now = dreamer(&mut app).position;
        let moved = now.distance(previous);
        previous = now;
        assert!(
            (moved - expected_speed * TICK_SECONDS).abs() < 1e-4,
            "tick {tick_index}: moved {moved}, expected {}",
            expected_speed * TICK_SECONDS
        );
        if tick_index == 0 {
            assert!(
                moved < WALK_SPEED * TICK_SECONDS * 0.1,
                "the drift eases in, not at full speed"
            );
        }
    }
    let me = dreamer(&mut app);
    // Straight north (−z) from the spawn, as it faces.
    assert!((me.position.x - start.x).abs() < 1e-4);
    assert!((start.y - me.position.y - expected_distance).abs() < 1e-2);
    // After four seconds the drift is at full speed: the dreamer's own velocity says so.
    assert!(
        (me.velocity.length() - WALK_SPEED).abs() < WALK_SPEED * 0.01,
        "{}",
        me.velocity.length()
    );

    // Letting go glides to a soft stop rather than halting at once.
    hold(&mut app, InputFrame::default(), 1);
    let gliding = dreamer(&mut app);
    let stop_blend = 1.0 - (-STOP_RATE * TICK_SECONDS).exp();
    assert!((gliding.velocity.length() - expected_speed * (1.0 - stop_blend)).abs() < 1e-3);
    hold(&mut app, InputFrame::default(), 300);
    assert_eq!(dreamer(&mut app).velocity, Vec2::ZERO, "the drift settles");
}

#[test]
fn a_tower_stops_the_dreamer_and_lets_it_slide() {
    // A 4 m tower straight ahead of the spawn (0, 14): its south face is at z = 2.
    let mut app = dream_in_city(1, test_city(vec![tower("block", 0.0, 0.0, 4.0, 4.0)]));
    hold(&mut app, forward_frame(), 400);
    let stopped = dreamer(&mut app);
    let face = 2.0 + DREAMER_RADIUS;
    assert!(
        (stopped.position.y - face).abs() < 1e-3,
        "stopped at the face: {:?}",
        stopped.position
    );
    assert!(
        stopped.position.x.abs() < 1e-4,
        "pushing straight on does not slide"
    );
    assert!(
        stopped.velocity.y.abs() < 1e-3,
        "no speed is left running into the wall"
    );

    // Pushing diagonally into the face slides along it, never into it.
    let block = app.world().resource::<Levels>().city.obstacles[0].clone();
    let diagonal = InputFrame::new(Vec2::new(0.7, 0.7), Vec2::ZERO, false);
    for _ in 0..90 {
        hold(&mut app, diagonal, 1);
        let p = dreamer(&mut app).position;
        assert!(
            block.clearance(p).0 > DREAMER_RADIUS - 1e-3,
            "went into the tower at {p:?}"
        );
        if p.x < 2.0 {
            assert!(
                (p.y - face).abs() < 1e-3,
                "left the face while beside it: {p:?}"
            );
        }
    }
    let slid = dreamer(&mut app);
    assert!(
        slid.position.x > 2.0,
        "slid along the face: {:?}",
        slid.position
    );

    // Past the corner the way north opens again.
    hold(&mut app, diagonal, 120);
    assert!(
        dreamer(&mut app).position.y < 0.0,
        "walked on past the tower"
    );
}

#[test]
fn the_dreamer_cannot_be_wedged_between_two_towers() {
    // Two towers leave a gap narrower than the dreamer: walking into it must neither pass
    // through nor stick.
    let gap = DREAMER_RADIUS * 1.5;
    let mut app = dream_in_city(
        1,
        test_city(vec![
            tower("left", -2.0 - gap / 2.0, 0.0, 4.0, 4.0),
            tower("right", 2.0 + gap / 2.0, 0.0, 4.0, 4.0),
        ]),
    );
    hold(&mut app, forward_frame(), 600);
    let wedged = dreamer(&mut app);
    assert!(
        wedged.position.y > 2.0 - 1e-3,
        "squeezed into the gap: {:?}",
        wedged.position
    );
    // And it can always walk back out.
    hold(&mut app, InputFrame::new(-Vec2::Y, Vec2::ZERO, false), 120);
    assert!(
        dreamer(&mut app).position.y > wedged.position.y + 2.0,
        "walked back out"
    );
}

#[test]
fn the_bounds_hold_whatever_the_dreamer_does() {
    let mut app = dream(3, Chapter::City);
    let bounds = app.world().resource::<Levels>().city.bounds;
    // Straight back: the south edge is 6 m behind the spawn.
    hold(&mut app, InputFrame::new(-Vec2::Y, Vec2::ZERO, false), 600);
    let me = dreamer(&mut app);
    assert!(
        (me.position.y - (bounds.max.z - DREAMER_RADIUS)).abs() < 1e-3,
        "{:?}",
        me.position
    );

    // Then wander at random for a minute: always inside the bounds, never inside a tower.
    let city = app.world().resource::<Levels>().city.clone();
    let mut rng = ChaCha8Rng::seed_from_u64(99);
    let mut frame = InputFrame::default();
    for tick_index in 0..3600 {
        if tick_index % 30 == 0 {
            frame = InputFrame::new(
                Vec2::new(rng.random_range(-1.0..1.0), rng.random_range(-0.3..1.0)),
                Vec2::new(rng.random_range(-0.05..0.05), 0.0),
                false,
            );
        }
        hold(&mut app, frame, 1);
        let p = dreamer(&mut app).position;
        assert!(p.is_finite());
        assert!(
            city.bounds.contains(p, DREAMER_RADIUS - 1e-3),
            "left the bounds at {p:?}"
        );
        for obstacle in &city.obstacles {
            assert!(
                obstacle.clearance(p).0 > DREAMER_RADIUS - 1e-3,
                "inside {} at {p:?} on tick {tick_index}",
                obstacle.id
            );
        }
    }
    // Wherever the wandering ended, the way back to the spawn is open.
    let grid = NavGrid::new(&city);
    let here = dreamer(&mut app).position;
    assert!(
        grid.route(here, city.spawn.at.vec(), 1.0).is_some(),
        "stuck at {here:?}"
    );
}

#[test]
fn the_same_seed_and_inputs_give_bit_identical_positions() {
    let run = |seed: u64| {
        let mut app = dream(seed, Chapter::City);
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let mut trace = Vec::new();
        for _ in 0..900 {
            let frame = InputFrame::new(
                Vec2::new(rng.random_range(-1.0..1.0), rng.random_range(-1.0..1.0)),
                Vec2::new(rng.random_range(-0.04..0.04), rng.random_range(-0.02..0.02)),
                false,
            );
            hold(&mut app, frame, 1);
            let me = dreamer(&mut app);
            trace.push([
                me.position.x.to_bits(),
                me.position.y.to_bits(),
                me.yaw.to_bits(),
                me.pitch.to_bits(),
            ]);
        }
        (trace, planned_door(&app).id)
    };
    let first = run(11);
    let second = run(11);
    assert_eq!(first, second);
}

#[test]
fn a_new_dream_starts_fresh() {
    let mut app = dream(2, Chapter::City);
    hold(&mut app, forward_frame(), 120);
    app.world_mut().write_message(BeginDream {
        chapter: Chapter::City,
    });
    app.update();
    app.update();
    let spawn = app.world().resource::<Levels>().city.spawn.at.vec();
    let me = dreamer(&mut app);
    assert_eq!(me.position, spawn);
    assert_eq!(me.velocity, Vec2::ZERO);
    assert_eq!(
        support::clock(&app),
        1,
        "the clock restarted with the new dream"
    );
    let dreamers = app
        .world_mut()
        .query::<&begin_again::dream::walking::Dreamer>()
        .iter(app.world())
        .count();
    assert_eq!(dreamers, 1, "nothing of the last dream is left");
}
