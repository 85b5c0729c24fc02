//! The ghost: the track a run walks (a point every few ticks), kept for the personal best, so
//! the next attempt can walk beside it.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::timer::{Category, RunTimer, reach_splits};
use crate::core::flow::{Chapter, DreamClock, DreamSystems};
use crate::dream::walking::Dreamer;

/// The ghost of a category's personal best: where it walked, a point every few ticks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GhostTrack {
    pub points: Vec<GhostPoint>,
}

/// Where the dreamer was at a run tick: in which chapter, at x, z, facing yaw.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GhostPoint {
    pub tick: u64,
    pub garden: bool,
    pub x: f32,
    pub z: f32,
    pub yaw: f32,
}

/// Ticks between ghost points (interpolated between).
pub(crate) const GHOST_EVERY: u64 = 4;

impl GhostTrack {
    /// Refuses a track no run could have left: too many points, out of order, not numbers.
    pub fn check(&self) -> Result<(), String> {
        let most = super::runs::MAX_RUN_TICKS / GHOST_EVERY + 64;
        if self.points.len() as u64 > most {
            return Err(format!(
                "{} points, more than a two-hour run leaves",
                self.points.len()
            ));
        }
        if self.points.windows(2).any(|w| w[1].tick < w[0].tick) {
            return Err("points out of order".into());
        }
        if self
            .points
            .iter()
            .any(|p| !(p.x.is_finite() && p.z.is_finite() && p.yaw.is_finite()))
        {
            return Err("a point that is not a number".into());
        }
        Ok(())
    }

    /// Where the ghost is at run tick `tick`, if it is in that chapter then.
    pub fn at(&self, tick: u64, garden: bool) -> Option<(Vec2, f32)> {
        let after = self.points.partition_point(|p| p.tick <= tick);
        let a = self.points.get(after.checked_sub(1)?)?;
        if a.garden != garden {
            return None;
        }
        let here = Vec2::new(a.x, a.z);
        match self.points.get(after) {
            Some(b) if b.garden == a.garden && b.tick > a.tick => {
                let t = (tick - a.tick) as f32 / (b.tick - a.tick) as f32;
                Some((here.lerp(Vec2::new(b.x, b.z), t), a.yaw.lerp(b.yaw, t)))
            }
            _ => Some((here, a.yaw)),
        }
    }
}

pub fn ghost_path(dir: &Path, category: Category) -> PathBuf {
    dir.join(format!("ghost-{}.ron", category.slug()))
}

/// The ghost walking the personal best of the category being run.
#[derive(Resource, Debug, Clone, Default)]
pub struct Ghost(pub Option<GhostTrack>);

/// The current run's track, a ghost for next time.
#[derive(Resource, Debug, Clone, Default)]
pub(crate) struct TrackSoFar(pub GhostTrack);

pub fn plugin(app: &mut App) {
    app.init_resource::<Ghost>()
        .init_resource::<TrackSoFar>()
        .add_systems(
            FixedUpdate,
            follow_track
                .after(reach_splits)
                .in_set(DreamSystems::Record),
        );
}

/// Keeps the run's track: a point every few ticks, and one whenever the chapter changes.
fn follow_track(
    timer: Res<RunTimer>,
    clock: Res<DreamClock>,
    chapter: Option<Res<State<Chapter>>>,
    dreamers: Query<&Dreamer>,
    mut track: ResMut<TrackSoFar>,
) {
    if !timer.started() || timer.finished().is_some() {
        return;
    }
    let tick = timer.game_ticks(clock.tick);
    let garden = chapter.is_some_and(|c| *c.get() == Chapter::Garden);
    let changed = track.0.points.last().is_some_and(|p| p.garden != garden);
    if !tick.is_multiple_of(GHOST_EVERY) && !changed {
        return;
    }
    if let Ok(me) = dreamers.single() {
        track.0.points.push(GhostPoint {
            tick,
            garden,
            x: me.position.x,
            z: me.position.y,
            yaw: me.yaw,
        });
    }
}
