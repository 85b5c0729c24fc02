//! The dream's logic, driven headless through the real plugins: walking, collision, bounds,
//! the door into the garden, determinism, and what a broken level file reports.

mod support;

use std::path::Path;

use begin_again::autoplay::{self, Pilot, Route};
use begin_again::darkening::{CHORD_COUNT, Footstep, Warmth, Worries, WorryClung};
use begin_again::ending::{Awoke, Ending, ShawlReceived};
use begin_again::flow::{AppState, BeginDream, Chapter};
use begin_again::garden::{CurrentFragrance, FragranceNoticed, SPECIES, meadow_layout};
use begin_again::input::{InputFrame, InputSource};
use begin_again::level::Darkening;
use begin_again::level::{
    Footprint, LevelDef, LevelKind, Levels, LoadProblems, Obstacle, Point, parse_level,
};
use begin_again::lotus::{
    KNEEL_REACH, Kneeling, PLANT_HOLD_TICKS, River as LotusRiver, RiverAwakened, WorryPlanted,
    WorryTree,
};
use begin_again::nav::NavGrid;
use begin_again::portal::{DoorAppeared, PortalEntered};
use begin_again::river::{FragmentCollected, FragmentPlan, Heart, HeartAssembled};
use begin_again::voices::{Subtitle, VoiceTriggered, VoicesHeard, subtitle_ticks};
use begin_again::walking::STRIDE_LENGTH;
use begin_again::walking::{
    ACCELERATION_RATE, DREAMER_RADIUS, STOP_RATE, TICK_SECONDS, WALK_SPEED,
};
use bevy::prelude::*;
use chacha20::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use support::*;

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
    let full = WALK_SPEED * TICK_SECONDS;
    assert!((previous.distance(me.position) - 0.0).abs() < 1e-6);
    assert!(
        expected_speed * TICK_SECONDS > full * 0.99,
        "after four seconds the drift is at full speed"
    );

    // Letting go glides to a soft stop rather than halting at once.
    hold(&mut app, InputFrame::default(), 1);
    let gliding = dreamer(&mut app);
    let stop_blend = 1.0 - (-STOP_RATE * TICK_SECONDS).exp();
    assert!((gliding.velocity.length() - expected_speed * (1.0 - stop_blend)).abs() < 1e-3);
    hold(&mut app, InputFrame::default(), 300);
    assert_eq!(dreamer(&mut app).velocity, Vec2::ZERO, "the drift settles");
}

fn test_city(obstacles: Vec<Obstacle>) -> LevelDef {
    let text = std::fs::read_to_string(levels_dir().join("city.ron")).unwrap();
    let mut city = parse_level(Path::new("city.ron"), &text).unwrap();
    city.obstacles = obstacles;
    city
}

