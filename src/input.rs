//! The input frame: what the dreamer does in one fixed tick, filled from keyboard, mouse and
//! gamepad in play, or from a recorded list of frames in tests and replays.

use bevy::input::gamepad::{Gamepad, GamepadAxis, GamepadButton};
use bevy::input::mouse::AccumulatedMouseMotion;
use bevy::prelude::*;
use bevy::window::{CursorGrabMode, CursorOptions, PrimaryWindow};
use serde::{Deserialize, Serialize};

use crate::flow::{AppState, Pause};
use crate::settings::Settings;

/// What the dreamer does in one tick. Movement is quantized so a recording replays exactly.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
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
pub enum FrameInputSystems {
    /// Fill the frame for this tick.
    Fill,
    /// Record it.
    Record,
}

/// The input frame and its recording and replay; needs no devices.
pub struct InputFramePlugin;

impl Plugin for InputFramePlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<InputFrame>()
            .init_resource::<InputSource>()
            .init_resource::<InputRecording>()
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
            .add_systems(OnEnter(AppState::Playing), restart_input);
    }
}

fn restart_input(
    mut frame: ResMut<InputFrame>,
    mut source: ResMut<InputSource>,
    mut recording: ResMut<InputRecording>,
) {
    *frame = InputFrame::default();
    recording.0.clear();
    if let InputSource::Replay { next, .. } = source.as_mut() {
        *next = 0;
    }
}

fn replay_frame(mut frame: ResMut<InputFrame>, mut source: ResMut<InputSource>) {
    if let InputSource::Replay { frames, next } = source.as_mut() {
        *frame = frames.get(*next).copied().unwrap_or_default();
        *next += 1;
    }
}

fn record_frame(frame: Res<InputFrame>, mut recording: ResMut<InputRecording>) {
    recording.0.push(*frame);
}

/// Mouse motion gathered between ticks, so none is lost or counted twice whatever the frame
/// rate.
#[derive(Resource, Debug, Default)]
struct PendingLook(Vec2);

/// Radians of turn per pixel of mouse motion at sensitivity 1.
const MOUSE_RADIANS_PER_PIXEL: f32 = 0.0022;
/// Radians per second of turn with a stick pushed fully, at sensitivity 1.
const STICK_TURN_RATE: f32 = 2.4;
const STICK_DEAD_ZONE: f32 = 0.15;

/// Keyboard, mouse and gamepad into the input frame; grabs the cursor while walking.
pub struct DeviceInputPlugin;

impl Plugin for DeviceInputPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<PendingLook>()
            .add_systems(PreUpdate, gather_mouse.after(bevy::input::InputSystems))
            .add_systems(
                FixedPreUpdate,
                sample_devices
                    .in_set(FrameInputSystems::Fill)
                    .before(replay_frame)
                    .run_if(resource_equals(InputSource::Live)),
            )
            .add_systems(Update, grab_cursor);
    }
}

fn gather_mouse(
    motion: Res<AccumulatedMouseMotion>,
    settings: Res<Settings>,
    pause: Option<Res<State<Pause>>>,
    mut pending: ResMut<PendingLook>,
) {
    if pause.is_some_and(|p| *p.get() == Pause::Running) {
        let invert = if settings.invert_y { -1.0 } else { 1.0 };
        pending.0 += Vec2::new(-motion.delta.x, -motion.delta.y * invert)
            * MOUSE_RADIANS_PER_PIXEL
            * settings.mouse_sensitivity;
    } else {
        pending.0 = Vec2::ZERO;
    }
}

fn sample_devices(
    keys: Res<ButtonInput<KeyCode>>,
    gamepads: Query<&Gamepad>,
    settings: Res<Settings>,
    time: Res<Time>,
    mut pending: ResMut<PendingLook>,
    mut frame: ResMut<InputFrame>,
) {
    let pressed = |a: KeyCode, b: KeyCode| keys.pressed(a) || keys.pressed(b);
    let mut movement = Vec2::ZERO;
    if pressed(KeyCode::KeyW, KeyCode::ArrowUp) {
        movement.y += 1.0;
    }
    if pressed(KeyCode::KeyS, KeyCode::ArrowDown) {
        movement.y -= 1.0;
    }
    if pressed(KeyCode::KeyD, KeyCode::ArrowRight) {
        movement.x += 1.0;
    }
    if pressed(KeyCode::KeyA, KeyCode::ArrowLeft) {
        movement.x -= 1.0;
    }
    let mut look = std::mem::take(&mut pending.0);
    let mut interact = keys.pressed(KeyCode::KeyE);
    for gamepad in &gamepads {
        let stick = |x, y| {
            let v = Vec2::new(gamepad.get(x).unwrap_or(0.0), gamepad.get(y).unwrap_or(0.0));
            if v.length() < STICK_DEAD_ZONE {
                Vec2::ZERO
            } else {
                v
            }
        };
        movement += stick(GamepadAxis::LeftStickX, GamepadAxis::LeftStickY);
        let right = stick(GamepadAxis::RightStickX, GamepadAxis::RightStickY);
        let invert = if settings.invert_y { -1.0 } else { 1.0 };
        look += Vec2::new(-right.x, right.y * invert)
            * STICK_TURN_RATE
            * settings.mouse_sensitivity
            * time.delta_secs();
        interact |= gamepad.pressed(GamepadButton::South);
    }
    *frame = InputFrame::new(movement, look, interact);
}

fn grab_cursor(
    mut windows: Query<(&Window, &mut CursorOptions), With<PrimaryWindow>>,
    pause: Option<Res<State<Pause>>>,
    source: Res<InputSource>,
    ending: Option<Res<crate::ending::Ending>>,
) {
    let finished = ending.is_some_and(|e| e.finished);
    let walking = *source == InputSource::Live
        && pause.is_some_and(|p| *p.get() == Pause::Running)
        && !finished;
    for (window, mut cursor) in &mut windows {
        let grab = walking && window.focused;
        let mode = if grab {
            CursorGrabMode::Locked
        } else {
            CursorGrabMode::None
        };
        if cursor.grab_mode != mode {
            cursor.grab_mode = mode;
            cursor.visible = !grab;
        }
    }
}
