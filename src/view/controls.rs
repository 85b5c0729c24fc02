//! Reading the player's controls: whether an action's key, mouse button or gamepad button is
//! held or was just pressed, whatever it is bound to.

use bevy::ecs::system::SystemParam;
use bevy::input::gamepad::Gamepad;
use bevy::prelude::*;

use crate::core::controls::{Action, Control, Controls};

/// The devices, read through the player's bindings (`controls`, from the settings: passed in,
/// so a system can also change the settings).
#[derive(SystemParam)]
pub(crate) struct Buttons<'w, 's> {
    keys: Res<'w, ButtonInput<KeyCode>>,
    mouse: Res<'w, ButtonInput<MouseButton>>,
    gamepads: Query<'w, 's, &'static Gamepad>,
}

impl Buttons<'_, '_> {
    /// One of the action's buttons is held.
    pub(crate) fn pressed(&self, controls: &Controls, action: Action) -> bool {
        controls
            .controls_of(action)
            .any(|control| self.control_pressed(control))
    }

    /// One of the action's buttons went down this frame.
    pub(crate) fn just_pressed(&self, controls: &Controls, action: Action) -> bool {
        controls
            .controls_of(action)
            .any(|control| self.control_just_pressed(control))
    }

    pub(crate) fn control_pressed(&self, control: Control) -> bool {
        match control {
            Control::Key(key) => self.keys.pressed(key),
            Control::Mouse(button) => self.mouse.pressed(button),
            Control::Pad(button) => self.gamepads.iter().any(|pad| pad.pressed(button)),
        }
    }

    pub(crate) fn control_just_pressed(&self, control: Control) -> bool {
        match control {
            Control::Key(key) => self.keys.just_pressed(key),
            Control::Mouse(button) => self.mouse.just_pressed(button),
            Control::Pad(button) => self.gamepads.iter().any(|pad| pad.just_pressed(button)),
        }
    }

    /// A key pressed this frame, if any.
    pub(crate) fn any_key_just_pressed(&self) -> Option<KeyCode> {
        self.keys.get_just_pressed().next().copied()
    }

    /// A mouse button pressed this frame, if any.
    pub(crate) fn any_mouse_just_pressed(&self) -> Option<MouseButton> {
        self.mouse.get_just_pressed().next().copied()
    }

    /// A gamepad button pressed this frame on any pad, if any.
    pub(crate) fn any_pad_just_pressed(&self) -> Option<GamepadButton> {
        self.gamepads
            .iter()
            .find_map(|pad| pad.get_just_pressed().next().copied())
    }

    /// The raw keyboard, for what is never rebound (the menus' arrows, Enter and Esc).
    pub(crate) fn key_just_pressed(&self, key: KeyCode) -> bool {
        self.keys.just_pressed(key)
    }

    /// The raw gamepad, for what is never rebound (the menus' D-pad, A and B).
    pub(crate) fn pad_just_pressed(&self, button: GamepadButton) -> bool {
        self.gamepads.iter().any(|pad| pad.just_pressed(button))
    }
}
