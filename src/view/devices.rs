//! Touch: keyboard, mouse and gamepad turned into the input frame each tick, and the cursor
//! held while walking.

use bevy::input::gamepad::{Gamepad, GamepadAxis, GamepadButton};
use bevy::input::mouse::AccumulatedMouseMotion;
use bevy::prelude::*;
use bevy::window::{CursorGrabMode, CursorOptions, PrimaryWindow};

use crate::core::flow::Pause;
use crate::core::input::{FrameInputSystems, InputFrame, InputSource, replay_frame};
use crate::core::settings::Settings;
use crate::dream::ending::Ending;

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
pub fn plugin(app: &mut App) {
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
    ending: Option<Res<Ending>>,
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
