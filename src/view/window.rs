//! The window: borderless fullscreen on the current monitor or a window, as the settings say;
//! F11 toggles it from anywhere (and the choice is kept with the settings).

use bevy::prelude::*;
use bevy::window::{MonitorSelection, PrimaryWindow, WindowMode};

use crate::core::settings::Settings;

pub fn plugin(app: &mut App) {
    app.add_systems(Update, (toggle_fullscreen, fit_the_window).chain());
}

fn toggle_fullscreen(keys: Res<ButtonInput<KeyCode>>, mut settings: ResMut<Settings>) {
    if keys.just_pressed(KeyCode::F11) {
        settings.fullscreen = !settings.fullscreen;
    }
}

/// The window follows the setting (at start-up too: a fullscreen player stays fullscreen).
fn fit_the_window(settings: Res<Settings>, mut windows: Query<&mut Window, With<PrimaryWindow>>) {
    let wanted = if settings.fullscreen {
        WindowMode::BorderlessFullscreen(MonitorSelection::Current)
    } else {
        WindowMode::Windowed
    };
    for mut window in &mut windows {
        if window.mode != wanted {
            window.mode = wanted;
        }
    }
}
