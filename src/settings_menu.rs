//! The settings page, from the title or the pause menu: volumes, look, field of view,
//! subtitles and text size, head bob, reduced motion, the speedrun timer and ghost. Left and
//! Right (or the D-pad) change the focused value; Enter or a click steps it on.

use bevy::input::gamepad::{Gamepad, GamepadButton};
use bevy::prelude::*;

use crate::flow::{AppState, Pause};
use crate::menus::{MenuAction, MenuButton, MenuFocus, MenuPressed, label, small_button};
use crate::settings::Settings;

/// One adjustable setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SettingKey {
    MasterVolume,
    MusicVolume,
    VoiceVolume,
    EffectsVolume,
    MouseSensitivity,
    InvertY,
    FieldOfView,
    Subtitles,
    TextSize,
    HeadBob,
    ReducedMotion,
    SpeedrunTimer,
    SpeedrunGhost,
}

/// The page's rows, in order.
pub const SETTING_ROWS: [SettingKey; 13] = [
    SettingKey::MasterVolume,
    SettingKey::MusicVolume,
    SettingKey::VoiceVolume,
    SettingKey::EffectsVolume,
    SettingKey::MouseSensitivity,
    SettingKey::InvertY,
    SettingKey::FieldOfView,
    SettingKey::Subtitles,
    SettingKey::TextSize,
    SettingKey::HeadBob,
    SettingKey::ReducedMotion,
    SettingKey::SpeedrunTimer,
    SettingKey::SpeedrunGhost,
];

fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}

fn percent_of(value: f32) -> String {
    format!("{:.0}%", value * 100.0)
}

/// Steps `value` by `step` in `direction`, kept within `min..=max`; stepping on from the top
/// wraps to the bottom (so Enter alone can reach every value).
fn step(value: f32, direction: i32, step: f32, min: f32, max: f32, wrap: bool) -> f32 {
    let next = ((value + step * direction as f32) / step).round() * step;
    if wrap && value >= max - step * 0.5 && direction > 0 {
        return min;
    }
    next.clamp(min, max)
}

impl SettingKey {
    /// The row's text, with its value.
    pub fn describe(self, settings: &Settings) -> String {
        match self {
            SettingKey::MasterVolume => format!("Volume: {}", percent_of(settings.master_volume)),
            SettingKey::MusicVolume => format!("Music: {}", percent_of(settings.music_volume)),
            SettingKey::VoiceVolume => format!("Voices: {}", percent_of(settings.voice_volume)),
            SettingKey::EffectsVolume => {
                format!("Effects: {}", percent_of(settings.effects_volume))
            }
            SettingKey::MouseSensitivity => {
                format!("Look speed: {:.1}", settings.mouse_sensitivity)
            }
            SettingKey::InvertY => format!("Invert look up/down: {}", on_off(settings.invert_y)),
            SettingKey::FieldOfView => {
                format!("Field of view: {:.0} degrees", settings.field_of_view)
            }
            SettingKey::Subtitles => format!("Subtitles: {}", on_off(settings.subtitles)),
            SettingKey::TextSize => format!("Text size: {}", percent_of(settings.text_scale)),
            SettingKey::HeadBob => format!("Head bob: {}", on_off(settings.head_bob)),
            SettingKey::ReducedMotion => {
                format!("Reduced motion: {}", on_off(settings.reduced_motion))
            }
            SettingKey::SpeedrunTimer => {
                format!("Speedrun timer: {}", on_off(settings.show_timer))
            }
            SettingKey::SpeedrunGhost => format!("Speedrun ghost: {}", on_off(settings.ghost)),
        }
    }

    /// Changes the setting one step: `direction` −1 or +1; `wrap` lets a value at its top
    /// start again from the bottom.
    pub fn adjust(self, settings: &mut Settings, direction: i32, wrap: bool) {
        let volume = |v: f32| step(v, direction, 0.1, 0.0, 1.0, wrap);
        match self {
            SettingKey::MasterVolume => settings.master_volume = volume(settings.master_volume),
            SettingKey::MusicVolume => settings.music_volume = volume(settings.music_volume),
            SettingKey::VoiceVolume => settings.voice_volume = volume(settings.voice_volume),
            SettingKey::EffectsVolume => {
                settings.effects_volume = volume(settings.effects_volume);
            }
            SettingKey::MouseSensitivity => {
                settings.mouse_sensitivity =
                    step(settings.mouse_sensitivity, direction, 0.1, 0.2, 3.0, wrap);
            }
            SettingKey::FieldOfView => {
                settings.field_of_view =
                    step(settings.field_of_view, direction, 5.0, 50.0, 110.0, wrap);
            }
            SettingKey::TextSize => {
                settings.text_scale = step(settings.text_scale, direction, 0.25, 0.75, 2.0, wrap);
            }
            SettingKey::InvertY => settings.invert_y = !settings.invert_y,
            SettingKey::Subtitles => settings.subtitles = !settings.subtitles,
            SettingKey::HeadBob => settings.head_bob = !settings.head_bob,
            SettingKey::ReducedMotion => settings.reduced_motion = !settings.reduced_motion,
            SettingKey::SpeedrunTimer => settings.show_timer = !settings.show_timer,
            SettingKey::SpeedrunGhost => settings.ghost = !settings.ghost,
        }
    }
}

