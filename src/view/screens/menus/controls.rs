//! The controls page, from the settings: each action with its key (or mouse button) and its
//! gamepad button. Choosing one waits for the new button (Esc or Start cancels, Backspace
//! clears); a button two actions share is shown on both rows; the sticks can be swapped,
//! interact held or toggled, and everything reset to the defaults. Saved with the settings.

use bevy::prelude::*;

use crate::core::controls::{Action, Control, Controls, InteractMode, Slot};
use crate::core::settings::Settings;
use crate::view::controls::Buttons;
use crate::view::screens::menus::navigation::{
    CameFrom, Capturing, Chosen, Menu, MenuFocus, MenuInput, Stepped,
};
use crate::view::screens::palette::{CONFLICT, DIM, TEXT};
use crate::view::screens::ui::{MenuButton, label, menu_page};

/// A cell of the page: an action's binding in one slot.
#[derive(Component, Debug, Clone, Copy)]
struct BindingCell(Action, Slot);

/// The rows below the table.
#[derive(Component, Debug, Clone, Copy)]
enum ControlsRow {
    Sticks,
    Interact,
}

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Menu::Controls), show_controls)
        .add_systems(OnExit(Menu::Controls), stop_capturing)
        .add_systems(
            Update,
            (
                capture.before(MenuInput),
                show_bindings
                    .after(capture)
                    .run_if(resource_changed::<Settings>.or_else(resource_changed::<Capturing>)),
            )
                .run_if(in_state(Menu::Controls)),
        );
}

fn cell_text(controls: &Controls, action: Action, slot: Slot, capturing: Capturing) -> String {
    if capturing.0 == Some((action, slot)) {
        return match slot {
            Slot::KeyboardMouse => "press a key…".into(),
            Slot::Gamepad => "press a pad button…".into(),
        };
    }
    let bound = controls
        .binding(action, slot)
        .map_or_else(|| "—".to_string(), Control::name);
    let shared = controls.conflicts(action, slot);
    if shared.is_empty() {
        bound
    } else {
        let names: Vec<&str> = shared.iter().map(|a| a.name()).collect();
        format!("{bound} (also {})", names.join(", "))
    }
}

fn row_text(row: ControlsRow, settings: &Settings) -> String {
    match row {
        ControlsRow::Sticks => {
            if settings.controls.swap_sticks {
                "Sticks: right drifts, left looks".into()
            } else {
                "Sticks: left drifts, right looks".into()
            }
        }
        ControlsRow::Interact => match settings.interact {
            InteractMode::Hold => "Interact: hold the button".into(),
            InteractMode::Toggle => "Interact: press to start, press to stop".into(),
        },
    }
}

fn cell(text: String, order: usize, width: f32) -> impl Bundle {
    (
        Button,
        MenuButton { order },
        Node {
            width: px(width),
            padding: UiRect::axes(px(10), px(2)),
            justify_content: JustifyContent::Center,
            border_radius: BorderRadius::all(px(6)),
            ..default()
        },
        BackgroundColor(crate::view::screens::palette::BUTTON),
        children![label(text, 17.0, TEXT)],
    )
}

fn show_controls(
    mut commands: Commands,
    mut focus: ResMut<MenuFocus>,
    came_from: Res<CameFrom>,
    settings: Res<Settings>,
    capturing: Res<Capturing>,
) {
    focus.arrive(*came_from, Menu::Controls, 0);
    commands
        .spawn((menu_page(3.0), DespawnOnExit(Menu::Controls)))
        .with_children(|page| {
            page.spawn(label("Controls", 36.0, TEXT));
            page.spawn(label(
                "Choose a button, then press the new one (Esc or Start cancels, Backspace clears).",
                15.0,
                DIM,
            ));
            page.spawn(Node {
                flex_direction: FlexDirection::Row,
                column_gap: px(8),
                ..default()
            })
            .with_children(|row| {
                for (text, width) in [("", 190), ("Keyboard and mouse", 250), ("Gamepad", 250)] {
                    row.spawn((
                        Node {
                            width: px(width),
                            justify_content: JustifyContent::Center,
                            ..default()
                        },
                        children![label(text, 15.0, DIM)],
                    ));
                }
            });
            let mut order = 0;
            for action in Action::ALL {
                page.spawn(Node {
                    flex_direction: FlexDirection::Row,
                    align_items: AlignItems::Center,
                    column_gap: px(8),
                    ..default()
                })
                .with_children(|row| {
                    row.spawn((
                        Node {
                            width: px(190),
                            justify_content: JustifyContent::FlexEnd,
                            ..default()
                        },
                        children![label(action.name(), 17.0, DIM)],
                    ));
                    for slot in [Slot::KeyboardMouse, Slot::Gamepad] {
                        row.spawn((
                            cell(
                                cell_text(&settings.controls, action, slot, *capturing),
                                order,
                                250.0,
                            ),
                            BindingCell(action, slot),
                        ))
                        .observe(begin_capture);
                        order += 1;
                    }
                });
            }
            for row in [ControlsRow::Sticks, ControlsRow::Interact] {
                page.spawn((cell(row_text(row, &settings), order, 516.0), row))
                    .observe(change_row)
                    .observe(step_row);
                order += 1;
            }
            page.spawn(cell("Reset to defaults".into(), order, 516.0))
                .observe(reset_to_defaults);
            page.spawn((
                cell("Back".into(), order + 1, 516.0),
                crate::view::screens::menus::navigation::BackButton,
            ))
            .observe(|_: On<Chosen>, mut next: ResMut<NextState<Menu>>| {
                next.set(Menu::Settings);
            });
        });
}

