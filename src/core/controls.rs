//! The player's controls: which key or mouse button, and which gamepad button, does each
//! action. Kept with the settings; the devices read them to fill the input frame, the menus to
//! move. A small table of our own rather than leafwing-input-manager: the game's input is one
//! input frame sampled each tick plus a few buttons, and leafwing's `InputMap` saves its
//! trait-object bindings through a type registry that a hand-edited settings.ron would have to
//! spell; this table reads as `Interact: Key(KeyE)`.

use std::collections::BTreeMap;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// Something the player does with a button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Action {
    DriftForward,
    DriftBack,
    DriftLeft,
    DriftRight,
    LookLeft,
    LookRight,
    LookUp,
    LookDown,
    Interact,
    Pause,
    /// Hold to restart a speedrun (or a practice segment).
    ResetRun,
    /// Show or hide the run timer.
    Timer,
    /// Take a postcard of the dream.
    Postcard,
}

impl Action {
    pub const ALL: [Action; 13] = [
        Action::DriftForward,
        Action::DriftBack,
        Action::DriftLeft,
        Action::DriftRight,
        Action::LookLeft,
        Action::LookRight,
        Action::LookUp,
        Action::LookDown,
        Action::Interact,
        Action::Pause,
        Action::ResetRun,
        Action::Timer,
        Action::Postcard,
    ];

    /// As the controls page names it.
    pub fn name(self) -> &'static str {
        match self {
            Action::DriftForward => "Drift forward",
            Action::DriftBack => "Drift back",
            Action::DriftLeft => "Drift left",
            Action::DriftRight => "Drift right",
            Action::LookLeft => "Look left",
            Action::LookRight => "Look right",
            Action::LookUp => "Look up",
            Action::LookDown => "Look down",
            Action::Interact => "Interact",
            Action::Pause => "Pause",
            Action::ResetRun => "Restart run (hold)",
            Action::Timer => "Run timer",
            Action::Postcard => "Postcard",
        }
    }
}

/// One button the player can press.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Control {
    Key(KeyCode),
    Mouse(MouseButton),
    Pad(GamepadButton),
}

impl Control {
    /// As the controls page shows it: "W", "Left mouse", "Pad A (south)".
    pub fn name(self) -> String {
        match self {
            Control::Key(key) => key_name(key),
            Control::Mouse(button) => match button {
                MouseButton::Left => "Left mouse".into(),
                MouseButton::Right => "Right mouse".into(),
                MouseButton::Middle => "Middle mouse".into(),
                MouseButton::Back => "Mouse back".into(),
                MouseButton::Forward => "Mouse forward".into(),
                MouseButton::Other(n) => format!("Mouse {n}"),
            },
            Control::Pad(button) => pad_name(button),
        }
    }
}

fn key_name(key: KeyCode) -> String {
    let debug = format!("{key:?}");
    let plain = debug
        .strip_prefix("Key")
        .or_else(|| debug.strip_prefix("Digit"))
        .unwrap_or(&debug);
    match key {
        KeyCode::ArrowUp => "↑".into(),
        KeyCode::ArrowDown => "↓".into(),
        KeyCode::ArrowLeft => "←".into(),
        KeyCode::ArrowRight => "→".into(),
        KeyCode::Escape => "Esc".into(),
        KeyCode::Space => "Space".into(),
        KeyCode::ShiftLeft => "Left Shift".into(),
        KeyCode::ShiftRight => "Right Shift".into(),
        KeyCode::ControlLeft => "Left Ctrl".into(),
        KeyCode::ControlRight => "Right Ctrl".into(),
        _ => plain.to_string(),
    }
}

fn pad_name(button: GamepadButton) -> String {
    match button {
        GamepadButton::South => "Pad A (south)".into(),
        GamepadButton::East => "Pad B (east)".into(),
        GamepadButton::West => "Pad X (west)".into(),
        GamepadButton::North => "Pad Y (north)".into(),
        GamepadButton::Start => "Pad Start".into(),
        GamepadButton::Select => "Pad Select".into(),
        GamepadButton::LeftTrigger => "Pad LB".into(),
        GamepadButton::RightTrigger => "Pad RB".into(),
        GamepadButton::LeftTrigger2 => "Pad LT".into(),
        GamepadButton::RightTrigger2 => "Pad RT".into(),
        GamepadButton::DPadUp => "Pad ↑".into(),
        GamepadButton::DPadDown => "Pad ↓".into(),
        GamepadButton::DPadLeft => "Pad ←".into(),
        GamepadButton::DPadRight => "Pad →".into(),
        GamepadButton::LeftThumb => "Pad left stick click".into(),
        GamepadButton::RightThumb => "Pad right stick click".into(),
        other => format!("Pad {other:?}"),
    }
}

/// Which of an action's two bindings: on the keyboard or mouse, or on the gamepad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    KeyboardMouse,
    Gamepad,
}