/// The title's or the pause menu's column of buttons, which the page stands in for.
type MenuColumn = Or<(With<crate::menus::TitleMenu>, With<crate::menus::PauseMenu>)>;

/// The settings page is open.
#[derive(Component)]
struct SettingsPage;

pub struct SettingsMenuPlugin;

impl Plugin for SettingsMenuPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            Update,
            (open_and_close, change_values)
                .chain()
                .after(crate::menus::press),
        );
    }
}

fn spawn_page(commands: &mut Commands, settings: &Settings, in_title: bool) {
    let mut page = commands.spawn((
        SettingsPage,
        Node {
            position_type: PositionType::Absolute,
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            row_gap: px(6),
            ..default()
        },
        BackgroundColor(Color::srgba(0.02, 0.01, 0.06, 0.7)),
        GlobalZIndex(25),
    ));
    if in_title {
        page.insert(DespawnOnExit(AppState::Title));
    } else {
        page.insert(DespawnOnExit(Pause::Paused));
    }
    page.with_children(|page| {
        page.spawn(label("Settings", 44.0, Color::srgb(0.92, 0.9, 1.0)));
        page.spawn(label(
            "Left / Right change a value; Enter steps it on.",
            17.0,
            Color::srgba(0.85, 0.82, 0.95, 0.7),
        ));
        for (order, key) in SETTING_ROWS.iter().enumerate() {
            page.spawn(small_button(
                &key.describe(settings),
                MenuAction::Setting(*key),
                order,
            ));
        }
        page.spawn(small_button(
            "Back",
            MenuAction::SettingsBack,
            SETTING_ROWS.len(),
        ));
    });
}

#[expect(
    clippy::too_many_arguments,
    reason = "the page stands in for either the title's or the pause menu's buttons"
)]
fn open_and_close(
    mut commands: Commands,
    mut pressed: MessageReader<MenuPressed>,
    mut focus: ResMut<MenuFocus>,
    settings: Res<Settings>,
    state: Res<State<AppState>>,
    speedrun: Res<crate::speedrun::Speedrun>,
    mut again: MessageWriter<crate::menus::ShowTitleMenu>,
    menus: Query<Entity, MenuColumn>,
    pages: Query<Entity, With<SettingsPage>>,
) {
    let in_title = *state.get() == AppState::Title;
    for action in pressed.read() {
        match action.0 {
            MenuAction::Settings => {
                for menu in &menus {
                    commands.entity(menu).despawn();
                }
                focus.0 = 0;
                spawn_page(&mut commands, &settings, in_title);
            }
            MenuAction::SettingsBack => {
                for page in &pages {
                    commands.entity(page).despawn();
                }
                if in_title {
                    again.write(crate::menus::ShowTitleMenu {
                        focus_on: MenuAction::Settings,
                    });
                } else {
                    let back_to = if speedrun.0.is_some() { 2 } else { 1 };
                    focus.0 = back_to;
                    crate::menus::spawn_pause_menu(&mut commands, speedrun.0.is_some());
                }
            }
            _ => {}
        }
    }
}

fn change_values(
    mut pressed: MessageReader<MenuPressed>,
    keys: Res<ButtonInput<KeyCode>>,
    gamepads: Query<&Gamepad>,
    focus: Res<MenuFocus>,
    mut settings: ResMut<Settings>,
    rows: Query<(&MenuButton, &Children)>,
    mut texts: Query<&mut Text>,
) {
    let mut changed = false;
    for action in pressed.read() {
        if let MenuAction::Setting(key) = action.0 {
            key.adjust(&mut settings, 1, true);
            changed = true;
        }
    }
    let pad = |button| gamepads.iter().any(|g| g.just_pressed(button));
    let direction = if keys.just_pressed(KeyCode::ArrowRight)
        || keys.just_pressed(KeyCode::KeyD)
        || pad(GamepadButton::DPadRight)
    {
        1
    } else if keys.just_pressed(KeyCode::ArrowLeft)
        || keys.just_pressed(KeyCode::KeyA)
        || pad(GamepadButton::DPadLeft)
    {
        -1
    } else {
        0
    };
    if direction != 0 {
        for (row, _) in &rows {
            if let MenuAction::Setting(key) = row.action
                && row.order == focus.0
            {
                key.adjust(&mut settings, direction, false);
                changed = true;
            }
        }
    }
    if !changed {
        return;
    }
    for (row, children) in &rows {
        let MenuAction::Setting(key) = row.action else {
            continue;
        };
        for child in children {
            if let Ok(mut text) = texts.get_mut(*child) {
                let shown = key.describe(&settings);
                if text.0 != shown {
                    text.0 = shown;
                }
            }
        }
    }
}
