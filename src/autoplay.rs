//! Autoplay: plays the whole dream headless, with no window, through the same input frames a
//! player makes, steering by reading the level. `any` takes the shortest way to waking; `full`
//! hears every voice, plants every worry and gathers every fragment.

use std::path::Path;
use std::time::Duration;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;

use crate::autopilot::RouteFollower;
use crate::darkening::Worries;
use crate::ending::Ending;
use crate::flow::{AfterLoading, Chapter, DreamClock};
use crate::input::InputFrame;
use crate::level::{LevelKind, Levels};
use crate::lotus::{KNEEL_REACH, River};
use crate::nav::NavGrid;
use crate::portal::{Door, DoorPlan};
use crate::replay::Recording;
use crate::river::Fragment;
use crate::speedrun::{Category, SeedChoice, Speedrun};
use crate::voices::{VOICE_OPEN_RADIUS, VoiceFlower, VoicesHeard};
use crate::walking::{Dreamer, forward};

pub use crate::speedrun::Route;

/// How a finished autoplay went.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub woke_on_tick: u64,
    /// The run's game time, from the first movement to the waking.
    pub time_ticks: u64,
    pub recording: Recording,
}

/// Gameplay ticks as m:ss.mmm.
pub fn format_ticks(ticks: u64) -> String {
    let millis = (ticks * 1000 + 30) / 60;
    format!(
        "{}:{:02}.{:03}",
        millis / 60_000,
        (millis / 1000) % 60,
        millis % 1000
    )
}

/// The logic of the dream with no window, GPU or sound: one fixed tick per update.
pub fn headless_app(levels_dir: &Path, seed: u64) -> App {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        StatesPlugin,
        crate::DreamLogicPlugin {
            levels_dir: levels_dir.to_owned(),
            seed: Some(seed),
        },
    ))
    .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs_f64(
        1.0 / crate::TICK_HZ,
    )))
    .insert_resource(AfterLoading::Dream(Chapter::City));
    app
}

/// What the pilot is doing now.
#[derive(Debug, Clone, PartialEq)]
enum Goal {
    /// Walk to a place (within `reach`).
    Walk(Vec2, f32),
    /// Pace in front of the door until the warmth has gone and it appears.
    AwaitDoor,
    /// Walk through the door.
    ThroughDoor,
    /// Kneel at the lotus and plant every worry.
    Plant,
    /// Let the ending play, skipping each scene.
    SkipScenes,
}

/// Steers a dream to waking by the level's map.
pub struct Pilot {
    route: Route,
    follower: RouteFollower,
    goal: Option<Goal>,
    toggle: bool,
    /// Skip each scene of the ending (a speedrunner) or watch it through.
    pub skip_scenes: bool,
}

impl Pilot {
    pub fn new(route: Route) -> Self {
        Self {
            route,
            follower: RouteFollower::default(),
            goal: None,
            toggle: false,
            skip_scenes: true,
        }
    }

    /// The next goal, read from the state of the dream.
    fn choose(&self, world: &mut World, me: &Dreamer) -> Goal {
        let chapter = world.get_resource::<State<Chapter>>().map(|s| *s.get());
        let ending = world.resource::<Ending>().clone();
        if ending.scene.is_some() || ending.finished {
            return Goal::SkipScenes;
        }
        if chapter == Some(Chapter::City) {
            let door = world.resource::<DoorPlan>().0.clone();
            let open = world.query::<&Door>().iter(world).next().is_some();
            let front = door.position + forward(door.facing) * 3.0;
            if open {
                return Goal::ThroughDoor;
            }
            if self.goal == Some(Goal::AwaitDoor) || me.position.distance(front) <= 1.0 {
                return Goal::AwaitDoor;
            }
            {
                return Goal::Walk(front, 0.8);
            }
        }
        let garden = world.resource::<Levels>().get(LevelKind::Garden).clone();
        if self.route == Route::Full {
            let heard = world.resource::<VoicesHeard>().0.clone();
            let unheard = world
                .query::<&VoiceFlower>()
                .iter(world)
                .filter(|v| !heard.contains(&v.id))
                .map(|v| v.position)
                .min_by(|a, b| a.distance(me.position).total_cmp(&b.distance(me.position)));
            if let Some(voice) = unheard {
                return Goal::Walk(voice, VOICE_OPEN_RADIUS - 1.0);
            }
        }
        if !world.resource::<River>().awake {
            let lotus = garden.lotus.as_ref().expect("a garden has a lotus");
            let reach = lotus.radius + KNEEL_REACH - 0.6;
            if me.position.distance(lotus.at.vec()) > reach {
                return Goal::Walk(lotus.at.vec(), reach);
            }
            return Goal::Plant;
        }
        let nearest = world
            .query::<&Fragment>()
            .iter(world)
            .map(|f| f.position)
            .min_by(|a, b| a.distance(me.position).total_cmp(&b.distance(me.position)));
        match nearest {
            Some(fragment) => Goal::Walk(fragment, 0.5),
            None => Goal::SkipScenes,
        }
    }

