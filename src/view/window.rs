//! The window: borderless fullscreen on the current monitor or a window, as the settings say;
//! F11 toggles it from anywhere (and the choice is kept with the settings). A window nobody is
//! looking at stays quiet: unfocused, it updates only a few times a second and a dream in it
//! pauses; hidden (minimized, covered), nothing is rendered at all.

use std::time::Duration;

use bevy::prelude::*;
use bevy::window::{MonitorSelection, PrimaryWindow, WindowFocused, WindowMode, WindowOccluded};
use bevy::winit::{UpdateMode, WinitSettings};

use crate::core::flow::Pause;
use crate::core::settings::Settings;
use crate::dream::ending::Ending;
use crate::speedrun::practice::Practice;

/// How often an unfocused window wakes when nothing happens in it.
const UNFOCUSED_WAKE: Duration = Duration::from_secs(1);

/// Nobody is at the window (screenshots, `bench`): it runs flat out whatever its focus.
#[derive(Resource, Debug, Clone, Copy)]
pub(crate) struct Unattended;

pub fn plugin(app: &mut App) {
    app.add_systems(Startup, pace_the_window)
        .add_systems(Update, (toggle_fullscreen, fit_the_window).chain())
        .add_systems(Update, scale_the_interface)
        .add_systems(
            Update,
            (pause_when_looked_away, stop_drawing_when_hidden)
                .run_if(not(resource_exists::<Unattended>)),
        );
}

fn pace_the_window(mut commands: Commands, unattended: Option<Res<Unattended>>) {
    commands.insert_resource(if unattended.is_some() {
        WinitSettings::continuous()
    } else {
        WinitSettings {
            focused_mode: UpdateMode::Continuous,
            unfocused_mode: UpdateMode::reactive_low_power(UNFOCUSED_WAKE),
        }
    });
}

/// The size every page is laid out for; the interface scales with the window from it.
const DESIGNED_FOR: Vec2 = Vec2::new(1280.0, 720.0);

/// The interface scales with the window, so every page fits from 640×360 to 4K: by the
/// smaller of the two ratios to the size the pages are laid out for.
fn scale_the_interface(
    windows: Query<&Window, (With<PrimaryWindow>, Changed<Window>)>,
    mut scale: ResMut<UiScale>,
) {
    let Ok(window) = windows.single() else {
        return;
    };
    let ratio = (window.size() / DESIGNED_FOR).min_element();
    let wanted = interface_scale(ratio);
    if (scale.0 - wanted).abs() > f32::EPSILON {
        scale.0 = wanted;
    }
}

/// The interface's scale for a window `ratio` times the designed size: never below half (text
/// stays readable), never above four times.
pub(crate) fn interface_scale(ratio: f32) -> f32 {
    if ratio.is_finite() {
        ratio.clamp(0.5, 4.0)
    } else {
        1.0
    }
}

/// A dream pauses when its window loses focus (the player has gone to another window); it
/// waits on the pause menu for them to come back.
fn pause_when_looked_away(
    mut focus: MessageReader<WindowFocused>,
    pause: Option<Res<State<Pause>>>,
    ending: Res<Ending>,
    practice: Res<Practice>,
    mut next: ResMut<NextState<Pause>>,
) {
    let looked_away = focus.read().last().is_some_and(|event| !event.focused);
    let running = pause.is_some_and(|p| *p.get() == Pause::Running);
    if looked_away && running && !ending.finished && !practice.hurrying() {
        next.set(Pause::Paused);
    }
}

/// A hidden window (minimized, or wholly covered) draws nothing: its cameras rest until it
/// shows again.
fn stop_drawing_when_hidden(
    mut occlusion: MessageReader<WindowOccluded>,
    mut cameras: Query<&mut Camera>,
) {
    let Some(event) = occlusion.read().last() else {
        return;
    };
    for mut camera in &mut cameras {
        camera.is_active = !event.occluded;
    }
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
