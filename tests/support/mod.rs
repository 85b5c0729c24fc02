//! Shared harness: the real logic plugins, headless, one fixed tick per update.

#![allow(dead_code, reason = "each test uses some of the helpers")]

use std::path::{Path, PathBuf};
use std::time::Duration;

use begin_again::DreamLogicPlugin;
use begin_again::autopilot::RouteFollower;
use begin_again::flow::{AfterLoading, AppState, Chapter, DreamClock};
use begin_again::input::{InputFrame, InputRecording};
use begin_again::level::{LevelKind, Levels};
use begin_again::nav::NavGrid;
use begin_again::portal::Door;
use begin_again::walking::{Dreamer, forward};
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;

pub fn levels_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("levels")
}

/// The logic plugins with no window, GPU or audio, not yet updated.
pub fn logic_app(levels_dir: PathBuf, seed: u64) -> App {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        StatesPlugin,
        DreamLogicPlugin {
            levels_dir,
            seed: Some(seed),
        },
    ))
    .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs_f64(
        1.0 / 60.0,
    )));
    app
}

/// A dream started at `chapter` with the repository's levels, ready to walk.
pub fn dream(seed: u64, chapter: Chapter) -> App {
    let mut app = logic_app(levels_dir(), seed);
    app.insert_resource(AfterLoading::Dream(chapter));
    settle(&mut app);
    app
}

/// A dream in a city made for the test, with the real garden.
pub fn dream_in_city(seed: u64, city: begin_again::level::LevelDef) -> App {
    let garden = begin_again::level::load_level_file(&levels_dir().join("garden.ron"))
        .expect("the garden is valid");
    let mut app = logic_app(levels_dir(), seed);
    app.insert_resource(Levels { city, garden })
        .insert_resource(AfterLoading::Dream(Chapter::City));
    settle(&mut app);
    app
}

/// Updates until a dreamer stands in the world.
pub fn settle(app: &mut App) {
    for _ in 0..20 {
        app.update();
        if app
            .world()
            .get_resource::<State<AppState>>()
            .map(|s| *s.get())
            == Some(AppState::Playing)
            && dreamer_entity(app).is_some()
        {
            return;
        }
    }
    panic!("the dream did not begin");
}

fn dreamer_entity(app: &mut App) -> Option<Entity> {
    app.world_mut()
        .query_filtered::<Entity, With<Dreamer>>()
        .iter(app.world())
        .next()
}

pub fn clock(app: &App) -> u64 {
    app.world().resource::<DreamClock>().tick
}

/// Runs exactly one fixed tick of gameplay.
pub fn tick(app: &mut App) {
    let before = clock(app);
    for _ in 0..10 {
        app.update();
        let now = clock(app);
        assert!(now <= before + 1, "more than one tick ran in an update");
        if now == before + 1 {
            return;
        }
    }
    panic!("no gameplay tick ran");
}

pub fn hold(app: &mut App, frame: InputFrame, ticks: usize) {
    for _ in 0..ticks {
        app.insert_resource(frame);
        tick(app);
    }
}

pub fn dreamer(app: &mut App) -> Dreamer {
    *app.world_mut()
        .query::<&Dreamer>()
        .single(app.world())
        .expect("one dreamer")
}

pub fn place_dreamer(app: &mut App, position: Vec2, yaw: f32) {
    let mut query = app.world_mut().query::<&mut Dreamer>();
    let mut dreamer = query.single_mut(app.world_mut()).expect("one dreamer");
    dreamer.teleport(position, yaw);
}

pub fn chapter(app: &App) -> Option<Chapter> {
    app.world()
        .get_resource::<State<Chapter>>()
        .map(|s| *s.get())
}

pub fn door(app: &mut App) -> Door {
    app.world_mut()
        .query::<&Door>()
        .single(app.world())
        .expect("one door")
        .clone()
}

pub fn forward_frame() -> InputFrame {
    InputFrame::new(Vec2::Y, Vec2::ZERO, false)
}

/// Walks to the door and through it as a player would, by the level's own map; returns the
/// frames the simulation consumed.
pub fn walk_through_door(app: &mut App, max_ticks: usize) -> Vec<InputFrame> {
    let door = door(app);
    let city = app
        .world()
        .resource::<Levels>()
        .get(LevelKind::City)
        .clone();
    let start = dreamer(app).position;
    let front = door.position + forward(door.facing) * 3.0;
    let behind = door.position - forward(door.facing) * 3.0;
    let grid = NavGrid::new(&city);
    let mut waypoints = grid.route(start, front, 0.5).expect("a route to the door");
    waypoints.push(door.position);
    waypoints.push(behind);
    let mut follower = RouteFollower::new(waypoints);
    for _ in 0..max_ticks {
        if chapter(app) == Some(Chapter::Garden) {
            break;
        }
        let me = dreamer(app);
        let frame = follower.frame(&me).unwrap_or_default();
        app.insert_resource(frame);
        tick(app);
    }
    app.world().resource::<InputRecording>().0.clone()
}