fn begin_capture(chosen: On<Chosen>, cells: Query<&BindingCell>, mut capturing: ResMut<Capturing>) {
    if let Ok(cell) = cells.get(chosen.entity) {
        capturing.0 = Some((cell.0, cell.1));
    }
}

fn change_row(chosen: On<Chosen>, rows: Query<&ControlsRow>, mut settings: ResMut<Settings>) {
    if let Ok(row) = rows.get(chosen.entity) {
        flip(*row, &mut settings);
    }
}

fn step_row(stepped: On<Stepped>, rows: Query<&ControlsRow>, mut settings: ResMut<Settings>) {
    if let Ok(row) = rows.get(stepped.entity) {
        flip(*row, &mut settings);
    }
}

fn flip(row: ControlsRow, settings: &mut Settings) {
    match row {
        ControlsRow::Sticks => settings.controls.swap_sticks = !settings.controls.swap_sticks,
        ControlsRow::Interact => {
            settings.interact = match settings.interact {
                InteractMode::Hold => InteractMode::Toggle,
                InteractMode::Toggle => InteractMode::Hold,
            }
        }
    }
}

fn reset_to_defaults(_: On<Chosen>, mut settings: ResMut<Settings>) {
    settings.controls = Controls::default();
    settings.interact = InteractMode::default();
}

fn stop_capturing(mut capturing: ResMut<Capturing>) {
    capturing.0 = None;
}

/// The next button pressed becomes the binding (a key or mouse button for the keyboard slot,
/// a pad button for the gamepad's). Esc or Start cancels; Backspace or Delete clears.
fn capture(buttons: Buttons, mut capturing: ResMut<Capturing>, mut settings: ResMut<Settings>) {
    let Some((action, slot)) = capturing.0 else {
        return;
    };
    // Begun this frame or the last: the press that chose the cell is not the new binding.
    if capturing.is_changed() {
        return;
    }
    if buttons.key_just_pressed(KeyCode::Escape) || buttons.pad_just_pressed(GamepadButton::Start) {
        capturing.0 = None;
        return;
    }
    if buttons.key_just_pressed(KeyCode::Backspace) || buttons.key_just_pressed(KeyCode::Delete) {
        settings.controls.unbind(action, slot);
        capturing.0 = None;
        return;
    }
    let pressed = match slot {
        Slot::KeyboardMouse => buttons
            .any_key_just_pressed()
            .map(Control::Key)
            .or_else(|| buttons.any_mouse_just_pressed().map(Control::Mouse)),
        Slot::Gamepad => buttons.any_pad_just_pressed().map(Control::Pad),
    };
    if let Some(control) = pressed {
        settings.controls.bind(action, control);
        capturing.0 = None;
    }
}

fn show_bindings(
    settings: Res<Settings>,
    capturing: Res<Capturing>,
    cells: Query<(&BindingCell, &Children)>,
    rows: Query<(&ControlsRow, &Children)>,
    mut texts: Query<(&mut Text, &mut TextColor)>,
) {
    for (cell, children) in &cells {
        let shown = cell_text(&settings.controls, cell.0, cell.1, *capturing);
        let shared = !settings.controls.conflicts(cell.0, cell.1).is_empty();
        for child in children {
            if let Ok((mut text, mut color)) = texts.get_mut(*child) {
                if text.0 != shown {
                    text.0.clone_from(&shown);
                }
                color.0 = if shared { CONFLICT } else { TEXT };
            }
        }
    }
    for (row, children) in &rows {
        let shown = row_text(*row, &settings);
        for child in children {
            if let Ok((mut text, _)) = texts.get_mut(*child)
                && text.0 != shown
            {
                text.0.clone_from(&shown);
            }
        }
    }
}
