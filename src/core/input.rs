//! The input frame: what the dreamer does in one fixed tick, filled from keyboard, mouse and
//! gamepad in play, or from a recorded list of frames in tests and replays.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::flow::{AppState, DreamSystems, Pause};

/// What the dreamer does in one tick. Movement is quantized so a recording replays exactly.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputFrame {
    /// Strafe right (+x) and forward (+y), each −127..=127.
    pub movement: [i8; 2],
    /// Turn left (+yaw) and look up (+pitch), radians this tick.
    pub look: [f32; 2],
    /// Interact is held.
    pub interact: bool,
}

impl InputFrame {
    pub fn new(movement: Vec2, look: Vec2, interact: bool) -> Self {
        let movement = movement.clamp_length_max(1.0);
        let quantize = |v: f32| (v * 127.0).round().clamp(-127.0, 127.0) as i8;
        Self {
            movement: [quantize(movement.x), quantize(movement.y)],
            look: [look.x, look.y],
            interact,
        }
    }

    pub fn movement(&self) -> Vec2 {
        Vec2::new(f32::from(self.movement[0]), f32::from(self.movement[1])) / 127.0
    }

    pub fn look(&self) -> Vec2 {
        Vec2::from_array(self.look)
    }
}

/// Where input frames come from.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub enum InputSource {
    /// The player's devices.
    #[default]
    Live,
    /// A recorded list, one frame a tick; when it runs out the dreamer stands still.
    Replay {
        frames: Vec<InputFrame>,
        next: usize,
    },
}

impl InputSource {
    pub fn replay(frames: Vec<InputFrame>) -> Self {
        Self::Replay { frames, next: 0 }
    }
}

/// Every frame the simulation consumed in this dream, in order.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct InputRecording(pub Vec<InputFrame>);

#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum FrameInputSystems {
    /// Fill the frame for this tick.
    Fill,
    /// Record it.
    Record,
}

/// Interact as it was last tick, to tell a fresh press from a hold.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct InteractEdge {
    pub held_before: bool,
    pub pressed_now: bool,
}

/// The input frame, its recording and replay, and what Interact does; needs no devices.
pub fn plugin(app: &mut App) {
    app.init_resource::<InputFrame>()
        .init_resource::<InputSource>()
        .init_resource::<InputRecording>()
        .init_resource::<InteractEdge>()
        .configure_sets(
            FixedPreUpdate,
            (FrameInputSystems::Fill, FrameInputSystems::Record)
                .chain()
                .run_if(in_state(Pause::Running)),
        )
        .add_systems(FixedPreUpdate, replay_frame.in_set(FrameInputSystems::Fill))
        .add_systems(
            FixedPreUpdate,
            record_frame.in_set(FrameInputSystems::Record),
        )
        .add_systems(FixedUpdate, read_interact.in_set(DreamSystems::Senses))
        .add_systems(OnEnter(AppState::Playing), restart_input);
}

fn restart_input(
    mut frame: ResMut<InputFrame>,
    mut source: ResMut<InputSource>,
    mut recording: ResMut<InputRecording>,
    mut edge: ResMut<InteractEdge>,
) {
    *frame = InputFrame::default();
    *edge = InteractEdge::default();
    recording.0.clear();
    if let InputSource::Replay { next, .. } = source.as_mut() {
        *next = 0;
    }
}

fn read_interact(frame: Res<InputFrame>, mut edge: ResMut<InteractEdge>) {
    edge.pressed_now = frame.interact && !edge.held_before;
    edge.held_before = frame.interact;
}

pub fn replay_frame(mut frame: ResMut<InputFrame>, mut source: ResMut<InputSource>) {
    if let InputSource::Replay { frames, next } = source.as_mut() {
        *frame = frames.get(*next).copied().unwrap_or_default();
        *next += 1;
    }
}

fn record_frame(frame: Res<InputFrame>, mut recording: ResMut<InputRecording>) {
    recording.0.push(*frame);
}
