//! The settings page, from the title or the pause menu: volumes, look, field of view,
//! subtitles and text size, head bob, reduced motion, the speedrun timer and ghost, fullscreen,
//! render quality. Left and
//! Right (or the D-pad) change the focused value; Enter or a click steps it on.

use bevy::prelude::*;

use crate::core::settings::{Quality, Settings, limits};
use crate::view::screens::menus::navigation::{CameFrom, Chosen, Menu, MenuFocus, Stepped};
use crate::view::screens::palette::{DIM, TEXT};
use crate::view::screens::ui::{label, menu_page, small_button};
use crate::view::world::quality::RenderQuality;

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
    SubtitleBackground,
    TextSize,
    HeadBob,
    ReducedMotion,
    SpeedrunTimer,
    SpeedrunGhost,
    Fullscreen,
    Quality,
}

/// The page's rows, in order.
pub const SETTING_ROWS: [SettingKey; 16] = [
    SettingKey::MasterVolume,
    SettingKey::MusicVolume,
    SettingKey::VoiceVolume,
    SettingKey::EffectsVolume,
    SettingKey::MouseSensitivity,
    SettingKey::InvertY,
    SettingKey::FieldOfView,
    SettingKey::Subtitles,
    SettingKey::SubtitleBackground,
    SettingKey::TextSize,
    SettingKey::HeadBob,
    SettingKey::ReducedMotion,
    SettingKey::SpeedrunTimer,
    SettingKey::SpeedrunGhost,
    SettingKey::Fullscreen,
    SettingKey::Quality,
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
    /// The row's text, with its value; `drawn` is the quality preset in force (what Auto
    /// chose).
    pub fn describe(self, settings: &Settings, drawn: Quality) -> String {
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
                format!(
                    "Field of view: {:.0}\u{00B0} across",
                    settings.horizontal_field_of_view
                )
            }
            SettingKey::Subtitles => format!("Subtitles: {}", on_off(settings.subtitles)),
            SettingKey::SubtitleBackground => format!(
                "Subtitle background: {}",
                percent_of(settings.subtitle_background)
            ),
            SettingKey::TextSize => format!("Text size: {}", percent_of(settings.text_scale)),
            SettingKey::HeadBob => format!("Head bob: {}", on_off(settings.head_bob)),
            SettingKey::ReducedMotion => {
                format!("Reduced motion: {}", on_off(settings.reduced_motion))
            }
            SettingKey::SpeedrunTimer => {
                format!("Speedrun timer: {}", on_off(settings.show_timer))
            }
            SettingKey::SpeedrunGhost => format!("Speedrun ghost: {}", on_off(settings.ghost)),
            SettingKey::Fullscreen => format!("Fullscreen (F11): {}", on_off(settings.fullscreen)),
            SettingKey::Quality => match settings.quality {
                Quality::Auto => format!("Quality: Auto ({drawn:?} here)"),
                chosen => format!("Quality: {chosen:?}"),
            },
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
            SettingKey::SubtitleBackground => {
                settings.subtitle_background = volume(settings.subtitle_background);
            }
            SettingKey::MouseSensitivity => {
                settings.mouse_sensitivity =
                    step(settings.mouse_sensitivity, direction, 0.1, 0.2, 3.0, wrap);
            }
            SettingKey::FieldOfView => {
                let (min, max) = limits::FIELD_OF_VIEW;
                settings.horizontal_field_of_view = step(
                    settings.horizontal_field_of_view,
                    direction,
                    5.0,
                    min,
                    max,
                    wrap,
                );
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
            SettingKey::Fullscreen => settings.fullscreen = !settings.fullscreen,
            SettingKey::Quality => settings.quality = settings.quality.stepped(direction),
        }
    }
}

/// Where Back from the settings leads: the title or the pause menu they were opened from.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
struct ReturnTo(Menu);

/// A row of the page, and the setting it changes.
#[derive(Component, Debug, Clone, Copy)]
struct SettingRow(SettingKey);