impl Slot {
    /// Whether `control` belongs in this slot.
    pub fn holds(self, control: Control) -> bool {
        matches!(
            (self, control),
            (Slot::Gamepad, Control::Pad(_))
                | (Slot::KeyboardMouse, Control::Key(_) | Control::Mouse(_))
        )
    }
}

/// Interact as the player likes to press it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum InteractMode {
    /// Held while the button is held.
    #[default]
    Hold,
    /// One press holds it until the next press, or until the kneeling it began is over.
    Toggle,
}

/// Every action's bindings: at most one on the keyboard or mouse and one on the gamepad. The
/// sticks drift and look (which does which can be swapped); the menus always also answer the
/// arrows, Enter and Esc, so no binding can lock a player out of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Controls {
    pub keyboard_mouse: BTreeMap<Action, Control>,
    pub gamepad: BTreeMap<Action, Control>,
    /// The right stick drifts and the left one looks.
    pub swap_sticks: bool,
}

impl Default for Controls {
    fn default() -> Self {
        use Action::*;
        let keyboard_mouse = [
            (DriftForward, Control::Key(KeyCode::KeyW)),
            (DriftBack, Control::Key(KeyCode::KeyS)),
            (DriftLeft, Control::Key(KeyCode::KeyA)),
            (DriftRight, Control::Key(KeyCode::KeyD)),
            (LookLeft, Control::Key(KeyCode::ArrowLeft)),
            (LookRight, Control::Key(KeyCode::ArrowRight)),
            (LookUp, Control::Key(KeyCode::ArrowUp)),
            (LookDown, Control::Key(KeyCode::ArrowDown)),
            (Interact, Control::Key(KeyCode::KeyE)),
            (Pause, Control::Key(KeyCode::Escape)),
            (ResetRun, Control::Key(KeyCode::KeyR)),
            (Timer, Control::Key(KeyCode::KeyT)),
            (Postcard, Control::Key(KeyCode::KeyP)),
        ];
        let gamepad = [
            (Interact, Control::Pad(GamepadButton::South)),
            (Pause, Control::Pad(GamepadButton::Start)),
            (ResetRun, Control::Pad(GamepadButton::Select)),
            (Timer, Control::Pad(GamepadButton::North)),
            (Postcard, Control::Pad(GamepadButton::West)),
        ];
        Self {
            keyboard_mouse: keyboard_mouse.into_iter().collect(),
            gamepad: gamepad.into_iter().collect(),
            swap_sticks: false,
        }
    }
}

impl Controls {
    pub fn slot(&self, slot: Slot) -> &BTreeMap<Action, Control> {
        match slot {
            Slot::KeyboardMouse => &self.keyboard_mouse,
            Slot::Gamepad => &self.gamepad,
        }
    }

    pub fn binding(&self, action: Action, slot: Slot) -> Option<Control> {
        self.slot(slot).get(&action).copied()
    }

    /// Binds `control` to `action` in the slot it belongs to (a key or mouse button in the
    /// keyboard slot, a pad button in the gamepad one). Other actions keep theirs: a shared
    /// button is shown as a conflict, never silently taken away.
    pub fn bind(&mut self, action: Action, control: Control) {
        let slot = if Slot::Gamepad.holds(control) {
            &mut self.gamepad
        } else {
            &mut self.keyboard_mouse
        };
        slot.insert(action, control);
    }

    /// Leaves an action without a binding in a slot.
    pub fn unbind(&mut self, action: Action, slot: Slot) {
        match slot {
            Slot::KeyboardMouse => self.keyboard_mouse.remove(&action),
            Slot::Gamepad => self.gamepad.remove(&action),
        };
    }

    /// The bindings of `action`.
    pub fn controls_of(&self, action: Action) -> impl Iterator<Item = Control> + '_ {
        self.binding(action, Slot::KeyboardMouse)
            .into_iter()
            .chain(self.binding(action, Slot::Gamepad))
    }

    /// The other actions bound to the same button as `action` in `slot`.
    pub fn conflicts(&self, action: Action, slot: Slot) -> Vec<Action> {
        let Some(control) = self.binding(action, slot) else {
            return Vec::new();
        };
        self.slot(slot)
            .iter()
            .filter(|&(&other, &bound)| other != action && bound == control)
            .map(|(&other, _)| other)
            .collect()
    }

    /// Every pair of actions sharing a button.
    pub fn all_conflicts(&self) -> Vec<(Action, Action, Control)> {
        let mut found = Vec::new();
        for slot in [Slot::KeyboardMouse, Slot::Gamepad] {
            let bound: Vec<_> = self.slot(slot).iter().collect();
            for (i, (a, control)) in bound.iter().enumerate() {
                for (b, other) in &bound[i + 1..] {
                    if control == other {
                        found.push((**a, **b, **control));
                    }
                }
            }
        }
        found
    }
}
