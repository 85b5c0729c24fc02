//! Subtitles and captions: who is speaking and what they say, at the foot of the view on a
//! soft background; fragrance names drifting in at the top. On by default.

use bevy::prelude::*;

use crate::core::flow::AppState;
use crate::core::settings::Settings;
use crate::dream::garden::FragranceNoticed;
use crate::dream::voices::Subtitle;
use crate::view::screens::menus::navigation::Menu;
use crate::view::screens::palette::layer;
use crate::view::screens::palette::{SPEAKER, SPOKEN, SUBTITLE_GROUND};
use crate::view::screens::ui::TextSize;

#[derive(Component)]
struct SubtitleBox;

/// Where subtitles (and above them, sound captions) stand.
#[derive(Component)]
pub(crate) struct SubtitleArea;

/// Text over the world with the subtitle panel behind it, at the player's opacity (captions).
#[derive(Component)]
pub(crate) struct Backed;

/// The panel behind subtitles and captions, as the settings have it.
pub(crate) fn backing(settings: &Settings) -> BackgroundColor {
    BackgroundColor(SUBTITLE_GROUND.with_alpha(settings.subtitle_background))
}

#[derive(Component)]
struct SpeakerText;

#[derive(Component)]
struct LineText;

/// A fragrance's name, fading in and out.
#[derive(Component)]
struct Caption {
    age: f32,
}

const CAPTION_SECONDS: f32 = 4.0;

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(AppState::Playing), spawn_subtitle_box)
        .add_systems(
            Update,
            (show_subtitle, notice_fragrance, fade_captions).run_if(in_state(AppState::Playing)),
        )
        .add_systems(
            Update,
            follow_panel_setting.run_if(resource_changed::<Settings>),
        );
}

fn spawn_subtitle_box(mut commands: Commands, settings: Res<Settings>) {
    commands
        .spawn((
            Name::new("Subtitles"),
            SubtitleArea,
            // Sound captions stand in this column above the subtitle box, however tall it grows.
            Node {
                position_type: PositionType::Absolute,
                bottom: px(64),
                width: percent(100),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                row_gap: px(8),
                ..default()
            },
            // Above the dawn's white (the closing words stay readable), below the results.
            layer::SUBTITLES,
            DespawnOnExit(AppState::Playing),
        ))
        .with_child((
            SubtitleBox,
            Backed,
            Node {
                max_width: percent(70),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                padding: UiRect::axes(px(22), px(12)),
                row_gap: px(4),
                border_radius: BorderRadius::all(px(12)),
                ..default()
            },
            backing(&settings),
            Visibility::Hidden,
            children![
                (
                    SpeakerText,
                    Text::new(""),
                    TextFont::default(),
                    TextSize(18.0),
                    TextColor(SPEAKER),
                ),
                (
                    LineText,
                    Text::new(""),
                    TextFont::default(),
                    TextSize(26.0),
                    TextColor(SPOKEN),
                    TextLayout::justify(Justify::Center),
                ),
            ],
        ));
}

/// Who is speaking, as the subtitle names them: a voice flower's speaker is named with
/// where the voice rises from, so the words are the flower's. None when nothing is said.
pub fn speaker_label(subtitle: &Subtitle) -> Option<String> {
    let spoken = subtitle.current.as_ref()?;
    Some(if subtitle.flower.is_some() {
        format!("{} — from the petals", spoken.speaker)
    } else {
        spoken.speaker.clone()
    })
}

fn show_subtitle(
    subtitle: Res<Subtitle>,
    settings: Res<Settings>,
    menu: Res<State<Menu>>,
    mut boxes: Query<&mut Visibility, With<SubtitleBox>>,
    mut speakers: Query<&mut Text, (With<SpeakerText>, Without<LineText>)>,
    mut lines: Query<&mut Text, (With<LineText>, Without<SpeakerText>)>,
) {
    if !subtitle.is_changed() && !settings.is_changed() && !menu.is_changed() {
        return;
    }
    // The results say the closing words themselves.
    let shown = subtitle
        .current
        .as_ref()
        .filter(|_| settings.subtitles && *menu.get() != Menu::Results);
    for mut visibility in &mut boxes {
        *visibility = if shown.is_some() {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        };
    }
    if let (Some(spoken), Some(speaker)) = (shown, speaker_label(&subtitle)) {
        for mut text in &mut speakers {
            if text.0 != speaker {
                text.0.clone_from(&speaker);
            }
        }
        for mut text in &mut lines {
            text.0.clone_from(&spoken.line);
        }
    }
}

fn notice_fragrance(
    mut commands: Commands,
    mut noticed: MessageReader<FragranceNoticed>,
    settings: Res<Settings>,
    old: Query<Entity, With<Caption>>,
) {
    let Some(fragrance) = noticed.read().last() else {
        return;
    };
    if !settings.subtitles {
        return;
    }
    for entity in &old {
        commands.entity(entity).despawn();
    }
    commands.spawn((
        Name::new("Fragrance caption"),
        Caption { age: 0.0 },
        Node {
            position_type: PositionType::Absolute,
            top: px(54),
            width: percent(100),
            justify_content: JustifyContent::Center,
            ..default()
        },
        DespawnOnExit(AppState::Playing),
        children![(
            Text::new(format!("the scent of {}", fragrance.name)),
            TextFont::default(),
            TextSize(28.0),
            TextColor(SPOKEN.with_alpha(0.0)),
        )],
    ));
}

/// The panel follows the setting at once, mid-sentence too.
fn follow_panel_setting(
    settings: Res<Settings>,
    mut panels: Query<&mut BackgroundColor, With<Backed>>,
) {
    for mut panel in &mut panels {
        *panel = backing(&settings);
    }
}

fn fade_captions(
    mut commands: Commands,
    time: Res<Time>,
    mut captions: Query<(Entity, &mut Caption, &Children)>,
    mut colors: Query<&mut TextColor>,
) {
    for (entity, mut caption, children) in &mut captions {
        caption.age += time.delta_secs();
        let t = caption.age / CAPTION_SECONDS;
        let alpha = (t * 4.0).min(1.0) * ((1.0 - t) * 3.0).clamp(0.0, 1.0);
        for child in children.iter() {
            if let Ok(mut color) = colors.get_mut(child) {
                color.0 = SPOKEN.with_alpha(alpha * 0.85);
            }
        }
        if t >= 1.0 {
            commands.entity(entity).despawn();
        }
    }
}