fn tower(id: &str, x: f32, z: f32, width: f32, depth: f32) -> Obstacle {
    Obstacle {
        id: id.into(),
        at: Point { x, z },
        footprint: Footprint { width, depth },
        height: 30.0,
        lean: Point::default(),
        turn: 0.0,
    }
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
fn replaying_a_recorded_walk_to_the_door_enters_the_garden() {
    let mut live = dream(1, Chapter::City);
    let door = planned_door(&live);
    let recording = walk_through_door(&mut live, 60 * 120);
    assert_eq!(
        chapter(&live),
        Some(Chapter::Garden),
        "the autopilot walked through the door"
    );
    let garden_spawn = live.world().resource::<Levels>().garden.spawn.at.vec();

    let mut replay = support::logic_app(levels_dir(), 1);
    replay
        .insert_resource(begin_again::flow::AfterLoading::Dream(Chapter::City))
        .insert_resource(InputSource::replay(recording.clone()));
    settle(&mut replay);
    assert_eq!(
        planned_door(&replay),
        door,
        "the same seed places the same door"
    );
    // Tick for tick the same dream: the replay consumes the recording frame by frame.
    while support::clock(&replay) < support::clock(&live) {
        tick(&mut replay);
    }
    assert_eq!(
        support::clock(&live) as usize,
        recording.len(),
        "every tick was recorded"
    );
    assert_eq!(chapter(&replay), Some(Chapter::Garden));
    let arrived = dreamer(&mut replay);
    assert!(
        arrived.position.distance(garden_spawn) < 0.5,
        "the dreamer stands at the garden's spawn: {:?}",
        arrived.position
    );
    assert_eq!(
        arrived,
        dreamer(&mut live),
        "the replay ends exactly where the walk did"
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
fn the_door_is_placed_by_the_seed() {
    let door_for = |seed| planned_door(&dream(seed, Chapter::City)).id;
    assert_eq!(door_for(4), door_for(4));
    let places: std::collections::HashSet<String> = (0..12).map(door_for).collect();
    assert!(
        places.len() >= 2,
        "different seeds choose different doors: {places:?}"
    );
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
        .query::<&begin_again::walking::Dreamer>()
        .iter(app.world())
        .count();
    assert_eq!(dreamers, 1, "nothing of the last dream is left");
}

#[test]
fn the_repository_levels_are_valid() {
    let levels = Levels::load(&levels_dir()).unwrap_or_else(|problems| {
        panic!(
            "{}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    assert_eq!(levels.city.kind, LevelKind::City);
    assert!(levels.garden.voices.len() >= 8);
}

fn problems_in(text: &str) -> Vec<String> {
    parse_level(Path::new("levels/broken.ron"), text)
        .expect_err("the level is broken")
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn city_text() -> String {
    std::fs::read_to_string(levels_dir().join("city.ron")).unwrap()
}

/// The 1-based line holding `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle in text")
        + 1
}

#[test]
fn a_syntax_error_names_file_line_and_column() {
    let text = city_text().replacen("kind: City,", "kind: City", 1);
    let problems = problems_in(&text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let name_line = line_of(&text, "name: \"The Silver City\"");
    assert!(
        problems[0].starts_with(&format!("levels/broken.ron:{name_line}:5: ")),
        "{problems:?}"
    );
}

#[test]
fn an_unknown_field_and_a_missing_one_are_named() {
    let text = city_text().replacen("height: ", "hieght: ", 1);
    let problems = problems_in(&text);
    assert!(problems[0].contains("hieght"), "{problems:?}");
    assert!(problems[0].starts_with(&format!("levels/broken.ron:{}:", line_of(&text, "hieght"))));
}

/// `text` with the number after the first `key` replaced by `value`.
fn replace_first_number(text: &str, key: &str, value: &str) -> String {
    let start = text.find(key).expect("key in text") + key.len();
    let end = start + text[start..].find([',', ')']).expect("end of number");
    format!("{}{value}{}", &text[..start], &text[end..])
}

#[test]
fn problems_past_syntax_point_at_their_place() {
    let text = city_text();
    // A duplicated id, a NaN, and a door outside the bounds.
    let second_tower_line = line_of(&text, "\"tower-02\"");
    let broken = text.replacen("\"tower-02\"", "\"tower-01\"", 1);
    let broken = replace_first_number(&broken, "height: ", "NaN");
    let broken = broken.replacen(
        "(x: 0.0, z: -98.0), facing: 180.0",
        "(x: 500.0, z: -98.0), facing: 180.0",
        1,
    );
    let problems = problems_in(&broken);
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(
        problems.iter().any(
            |p| p.starts_with(&format!("levels/broken.ron:{second_tower_line}:"))
                && p.ends_with("the id \"tower-01\" is used twice")
        ),
        "{problems:?}"
    );
    let first_tower_line = line_of(&broken, "\"tower-01\"");
    assert!(
        problems.iter().any(
            |p| p.starts_with(&format!("levels/broken.ron:{first_tower_line}:"))
                && p.contains("height must be a finite number")
        ),
        "{problems:?}"
    );
    let door_line = line_of(&broken, "north-avenue");
    assert!(
        problems.iter().any(
            |p| p.starts_with(&format!("levels/broken.ron:{door_line}:"))
                && p.contains("outside the bounds")
        ),
        "{problems:?}"
    );
}

#[test]
fn an_unreachable_door_is_reported() {
    // Wall the north-avenue door in with four towers.
    let mut city = test_city(Vec::new());
    city.doors.truncate(1);
    let door = city.doors[0].at;
    for (i, (dx, dz)) in [(0.0, 4.0), (0.0, -4.0), (4.0, 0.0), (-4.0, 0.0)]
        .iter()
        .enumerate()
    {
        city.obstacles.push(tower(
            &format!("wall-{i}"),
            door.x + dx,
            door.z + dz,
            if *dx == 0.0 { 10.0 } else { 2.0 },
            if *dz == 0.0 { 10.0 } else { 2.0 },
        ));
    }
    let text = ron::ser::to_string_pretty(&city, ron::ser::PrettyConfig::default()).unwrap();
    let problems = problems_in(&text);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("door \"north-avenue\" cannot be reached from the spawn")),
        "{problems:?}"
    );
}

#[test]
fn a_broken_level_file_shows_its_problem_instead_of_panicking() {
    let dir = std::env::temp_dir().join(format!("begin-again-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("city.ron"),
        city_text().replacen("bounds:", "bounds =", 1),
    )
    .unwrap();
    std::fs::copy(levels_dir().join("garden.ron"), dir.join("garden.ron")).unwrap();

    let mut app = support::logic_app(dir.clone(), 1);
    app.update();
    app.update();
    assert_eq!(
        *app.world().resource::<State<AppState>>().get(),
        AppState::Broken
    );
    let problems = &app.world().resource::<LoadProblems>().0;
    assert_eq!(problems.len(), 1);
    let shown = problems[0].to_string();
    let city_path = dir.join("city.ron");
    assert!(
        shown.starts_with(&format!(
            "{}:{}:",
            city_path.display(),
            line_of(&city_text(), "bounds:")
        )),
        "{shown}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn the_check_command_reports_file_line_col_and_fails() {
    let binary = env!("CARGO_BIN_EXE_begin-again");
    let good = std::process::Command::new(binary)
        .arg("check")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&good.stdout);
    assert!(good.status.success(), "{said}");
    assert!(said.contains("2 level files valid"), "{said}");

    let dir = std::env::temp_dir().join(format!("begin-again-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("city.ron");
    std::fs::write(
        &broken,
        city_text().replacen("facing: 180.0", "facing: 180.0 180.0", 1),
    )
    .unwrap();
    let bad = std::process::Command::new(binary)
        .arg("check")
        .arg(&broken)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&bad.stdout);
    assert_eq!(bad.status.code(), Some(1), "{said}");
    let line = line_of(&city_text(), "facing: 180.0");
    assert!(
        said.starts_with(&format!("{}:{line}:", broken.display())),
        "{said}"
    );
    std::fs::remove_dir_all(dir).ok();
}

fn warmth(app: &App) -> Warmth {
    *app.world().resource::<Warmth>()
}

fn darkening(app: &App) -> Darkening {
    app.world()
        .resource::<Levels>()
        .city
        .darkening
        .expect("the city darkens")
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

/// Walks north up the main avenue, a tick at a time, calling `each` after every tick.
fn walk_the_avenue(app: &mut App, ticks: usize, mut each: impl FnMut(&mut App)) {
    for _ in 0..ticks {
        hold(app, forward_frame(), 1);
        each(app);
    }
}

#[test]
fn the_door_appears_exactly_when_warmth_reaches_its_floor() {
    let mut app = dream(1, Chapter::City);
    listen::<DoorAppeared>(&mut app);
    let mut floor_reached_on = None;
    walk_the_avenue(&mut app, 60 * 45, |app| {
        let at_floor = warmth(app).at_floor();
        let door_open = open_door(app).is_some();
        assert_eq!(
            door_open, at_floor,
            "the door stands exactly while warmth is at its floor"
        );
        if at_floor && floor_reached_on.is_none() {
            floor_reached_on = Some(support::clock(app));
        }
    });
    let reached = floor_reached_on.expect("walking on drains the warmth to its floor");
    let appeared = heard::<DoorAppeared>(&app);
    assert_eq!(appeared.len(), 1, "the door appears once");
    assert_eq!(
        appeared[0].0, reached,
        "on the very tick the warmth reached its floor"
    );
    assert_eq!(appeared[0].1.door, planned_door(&app).id);
    assert!(dreamer(&mut app).distance_walked >= darkening(&app).distance);
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

#[test]
fn every_sound_the_game_plays_is_in_the_assets() {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let paths = begin_again::audio::sound_paths();
    assert_eq!(paths.len(), 2 * CHORD_COUNT as usize + 6 + 7);
    for path in paths {
        let file = assets.join(&path);
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        // An Ogg Vorbis file of a few seconds is tens of kilobytes; a stub would be tiny.
        assert!(
            size > 10_000,
            "{} is missing or empty ({size} bytes)",
            file.display()
        );
        let head = std::fs::read(&file).unwrap();
        assert_eq!(&head[..4], b"OggS", "{} is an Ogg file", file.display());
    }
}

fn garden(app: &App) -> LevelDef {
    app.world().resource::<Levels>().garden.clone()
}

fn subtitle(app: &App) -> Subtitle {
    app.world().resource::<Subtitle>().clone()
}

#[test]
fn a_voice_flower_speaks_once_each_approach_and_again_on_interact() {
    let mut app = dream(1, Chapter::Garden);
    listen::<VoiceTriggered>(&mut app);
    let voice = garden(&app).voices[0].clone();
    let spawn = garden(&app).spawn.at.vec();

    walk_in_garden_to(&mut app, voice.at.vec(), 2.0);
    hold(&mut app, InputFrame::default(), 240);
    let first = heard::<VoiceTriggered>(&app);
    assert_eq!(
        first.len(),
        1,
        "it speaks once as the dreamer comes near: {first:?}"
    );
    assert_eq!(first[0].1.flower.as_deref(), Some(voice.id.as_str()));
    let shown = subtitle(&app).current.expect("a subtitle is showing");
    assert_eq!(
        (shown.speaker.as_str(), shown.line.as_str()),
        (voice.speaker.as_str(), voice.line.as_str())
    );

    // Interact beside it: it speaks again; holding does not repeat it.
    hold(&mut app, InputFrame::new(Vec2::ZERO, Vec2::ZERO, true), 120);
    assert_eq!(
        heard::<VoiceTriggered>(&app).len(),
        2,
        "Interact plays it again, once per press"
    );
    hold(&mut app, InputFrame::default(), 1);

    // Walk away and come back: a new approach, a new telling.
    walk_in_garden_to(&mut app, spawn, 1.5);
    assert_eq!(heard::<VoiceTriggered>(&app).len(), 2);
    walk_in_garden_to(&mut app, voice.at.vec(), 2.0);
    hold(&mut app, InputFrame::default(), 30);
    assert_eq!(
        heard::<VoiceTriggered>(&app).len(),
        3,
        "it speaks again on the next approach"
    );

    // The subtitle stays as long as the line takes to say, then clears.
    hold(
        &mut app,
        InputFrame::default(),
        subtitle_ticks(&voice.line) as usize + 5,
    );
    assert_eq!(subtitle(&app).current, None);
    let heard_ids = app.world().resource::<VoicesHeard>().0.clone();
    assert_eq!(heard_ids, vec![voice.id.clone()]);
}

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
fn the_meadow_is_scattered_by_the_seed() {
    let level = Levels::load(&levels_dir()).unwrap().garden;
    let first = meadow_layout(&level, 5);
    assert_eq!(
        first,
        meadow_layout(&level, 5),
        "the same seed, the same meadow"
    );
    assert_ne!(
        first,
        meadow_layout(&level, 6),
        "another seed, another meadow"
    );
    assert!(
        first.len() >= 20_000,
        "flowers to the horizon: {}",
        first.len()
    );
    let lotus = level.lotus.as_ref().unwrap();
    for spot in &first {
        assert!(
            spot.position.distance(lotus.at.vec()) > lotus.radius + 1.0,
            "the lotus has its clearing"
        );
        for stone in &level.obstacles {
            assert!(
                stone.clearance(spot.position).0 > 0.0,
                "no flower inside {}",
                stone.id
            );
        }
    }
    let species: std::collections::HashSet<u8> = first.iter().map(|s| s.species).collect();
    assert_eq!(species.len(), SPECIES as usize, "every species grows");
}

#[test]
fn every_voice_in_the_level_has_its_audio_file() {
    let level = Levels::load(&levels_dir()).unwrap().garden;
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let mut files: Vec<String> = level.voices.iter().map(|v| v.audio.clone()).collect();
    files.push(level.lotus.unwrap().whisper.audio);
    files.extend(
        level
            .moon
            .iter()
            .chain(&level.waking)
            .map(|s| s.audio.clone()),
    );
    assert_eq!(
        files.len(),
        level.voices.len() + 3,
        "the trees, the moon and the waking speak too"
    );
    for file in files {
        let path = assets.join(&file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(&bytes[..4], b"OggS", "{} is an Ogg file", path.display());
        assert!(
            bytes.len() > 20_000,
            "{} holds speech, not a stub ({} bytes)",
            path.display(),
            bytes.len()
        );
    }
}

#[test]
fn walking_into_a_fragrance_names_it() {
    let mut app = dream(1, Chapter::Garden);
    listen::<FragranceNoticed>(&mut app);
    let rose = garden(&app)
        .fragrances
        .iter()
        .find(|f| f.name == "rose")
        .unwrap()
        .clone();
    walk_in_garden_to(&mut app, rose.at.vec(), rose.radius * 0.5);
    let noticed: Vec<String> = heard::<FragranceNoticed>(&app)
        .into_iter()
        .map(|(_, f)| f.name)
        .collect();
    assert_eq!(
        noticed.last().map(String::as_str),
        Some("rose"),
        "{noticed:?}"
    );
    assert_eq!(
        app.world().resource::<CurrentFragrance>().0.as_deref(),
        Some("rose")
    );
}

/// A headless dream ready for the autopilot, listening for every beat of the story.
fn dream_for_autoplay(seed: u64) -> App {
    let mut app = autoplay::headless_app(&levels_dir(), seed);
    listen::<DoorAppeared>(&mut app);
    listen::<PortalEntered>(&mut app);
    listen::<WorryPlanted>(&mut app);
    listen::<RiverAwakened>(&mut app);
    listen::<FragmentCollected>(&mut app);
    listen::<HeartAssembled>(&mut app);
    listen::<ShawlReceived>(&mut app);
    listen::<Awoke>(&mut app);
    autoplay::begin(&mut app).unwrap();
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
    autoplay::fly(
        &mut app,
        &mut Pilot::new(Route::Any),
        60 * 60 * 20,
        autoplay::woken,
    )
    .unwrap();
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
    autoplay::fly(
        &mut app,
        &mut Pilot::new(Route::Full),
        60 * 60 * 20,
        autoplay::woken,
    )
    .unwrap();
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
fn fragment_places_follow_the_seed() {
    let places = |seed| {
        let app = dream(seed, Chapter::Garden);
        app.world().resource::<FragmentPlan>().0.clone()
    };
    let level = Levels::load(&levels_dir()).unwrap().garden;
    let fragments = level.fragments.clone().unwrap();
    let first = places(8);
    assert_eq!(first, places(8), "the same seed, the same places");
    assert_eq!(first.len(), fragments.count as usize);
    let candidates: Vec<Vec2> = fragments.candidates.iter().map(|p| p.vec()).collect();
    assert!(
        first.iter().all(|p| candidates.contains(p)),
        "every place is a candidate"
    );
    let distinct: std::collections::HashSet<usize> = first
        .iter()
        .map(|p| candidates.iter().position(|c| c == p).unwrap())
        .collect();
    assert_eq!(distinct.len(), first.len(), "no place used twice");
    assert!(
        (9..14).any(|seed| places(seed) != first),
        "other seeds choose other places"
    );
}

#[test]
fn skipping_the_scenes_leaves_the_state_watching_leaves() {
    let finish = |skip: bool| {
        let mut app = dream_for_autoplay(2);
        let mut pilot = Pilot::new(Route::Any);
        pilot.skip_scenes = skip;
        autoplay::fly(&mut app, &mut pilot, 60 * 60 * 20, |world| {
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
fn the_title_garden_is_kept_safely_and_a_corrupt_one_is_moved_aside() {
    use begin_again::saving::{Bloom, TitleGarden, load_title_garden, write_atomically};
    let dir = std::env::temp_dir().join(format!("begin-again-garden-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("title-garden.ron");

    let (empty, problem) = load_title_garden(&file);
    assert!(
        empty.blooms.is_empty() && problem.is_none(),
        "no file yet: an empty garden"
    );

    let garden = TitleGarden {
        version: 1,
        blooms: vec![Bloom { seed: 4 }, Bloom { seed: 9 }],
    };
    write_atomically(&file, &ron::to_string(&garden).unwrap()).unwrap();
    assert_eq!(load_title_garden(&file), (garden.clone(), None));
    // Writing again keeps the last copy beside it.
    write_atomically(&file, &ron::to_string(&garden).unwrap()).unwrap();
    assert!(file.with_extension("ron.bak").exists());

    std::fs::write(&file, "(version: 1, blooms: [(seed: ").unwrap();
    let (fresh, problem) = load_title_garden(&file);
    assert!(fresh.blooms.is_empty());
    let problem = problem.expect("the corrupt file is reported");
    assert!(
        problem.contains("title-garden.ron") && problem.contains("moved aside"),
        "{problem}"
    );
    let aside = std::fs::read_to_string(file.with_extension("ron.corrupt")).unwrap();
    assert_eq!(
        aside, "(version: 1, blooms: [(seed: ",
        "the corrupt file is kept, not overwritten"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn settings_are_kept_and_a_broken_file_falls_back_without_loss() {
    use begin_again::saving::write_atomically;
    use begin_again::settings::{Settings, load_settings};
    let dir = std::env::temp_dir().join(format!("begin-again-settings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("settings.ron");
    assert_eq!(
        load_settings(&file),
        (Settings::default(), None),
        "no file: the defaults"
    );

    let chosen = Settings {
        head_bob: false,
        reduced_motion: true,
        mouse_sensitivity: 1.7,
        ..Settings::default()
    };
    write_atomically(&file, &ron::to_string(&chosen).unwrap()).unwrap();
    assert_eq!(load_settings(&file), (chosen, None), "read back as written");

    // A file from an older build with only some fields keeps the rest at their defaults.
    std::fs::write(&file, "(head_bob: false)").unwrap();
    assert_eq!(
        load_settings(&file).0,
        Settings {
            head_bob: false,
            ..Settings::default()
        }
    );

    std::fs::write(&file, "(head_bob: maybe)").unwrap();
    let (fallback, problem) = load_settings(&file);
    assert_eq!(fallback, Settings::default());
    let problem = problem.expect("reported");
    assert!(
        problem.starts_with(&format!("{}:", file.display())) && problem.contains("moved aside"),
        "{problem}"
    );
    assert_eq!(
        std::fs::read_to_string(file.with_extension("ron.corrupt")).unwrap(),
        "(head_bob: maybe)"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn the_settings_page_steps_values_within_their_bounds() {
    use begin_again::settings::Settings;
    use begin_again::settings_menu::{SETTING_ROWS, SettingKey};
    let mut settings = Settings::default();
    // Left and Right step and stop at the ends.
    for _ in 0..20 {
        SettingKey::MasterVolume.adjust(&mut settings, 1, false);
    }
    assert_eq!(settings.master_volume, 1.0);
    assert_eq!(SettingKey::MasterVolume.describe(&settings), "Volume: 100%");
    for _ in 0..3 {
        SettingKey::MasterVolume.adjust(&mut settings, -1, false);
    }
    assert!((settings.master_volume - 0.7).abs() < 1e-6);
    for _ in 0..40 {
        SettingKey::FieldOfView.adjust(&mut settings, -1, false);
    }
    assert_eq!(settings.field_of_view, 50.0);
    // Enter steps on and wraps from the top, so every value can be reached with one button.
    settings.text_scale = 2.0;
    SettingKey::TextSize.adjust(&mut settings, 1, true);
    assert_eq!(settings.text_scale, 0.75);
    let bob = settings.head_bob;
    SettingKey::HeadBob.adjust(&mut settings, 1, true);
    assert_eq!(settings.head_bob, !bob);
    // Every row names its value.
    for key in SETTING_ROWS {
        assert!(key.describe(&settings).contains(": "), "{key:?}");
    }
}

#[test]
fn progress_is_read_back_and_a_corrupt_file_is_kept_aside() {
    use begin_again::saving::{PROGRESS_VERSION, Progress, SavedChapter, load_progress};
    let dir = std::env::temp_dir().join(format!("begin-again-progress-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("progress.ron");
    let (fresh, problem) = load_progress(&path);
    assert_eq!(problem, None);
    assert_eq!(fresh.continue_at, None);
    assert!(!fresh.garden_reached);

    let reached = Progress {
        version: PROGRESS_VERSION,
        continue_at: Some(SavedChapter::Garden),
        garden_reached: true,
    };
    begin_again::saving::write_atomically(&path, &ron::ser::to_string(&reached).unwrap()).unwrap();
    assert_eq!(load_progress(&path), (reached, None));

    std::fs::write(&path, "(version: 1, continue_at: Some(Moon))").unwrap();
    let (fresh, problem) = load_progress(&path);
    assert_eq!(fresh.continue_at, None);
    assert!(problem.unwrap().contains("moved aside"));
    assert!(dir.join("progress.ron.corrupt").exists());
}
