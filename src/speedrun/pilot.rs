//! The pilot: plays the whole dream through the same input frames a player makes, steering
//! by the level's own walk grid. `any` takes the shortest way to waking; `full` hears every
//! voice, plants every worry and gathers every fragment. Autoplay, the tests and the benchmark
//! fly it headless.

use std::f32::consts::{PI, TAU};
use std::path::Path;

use bevy::prelude::*;

use super::runs::Recording;
pub use super::timer::Route;
use super::timer::{Category, SeedChoice, Speedrun};
use crate::core::flow::{Chapter, DreamClock};
use crate::core::headless::tick_with;
use crate::core::input::InputFrame;
use crate::dream::darkening::Worries;
use crate::dream::ending::Ending;
use crate::dream::lotus::{KNEEL_REACH, River};
use crate::dream::portal::{Door, DoorPlan};
use crate::dream::river::Fragment;
use crate::dream::voices::{VOICE_OPEN_RADIUS, VoiceFlower, VoicesHeard};
use crate::dream::walking::{Dreamer, forward, right};
use crate::level::nav::NavGrid;
use crate::level::{LevelKind, Levels};

/// Fastest turn the autopilot makes, radians per tick (a brisk but human turn).
const MAX_TURN: f32 = 0.09;
/// A waypoint counts as reached this close, metres.
const ARRIVE: f32 = 0.6;

/// The yaw that looks along `direction`.
pub fn yaw_toward(direction: Vec2) -> f32 {
    (-direction.x).atan2(-direction.y)
}

/// The signed smallest turn from `from` to `to`, radians.
pub fn turn_between(from: f32, to: f32) -> f32 {
    let mut difference = (to - from).rem_euclid(TAU);
    if difference > PI {
        difference -= TAU;
    }
    difference
}

/// One frame that turns toward `target` and walks when roughly facing it.
pub fn steer_toward(dreamer: &Dreamer, target: Vec2) -> InputFrame {
    let to_target = target - dreamer.position;
    if to_target.length() < 1e-3 {
        return InputFrame::default();
    }
    let turn = turn_between(dreamer.yaw, yaw_toward(to_target));
    let look = Vec2::new(
        turn.clamp(-MAX_TURN, MAX_TURN),
        -dreamer.pitch.clamp(-MAX_TURN, MAX_TURN),
    );
    // Walk while turning only when the turn is small, so corners are taken cleanly.
    let pace = if turn.abs() < 0.35 {
        1.0
    } else if turn.abs() < 1.2 {
        0.35
    } else {
        0.0
    };
    // Strafe a little to correct drift sideways of the line.
    let side = to_target.normalize().dot(right(dreamer.yaw)) * 0.3;
    InputFrame::new(Vec2::new(side, pace), look, false)
}

/// Follows a list of waypoints.
#[derive(Debug, Clone, Default)]
pub struct RouteFollower {
    pub waypoints: Vec<Vec2>,
    next: usize,
}

impl RouteFollower {
    pub fn new(waypoints: Vec<Vec2>) -> Self {
        Self { waypoints, next: 0 }
    }

    pub fn finished(&self) -> bool {
        self.next >= self.waypoints.len()
    }

    /// The frame for this tick, or `None` once the last waypoint is reached.
    pub fn frame(&mut self, dreamer: &Dreamer) -> Option<InputFrame> {
        while let Some(&waypoint) = self.waypoints.get(self.next) {
            if waypoint.distance(dreamer.position) > ARRIVE {
                return Some(steer_toward(dreamer, waypoint));
            }
            self.next += 1;
        }
        None
    }
}

/// How a finished autoplay went.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub woke_on_tick: u64,
    /// The run's game time, from the first movement to the waking.
    pub time_ticks: u64,
    pub recording: Recording,
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
    let mut app = super::headless_app(levels_dir, seed);
    app.insert_resource(Speedrun(Some(category)));
    crate::dream::begin(&mut app)?;
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
