//! The player's hands: the keys they chose drive the dreamer, kept with the settings; interact
//! held or toggled plants the worries alike.

use crate::support::*;
use begin_again::core::controls::{Action, Control, Controls, InteractMode, Slot};
use begin_again::core::flow::Chapter;
use begin_again::core::settings::Settings;
use begin_again::dream::darkening::Worries;
use begin_again::dream::lotus::{KNEEL_REACH, PLANT_HOLD_TICKS, WorryPlanted};
use begin_again::saving::save_ron;
use begin_again::saving::settings_file::load_settings;
use bevy::prelude::*;

#[test]
fn a_rebinding_is_kept_and_drives_the_input_frame() {
    // The player moves Interact to F and drift forward to Z (an AZERTY hand), and it is saved.
    let mut chosen = Settings::default();
    chosen
        .controls
        .bind(Action::Interact, Control::Key(KeyCode::KeyF));
    chosen
        .controls
        .bind(Action::DriftForward, Control::Key(KeyCode::KeyZ));
    let file = scratch("rebinding").join("settings.ron");
    save_ron(&file, &chosen).unwrap();
    let (loaded, problems) = load_settings(&file);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(loaded.controls, chosen.controls);

    // The next launch plays with them: F interacts, E no longer does; Z drifts forward, W not.
    let mut app = dream_with_hands(3, Chapter::City, loaded);
    press(&mut app, KeyCode::KeyE);
    press(&mut app, KeyCode::KeyW);
    tick(&mut app);
    assert_eq!(last_frame(&app).movement, [0, 0]);
    assert!(!last_frame(&app).interact);
    release(&mut app, KeyCode::KeyE);
    release(&mut app, KeyCode::KeyW);
    press(&mut app, KeyCode::KeyF);
    press(&mut app, KeyCode::KeyZ);
    let start = dreamer(&mut app).position;
    for _ in 0..120 {
        tick(&mut app);
    }
    assert!(last_frame(&app).interact);
    assert_eq!(last_frame(&app).movement, [0, 127]);
    assert!(
        dreamer(&mut app).position.distance(start) > 1.0,
        "the dreamer drifted forward on Z"
    );
}

#[test]
fn a_button_two_actions_share_is_a_conflict_and_defaults_have_none() {
    let defaults = Controls::default();
    assert!(
        defaults.all_conflicts().is_empty(),
        "{:?}",
        defaults.all_conflicts()
    );
    // Every action can be done on the keyboard from the start.
    for action in Action::ALL {
        assert!(
            defaults.binding(action, Slot::KeyboardMouse).is_some(),
            "{action:?} has no key"
        );
    }
    let mut controls = defaults.clone();
    controls.bind(Action::Postcard, Control::Key(KeyCode::KeyE));
    assert_eq!(
        controls.conflicts(Action::Interact, Slot::KeyboardMouse),
        [Action::Postcard]
    );
    assert_eq!(
        controls.conflicts(Action::Postcard, Slot::KeyboardMouse),
        [Action::Interact]
    );
    // A pad button goes in the gamepad slot and leaves the key alone.
    controls.bind(Action::Postcard, Control::Pad(GamepadButton::RightTrigger));
    assert_eq!(
        controls.binding(Action::Postcard, Slot::KeyboardMouse),
        Some(Control::Key(KeyCode::KeyE))
    );
    controls.unbind(Action::Postcard, Slot::KeyboardMouse);
    assert!(controls.all_conflicts().is_empty());
}

/// Walks to the lotus by the keys, then plants with `plant` pressing the hands.
fn plant_every_worry(interact: InteractMode, plant: impl Fn(&mut App, usize)) -> Vec<u64> {
    let settings = Settings {
        interact,
        ..Settings::default()
    };
    let mut app = dream_with_hands(1, Chapter::Garden, settings);
    listen::<WorryPlanted>(&mut app);
    let lotus = garden(&app).lotus.expect("a lotus");
    let total = app.world().resource::<Worries>().total;
    // The dreamer is set down within reach of the lotus, facing it; the hands do the rest.
    let beside = lotus.at.vec() + Vec2::new(lotus.radius + KNEEL_REACH - 0.5, 0.0);
    place_dreamer(&mut app, beside, std::f32::consts::FRAC_PI_2);
    for _ in 0..10 {
        tick(&mut app);
    }
    plant(&mut app, total as usize);
    heard::<WorryPlanted>(&app)
        .iter()
        .map(|(tick, _)| *tick)
        .collect()
}

#[test]
fn held_or_toggled_interact_plants_every_worry() {
    let ticks_for_all = |total: usize| PLANT_HOLD_TICKS as usize * total + 5;
    // Hold: the key is held down the whole time.
    let held = plant_every_worry(InteractMode::Hold, |app, total| {
        press(app, KeyCode::KeyE);
        for _ in 0..ticks_for_all(total) {
            tick(app);
        }
        release(app, KeyCode::KeyE);
    });
    // Toggle: one tap, and the dreamer kneels on until every worry is in the earth.
    let toggled = plant_every_worry(InteractMode::Toggle, |app, total| {
        press(app, KeyCode::KeyE);
        tick(app);
        release(app, KeyCode::KeyE);
        for _ in 0..ticks_for_all(total) {
            tick(app);
        }
        // With nothing left to plant the toggle has let go by itself.
        assert!(!last_frame(app).interact);
    });
    assert!(!held.is_empty());
    assert_eq!(held.len(), toggled.len(), "both plant every worry");
    // In hold mode a tap plants nothing: letting go stops the kneeling.
    let tapped = plant_every_worry(InteractMode::Hold, |app, _| {
        press(app, KeyCode::KeyE);
        tick(app);
        release(app, KeyCode::KeyE);
        for _ in 0..PLANT_HOLD_TICKS as usize * 2 {
            tick(app);
        }
    });
    assert!(tapped.is_empty());
    // In toggle mode a second tap stops it part way.
    let stopped = plant_every_worry(InteractMode::Toggle, |app, _| {
        press(app, KeyCode::KeyE);
        tick(app);
        release(app, KeyCode::KeyE);
        for _ in 0..PLANT_HOLD_TICKS as usize / 2 {
            tick(app);
        }
        press(app, KeyCode::KeyE);
        tick(app);
        release(app, KeyCode::KeyE);
        for _ in 0..PLANT_HOLD_TICKS as usize * 2 {
            tick(app);
        }
    });
    assert!(stopped.is_empty(), "stopped before the first worry went in");
}
