//! Steering by reading the level: turns a walking route into the same input frames a player
//! makes, for tests and scripted play.

use std::f32::consts::{PI, TAU};

use bevy::prelude::*;

use crate::input::InputFrame;
use crate::walking::{Dreamer, right};

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