pub fn plugin(app: &mut App) {
    app.insert_resource(ReturnTo(Menu::Title))
        .add_systems(OnEnter(Menu::Settings), show_settings)
        .add_systems(
            Update,
            show_values
                .run_if(in_state(Menu::Settings))
                .run_if(resource_changed::<Settings>.or_else(resource_changed::<RenderQuality>)),
        );
}

fn show_settings(
    mut commands: Commands,
    mut focus: ResMut<MenuFocus>,
    came_from: Res<CameFrom>,
    mut return_to: ResMut<ReturnTo>,
    settings: Res<Settings>,
    drawn: Res<RenderQuality>,
) {
    // Back leads where the settings were opened from, not to the controls page below them.
    if !matches!(came_from.0, Menu::Settings | Menu::Controls) {
        return_to.0 = came_from.0;
    }
    if came_from.0 == Menu::Controls {
        focus.0 = SETTING_ROWS.len();
    } else {
        focus.arrive(*came_from, Menu::Settings, 0);
    }
    commands
        .spawn((menu_page(4.0), DespawnOnExit(Menu::Settings)))
        .with_children(|page| {
            page.spawn(label("Settings", 36.0, TEXT));
            page.spawn(label(
                "Left / Right change a value; Enter steps it on.",
                17.0,
                DIM,
            ));
            // One column at the usual text size; a larger text size flows into a second.
            page.spawn(Node {
                flex_direction: FlexDirection::Column,
                flex_wrap: FlexWrap::Wrap,
                align_items: AlignItems::Center,
                align_content: AlignContent::Center,
                row_gap: px(4),
                column_gap: px(12),
                max_height: percent(80),
                ..default()
            })
            .with_children(|rows| {
                for (order, key) in SETTING_ROWS.iter().enumerate() {
                    rows.spawn((
                        small_button(&key.describe(&settings, drawn.0), order),
                        SettingRow(*key),
                    ))
                    .observe(step_on)
                    .observe(step_either_way);
                }
            });
            page.spawn(Node {
                column_gap: px(8),
                ..default()
            })
            .with_children(|row| {
                row.spawn(small_button("Controls…", SETTING_ROWS.len()))
                    .insert(narrow())
                    .observe(open_controls);
                row.spawn((
                    small_button("Back", SETTING_ROWS.len() + 1),
                    crate::view::screens::menus::navigation::BackButton,
                ))
                .insert(narrow())
                .observe(go_back);
            });
        });
}

/// Enter or a click steps a value on, wrapping at the top, so one button reaches them all.
fn step_on(chosen: On<Chosen>, rows: Query<&SettingRow>, mut settings: ResMut<Settings>) {
    if let Ok(row) = rows.get(chosen.entity) {
        row.0.adjust(&mut settings, 1, true);
    }
}

/// Left and Right step a value down and up, stopping at the ends.
fn step_either_way(stepped: On<Stepped>, rows: Query<&SettingRow>, mut settings: ResMut<Settings>) {
    if let Ok(row) = rows.get(stepped.entity) {
        row.0.adjust(&mut settings, stepped.direction, false);
    }
}

/// A button half as wide, to stand two in a row.
fn narrow() -> Node {
    Node {
        width: px(186),
        padding: UiRect::axes(px(16), px(4)),
        justify_content: JustifyContent::Center,
        border_radius: BorderRadius::all(px(8)),
        ..default()
    }
}

fn open_controls(_: On<Chosen>, mut next: ResMut<NextState<Menu>>) {
    next.set(Menu::Controls);
}

fn go_back(_: On<Chosen>, return_to: Res<ReturnTo>, mut next: ResMut<NextState<Menu>>) {
    next.set(return_to.0);
}

fn show_values(
    settings: Res<Settings>,
    drawn: Res<RenderQuality>,
    rows: Query<(&SettingRow, &Children)>,
    mut texts: Query<&mut Text>,
) {
    for (row, children) in &rows {
        for child in children {
            if let Ok(mut text) = texts.get_mut(*child) {
                let shown = row.0.describe(&settings, drawn.0);
                if text.0 != shown {
                    text.0 = shown;
                }
            }
        }
    }
}
