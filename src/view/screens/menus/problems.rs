//! The screen that explains a broken level: every problem as `FILE:LINE:COL: message`, and
//! Esc to quit.

use bevy::prelude::*;

use crate::core::flow::AppState;
use crate::level::LoadProblems;
use crate::view::screens::palette::{DIM, TEXT};
use crate::view::screens::ui::{label, menu_page};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(AppState::Broken), show_problems)
        .add_systems(
            Update,
            quit_from_problems.run_if(in_state(AppState::Broken)),
        );
}

fn show_problems(mut commands: Commands, problems: Res<LoadProblems>) {
    let list: String = problems
        .0
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    commands.spawn((
        menu_page(14.0),
        DespawnOnExit(AppState::Broken),
        children![
            label("The dream could not begin", 44.0, TEXT),
            label("A level file could not be read:", 22.0, DIM),
            label(list, 18.0, Color::srgb(1.0, 0.8, 0.7)),
            label("Fix the file and start again. Esc quits.", 22.0, DIM),
        ],
    ));
}

fn quit_from_problems(keys: Res<ButtonInput<KeyCode>>, mut exit: MessageWriter<AppExit>) {
    if keys.just_pressed(KeyCode::Escape) {
        exit.write(AppExit::from_code(2));
    }
}
