//! Touch: keyboard, mouse and gamepad turned into the input frame each tick, and the cursor
//! held while walking.

use bevy::input::gamepad::{Gamepad, GamepadAxis};
use bevy::input::mouse::AccumulatedMouseMotion;
use bevy::prelude::*;
use bevy::window::{CursorGrabMode, CursorOptions, PrimaryWindow};

use crate::core::controls::{Action, InteractMode};
use crate::core::flow::Pause;
use crate::core::input::{FrameInputSystems, InputFrame, InputSource, replay_frame};
use crate::core::settings::Settings;
use crate::dream::ending::Ending;
use crate::dream::lotus::Kneeling;
use crate::view::controls::Buttons;

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
        .init_resource::<InteractLatch>()
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

/// Interact pressed once in toggle mode: held until pressed again, or until the kneeling it
/// began is over (away from the lotus it is one press). Edges are found tick by tick from the
/// button's level, so a frame with two ticks or none neither toggles twice nor misses it.
#[derive(Resource, Debug, Default)]
struct InteractLatch {
    latched: bool,
    button_was_down: bool,
}

#[expect(
    clippy::too_many_arguments,
    reason = "the frame gathers every device and the interact latch"
)]
fn sample_devices(
    buttons: Buttons,
    gamepads: Query<&Gamepad>,
    settings: Res<Settings>,
    time: Res<Time>,
    kneeling: Res<Kneeling>,
    mut latch: ResMut<InteractLatch>,
    mut pending: ResMut<PendingLook>,
    mut frame: ResMut<InputFrame>,
) {
    let axis = |negative: Action, positive: Action| {
        f32::from(u8::from(buttons.pressed(&settings.controls, positive)))
            - f32::from(u8::from(buttons.pressed(&settings.controls, negative)))
    };
    let mut movement = Vec2::new(
        axis(Action::DriftLeft, Action::DriftRight),
        axis(Action::DriftBack, Action::DriftForward),
    );
    let invert = if settings.invert_y { -1.0 } else { 1.0 };
    let turn_keys = Vec2::new(
        -axis(Action::LookLeft, Action::LookRight),
        axis(Action::LookDown, Action::LookUp) * invert,
    );
    let mut look = std::mem::take(&mut pending.0)
        + turn_keys * STICK_TURN_RATE * settings.mouse_sensitivity * time.delta_secs();
    for gamepad in &gamepads {
        let stick = |x, y| {
            let v = Vec2::new(gamepad.get(x).unwrap_or(0.0), gamepad.get(y).unwrap_or(0.0));
            if v.length() < STICK_DEAD_ZONE {
                Vec2::ZERO
            } else {
                v
            }
        };
        let left = stick(GamepadAxis::LeftStickX, GamepadAxis::LeftStickY);
        let right = stick(GamepadAxis::RightStickX, GamepadAxis::RightStickY);
        let (drift, turn) = if settings.controls.swap_sticks {
            (right, left)
        } else {
            (left, right)
        };
        movement += drift;
        look += Vec2::new(-turn.x, turn.y * invert)
            * STICK_TURN_RATE
            * settings.mouse_sensitivity
            * time.delta_secs();
    }
    let interact = match settings.interact {
        InteractMode::Hold => {
            *latch = InteractLatch::default();
            buttons.pressed(&settings.controls, Action::Interact)
        }
        InteractMode::Toggle => {
            // Last tick's logic has answered the press: kneeling goes on while it holds;
            // otherwise the kneeling is over, or the press was away from the lotus.
            if latch.latched && !kneeling.kneeling {
                latch.latched = false;
            }
            let down = buttons.pressed(&settings.controls, Action::Interact);
            if down && !latch.button_was_down {
                latch.latched = !latch.latched;
            }
            latch.button_was_down = down;
            latch.latched
        }
    };
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