    /// The input frame for the next tick.
    pub fn frame(&mut self, world: &mut World) -> InputFrame {
        let Some(me) = world.query::<&Dreamer>().iter(world).next().copied() else {
            return InputFrame::default();
        };
        let goal = self.choose(world, &me);
        if self.goal.as_ref() != Some(&goal) {
            self.follower = self.plan(world, &me, &goal);
            self.goal = Some(goal.clone());
        }
        match goal {
            Goal::Plant => {
                let worries = *world.resource::<Worries>();
                InputFrame::new(Vec2::ZERO, Vec2::ZERO, worries.planted < worries.carried)
            }
            Goal::SkipScenes => {
                // A fresh press each other tick skips each scene as it begins.
                self.toggle = !self.toggle && self.skip_scenes;
                InputFrame::new(Vec2::ZERO, Vec2::ZERO, self.toggle)
            }
            Goal::AwaitDoor if self.follower.finished() => {
                // Pace away and back: the warmth drains with every metre.
                let door = world.resource::<DoorPlan>().0.clone();
                let further = door.position + forward(door.facing) * 14.0;
                let front = door.position + forward(door.facing) * 3.0;
                let turn = if me.position.distance(front) < 1.5 {
                    further
                } else {
                    front
                };
                self.follower = RouteFollower::new(vec![turn]);
                self.follower.frame(&me).unwrap_or_default()
            }
            _ => self.follower.frame(&me).unwrap_or_default(),
        }
    }

    fn plan(&self, world: &mut World, me: &Dreamer, goal: &Goal) -> RouteFollower {
        let chapter = world.get_resource::<State<Chapter>>().map(|s| *s.get());
        let kind = if chapter == Some(Chapter::Garden) {
            LevelKind::Garden
        } else {
            LevelKind::City
        };
        let level = world.resource::<Levels>().get(kind).clone();
        let grid = NavGrid::new(&level);
        match goal {
            Goal::Walk(target, reach) => RouteFollower::new(
                grid.route(me.position, *target, *reach)
                    .unwrap_or_else(|| vec![*target]),
            ),
            Goal::ThroughDoor => {
                let door = world.resource::<DoorPlan>().0.clone();
                let front = door.position + forward(door.facing) * 3.0;
                let mut waypoints = grid.route(me.position, front, 0.5).unwrap_or_default();
                waypoints.extend([door.position, door.position * 2.0 - front]);
                RouteFollower::new(waypoints)
            }
            Goal::AwaitDoor => {
                let door = world.resource::<DoorPlan>().0.clone();
                RouteFollower::new(vec![door.position + forward(door.facing) * 14.0])
            }
            Goal::Plant | Goal::SkipScenes => RouteFollower::default(),
        }
    }
}

/// Updates until the dream has begun and a dreamer stands in it.
pub fn begin(app: &mut App) -> Result<(), String> {
    for _ in 0..20 {
        app.update();
        if let Some(problems) = app.world().get_resource::<crate::level::LoadProblems>()
            && !problems.0.is_empty()
        {
            return Err(problems
                .0
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"));
        }
        if app
            .world_mut()
            .query::<&Dreamer>()
            .iter(app.world())
            .next()
            .is_some()
        {
            return Ok(());
        }
    }
    Err("the dream did not begin".into())
}

/// Runs one gameplay tick with `frame`.
pub fn tick_with(app: &mut App, frame: InputFrame) {
    let clock = app.world().resource::<DreamClock>().tick;
    app.insert_resource(frame);
    // One update is one tick; a state change can take an update with none.
    for _ in 0..4 {
        app.update();
        if app.world().resource::<DreamClock>().tick > clock {
            break;
        }
    }
}

/// Flies `pilot` through a begun dream until `done` says so; gives up after `max_ticks`.
pub fn fly(
    app: &mut App,
    pilot: &mut Pilot,
    max_ticks: u64,
    done: impl Fn(&World) -> bool,
) -> Result<(), String> {
    while !done(app.world()) {
        if app.world().resource::<DreamClock>().tick >= max_ticks {
            return Err(format!("the dreamer had not woken after {max_ticks} ticks"));
        }
        let frame = pilot.frame(app.world_mut());
        tick_with(app, frame);
    }
    Ok(())
}

/// Whether the dreamer has woken.
pub fn woken(world: &World) -> bool {
    world.resource::<Ending>().woke_on_tick.is_some()
}

/// Plays a dream to waking; gives up after `max_ticks`.
pub fn autoplay(
    levels_dir: &Path,
    route: Route,
    seed: u64,
    max_ticks: u64,
) -> Result<Outcome, String> {
    let category = Category {
        route,
        seed: SeedChoice::Set(seed),
    };
    let mut app = headless_app(levels_dir, seed);
    app.insert_resource(Speedrun(Some(category)));
    begin(&mut app)?;
    fly(&mut app, &mut Pilot::new(route), max_ticks, woken)?;
    let woke = app
        .world()
        .resource::<Ending>()
        .woke_on_tick
        .expect("woken");
    let recording = Recording::of_finished_run(app.world_mut(), category)
        .ok_or("the dreamer woke but the run timer never started")?;
    Ok(Outcome {
        woke_on_tick: woke,
        time_ticks: recording.time_ticks,
        recording,
    })
}

/// `begin-again autoplay`.
pub fn autoplay_command(
    route: Route,
    seed: Option<u64>,
    record: Option<&Path>,
) -> std::process::ExitCode {
    let seed = seed.unwrap_or(1);
    let started = std::time::Instant::now();
    match autoplay(
        &crate::level::default_levels_dir(),
        route,
        seed,
        60 * 60 * 60,
    ) {
        Ok(outcome) => {
            println!(
                "{} on seed {seed}: woke on tick {}; run time {} ({} ticks); simulated in {:.1} s",
                outcome.recording.category.route.label(),
                outcome.woke_on_tick,
                format_ticks(outcome.time_ticks),
                outcome.time_ticks,
                started.elapsed().as_secs_f64()
            );
            if let Some(path) = record {
                let text = outcome.recording.to_ron();
                if let Err(error) = crate::saving::write_atomically(path, &text) {
                    eprintln!("{}: cannot write the recording: {error}", path.display());
                    return std::process::ExitCode::FAILURE;
                }
                println!(
                    "recorded {} frames to {}",
                    outcome.recording.frames.len(),
                    path.display()
                );
            }
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("autoplay failed: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
