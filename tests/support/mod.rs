//! Shared harness: the real logic plugins, headless, one fixed tick per update.

#![allow(dead_code, reason = "each test uses some of the helpers")]

use std::path::{Path, PathBuf};

use begin_again::core::flow::{AfterLoading, Chapter, DreamClock};
use begin_again::core::input::{InputFrame, InputRecording};
use begin_again::dream::portal::{Door, DoorPlan};
use begin_again::dream::voices::Subtitle;
use begin_again::dream::walking::{Dreamer, forward};
use begin_again::level::nav::NavGrid;
use begin_again::level::{
    Footprint, LevelDef, LevelKind, Levels, LevelsSource, Obstacle, Point, parse_level,
};
use begin_again::speedrun::pilot::{RouteFollower, steer_toward};
use bevy::prelude::*;

pub(crate) fn levels_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("levels")
}

/// A fresh, empty folder for one test's files.
pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("begin-again-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The repository's levels, read from their folder.
pub(crate) fn levels() -> LevelsSource {
    LevelsSource::Folder(levels_dir())
}

/// The logic plugins with no window, GPU or audio, not yet updated.
pub(crate) fn logic_app(levels_dir: PathBuf, seed: u64) -> App {
    begin_again::speedrun::headless_app(&LevelsSource::Folder(levels_dir), seed, 1)
}

/// A dream started at `chapter` with the repository's levels, ready to walk.
pub(crate) fn dream(seed: u64, chapter: Chapter) -> App {
    let mut app = logic_app(levels_dir(), seed);
    app.insert_resource(AfterLoading::Dream(chapter));
    settle(&mut app);
    app
}

/// A dream at `chapter` played with the player's hands: the real devices plugin reads the
/// keyboard (pressed with [`press`]) through `settings`' controls into the input frame.
pub(crate) fn dream_with_hands(
    seed: u64,
    chapter: Chapter,
    settings: begin_again::core::settings::Settings,
) -> App {
    let mut app = logic_app(levels_dir(), seed);
    app.add_plugins((bevy::input::InputPlugin, begin_again::view::devices::plugin))
        .insert_resource(settings)
        .insert_resource(AfterLoading::Dream(chapter));
    settle(&mut app);
    app
}

/// Holds a key down (as the keyboard would) until [`release`].
pub(crate) fn press(app: &mut App, key: KeyCode) {
    app.world_mut()
        .resource_mut::<ButtonInput<KeyCode>>()
        .press(key);
}

pub(crate) fn release(app: &mut App, key: KeyCode) {
    app.world_mut()
        .resource_mut::<ButtonInput<KeyCode>>()
        .release(key);
}

/// The input frame the last tick played.
pub(crate) fn last_frame(app: &App) -> InputFrame {
    *app.world().resource::<InputFrame>()
}

/// A dream in a city made for the test, with the real garden.
pub(crate) fn dream_in_city(seed: u64, city: begin_again::level::LevelDef) -> App {
    let garden = begin_again::level::load_level_file(&levels_dir().join("garden.ron"))
        .expect("the garden is valid");
    let mut app = logic_app(levels_dir(), seed);
    app.insert_resource(Levels { city, garden })
        .insert_resource(AfterLoading::Dream(Chapter::City));
    settle(&mut app);
    app
}

/// Updates until a dreamer stands in the world.
pub(crate) fn settle(app: &mut App) {
    begin_again::dream::begin(app).expect("the dream begins");
}

pub(crate) fn clock(app: &App) -> u64 {
    app.world().resource::<DreamClock>().tick
}

/// Runs exactly one fixed tick of gameplay.
pub(crate) fn tick(app: &mut App) {
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

pub(crate) fn hold(app: &mut App, frame: InputFrame, ticks: usize) {
    for _ in 0..ticks {
        app.insert_resource(frame);
        tick(app);
    }
}

pub(crate) fn dreamer(app: &mut App) -> Dreamer {
    *app.world_mut()
        .query::<&Dreamer>()
        .single(app.world())
        .expect("one dreamer")
}

pub(crate) fn place_dreamer(app: &mut App, position: Vec2, yaw: f32) {
    let mut query = app.world_mut().query::<&mut Dreamer>();
    let mut dreamer = query.single_mut(app.world_mut()).expect("one dreamer");
    dreamer.teleport(position, yaw);
}

pub(crate) fn chapter(app: &App) -> Option<Chapter> {
    app.world()
        .get_resource::<State<Chapter>>()
        .map(|s| *s.get())
}

/// The door this dream will open (chosen by the seed when the city begins).
pub(crate) fn planned_door(app: &App) -> Door {
    app.world().resource::<DoorPlan>().0.clone()
}

/// The door standing in the city, once the warmth has drained.
pub(crate) fn open_door(app: &mut App) -> Option<Door> {
    app.world_mut()
        .query::<&Door>()
        .iter(app.world())
        .next()
        .cloned()
}

pub(crate) fn forward_frame() -> InputFrame {
    InputFrame::new(Vec2::Y, Vec2::ZERO, false)
}

/// Walks to the door's place, paces in front of it until the warmth has drained and the
/// door appears, then walks through — as a player would, by the level's own map. Returns the
/// frames the simulation consumed.
pub(crate) fn walk_through_door(app: &mut App, max_ticks: usize) -> Vec<InputFrame> {
    let door = planned_door(app);
    let city = app
        .world()
        .resource::<Levels>()
        .get(LevelKind::City)
        .clone();
    let start = dreamer(app).position;
    let front = door.position + forward(door.facing) * 3.0;
    let further = door.position + forward(door.facing) * 12.0;
    let grid = NavGrid::new(&city);
    let mut follower =
        RouteFollower::new(grid.route(start, front, 0.5).expect("a route to the door"));
    let mut through = false;
    for _ in 0..max_ticks {
        if chapter(app) == Some(Chapter::Garden) {
            break;
        }
        let me = dreamer(app);
        let frame = match follower.frame(&me) {
            Some(frame) => frame,
            None if open_door(app).is_some() && !through => {
                through = true;
                follower =
                    RouteFollower::new(vec![front, door.position, door.position * 2.0 - front]);
                follower.frame(&me).unwrap_or_default()
            }
            None if !through => {
                // Still warm: pace up and down in front of where the door will be.
                let turn = if me.position.distance(front) < 1.0 {
                    further
                } else {
                    front
                };
                follower = RouteFollower::new(vec![turn]);
                follower.frame(&me).unwrap_or_default()
            }
            None => InputFrame::default(),
        };
        app.insert_resource(frame);
        tick(app);
    }
    app.world().resource::<InputRecording>().0.clone()
}

/// Every `M` written during gameplay, with the tick it was written on.
#[derive(Resource)]
pub(crate) struct Heard<M: Message>(pub Vec<(u64, M)>);

/// Starts collecting `M` messages into `Heard<M>`.
pub(crate) fn listen<M: Message + Clone>(app: &mut App) {
    app.insert_resource(Heard::<M>(Vec::new()))
        .add_systems(FixedPostUpdate, collect::<M>);
}

fn collect<M: Message + Clone>(
    mut reader: MessageReader<M>,
    clock: Res<DreamClock>,
    mut heard: ResMut<Heard<M>>,
) {
    for message in reader.read() {
        heard.0.push((clock.tick, message.clone()));
    }
}

pub(crate) fn heard<M: Message + Clone>(app: &App) -> Vec<(u64, M)> {
    app.world().resource::<Heard<M>>().0.clone()
}

/// Walks to within `reach` of `target` in the garden by the level's map; returns the ticks it
/// took.
pub(crate) fn walk_in_garden_to(app: &mut App, target: Vec2, reach: f32) -> usize {
    let garden = app
        .world()
        .resource::<Levels>()
        .get(LevelKind::Garden)
        .clone();
    let start = dreamer(app).position;
    let route = NavGrid::new(&garden)
        .route(start, target, reach)
        .expect("a route in the garden");
    let mut follower = RouteFollower::new(route);
    for ticks in 0..60 * 120 {
        let me = dreamer(app);
        if me.position.distance(target) <= reach {
            return ticks;
        }
        let frame = follower
            .frame(&me)
            .unwrap_or_else(|| steer_toward(&me, target));
        app.insert_resource(frame);
        tick(app);
    }
    panic!("could not walk to {target:?}");
}

/// The repository's city with `obstacles` in place of its towers.
pub(crate) fn test_city(obstacles: Vec<Obstacle>) -> LevelDef {
    let text = std::fs::read_to_string(levels_dir().join("city.ron")).unwrap();
    let mut city = parse_level(Path::new("city.ron"), &text).unwrap();
    city.obstacles = obstacles;
    city
}

/// A 30 m tower on a `width` × `depth` footprint at x, z.
pub(crate) fn tower(id: &str, x: f32, z: f32, width: f32, depth: f32) -> Obstacle {
    Obstacle {
        id: id.into(),
        at: Point { x, z },
        footprint: Footprint { width, depth },
        height: 30.0,
        lean: Point::default(),
        turn: 0.0,
    }
}

pub(crate) fn garden(app: &App) -> LevelDef {
    app.world().resource::<Levels>().garden.clone()
}

pub(crate) fn subtitle(app: &App) -> Subtitle {
    app.world().resource::<Subtitle>().clone()
}
