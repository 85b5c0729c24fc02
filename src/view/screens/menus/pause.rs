//! The pause menu (Esc or Start): resume, restart a speedrun, settings, back to the title, or
//! quit. Pausing stops the dream's clock; nothing runs until it resumes.

use bevy::prelude::*;

use crate::core::controls::Action;
use crate::core::flow::{AppState, Pause, ReturnToTitle};
use crate::core::settings::Settings;
use crate::dream::ending::Ending;
use crate::speedrun::practice::Practice;
use crate::speedrun::timer::{ResetRun, Speedrun};
use crate::view::controls::Buttons;
use crate::view::screens::menus::navigation::{CameFrom, Chosen, Menu, MenuFocus};
use crate::view::screens::menus::navigation::{open_page, quit};
use crate::view::screens::palette::TEXT;
use crate::view::screens::ui::{button, label, menu_page};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Menu::Pause), show_pause)
        .add_systems(
            Update,
            toggle_pause
                .run_if(in_state(AppState::Playing))
                // Esc on the controls page cancels a binding, not the pause.
                // On a page over the pause (settings, controls) Esc goes back a page instead.
                .run_if(in_state(Menu::Closed).or_else(in_state(Menu::Pause)))
                .run_if(crate::view::screens::menus::navigation::not_capturing),
        );
}

/// The pause menu's column.
#[derive(Component)]
pub(crate) struct PauseMenu;

/// The pause menu's buttons (a speedrun can be restarted from here as well as by holding R).
fn show_pause(
    mut commands: Commands,
    mut focus: ResMut<MenuFocus>,
    came_from: Res<CameFrom>,
    speedrun: Res<Speedrun>,
    practice: Res<Practice>,
) {
    let speedrunning = speedrun.0.is_some();
    let settings_order = usize::from(speedrunning) + 1;
    focus.0 = if came_from.0 == Menu::Settings {
        settings_order
    } else {
        0
    };
    commands
        .spawn((PauseMenu, menu_page(14.0), DespawnOnExit(Menu::Pause)))
        .with_children(|menu| {
            menu.spawn(label("Paused", 54.0, TEXT));
            menu.spawn((
                button("Resume", 0),
                crate::view::screens::menus::navigation::BackButton,
            ))
            .observe(resume);
            if speedrunning {
                let restart = if practice.0.is_some() {
                    "Restart segment"
                } else {
                    "Restart run"
                };
                menu.spawn(button(restart, 1)).observe(restart_run);
            }
            menu.spawn(button("Settings", settings_order))
                .observe(open_page(Menu::Settings));
            menu.spawn(button("Return to title", settings_order + 1))
                .observe(return_to_title);
            menu.spawn(button("Quit", settings_order + 2)).observe(quit);
        });
}

fn resume(_: On<Chosen>, mut next: ResMut<NextState<Pause>>) {
    next.set(Pause::Running);
}

pub fn restart_run(_: On<Chosen>, mut reset: MessageWriter<ResetRun>) {
    reset.write(ResetRun);
}

pub fn return_to_title(_: On<Chosen>, mut to_title: MessageWriter<ReturnToTitle>) {
    to_title.write(ReturnToTitle);
}

/// Pause (Esc or Start unless rebound) pauses and resumes; once the dream has ended, the results stand instead.
fn toggle_pause(
    buttons: Buttons,
    settings: Res<Settings>,
    pause: Res<State<Pause>>,
    ending: Res<Ending>,
    practice: Res<Practice>,
    mut next: ResMut<NextState<Pause>>,
) {
    // Esc always pauses too: a rebinding cannot lock a player in the dream.
    let pressed = buttons.just_pressed(&settings.controls, Action::Pause)
        || buttons.key_just_pressed(KeyCode::Escape);
    // While practice hurries to its segment the dream is not the player's to pause yet.
    if !pressed || ending.finished || practice.hurrying() {
        return;
    }
    next.set(match pause.get() {
        Pause::Running => Pause::Paused,
        Pause::Paused => Pause::Running,
    });
}
