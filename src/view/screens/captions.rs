//! Captions for the sounds that carry meaning, for a player who cannot hear them: the door's
//! hum and where it comes from (the door is meant to be found by ear), the portal's swell, the
//! glass chimes of gathered fragments, the river's droplets, the moon's shawl settling and the
//! dawn. They follow the
//! subtitles setting and stand just above the subtitle box.

use bevy::prelude::*;

use crate::core::flow::{AppState, Chapter};
use crate::core::settings::Settings;
use crate::dream::ending::{Awoke, Ending, Scene, ShawlReceived};
use crate::dream::portal::{Door, PortalEntered};
use crate::dream::river::{FragmentCollected, HeartAssembled, ReachedIn};
use crate::dream::walking::{Dreamer, forward, right};
use crate::speedrun::practice::hurrying;
use crate::view::screens::palette::DIM;
use crate::view::screens::subtitles::{Backed, SubtitleArea, backing};
use crate::view::screens::ui::label;
use crate::view::sound::DOOR_HEARING_RADIUS;

pub fn plugin(app: &mut App) {
    app.add_observer(spawn_caption_column).add_systems(
        Update,
        (
            caption_the_hum,
            caption_sound::<PortalEntered>("[a swell of light and rushing air]", 3.5)
                .run_if(not(hurrying)),
            caption_sound::<FragmentCollected>("[a glass chime rings]", 2.5),
            caption_sound::<HeartAssembled>(
                "[every chime rings at once: the panes come together]",
                4.0,
            )
            .run_if(heart_coming_together),
            caption_sound::<ReachedIn>("[cool droplets fall back into the river]", 3.0),
            caption_sound::<ShawlReceived>(
                "[silk rustles: a shawl settles round your shoulders]",
                4.0,
            ),
            caption_sound::<Awoke>("[a slow, brightening chord: morning]", 4.0),
            fade_sound_captions,
        )
            .chain()
            .run_if(in_state(AppState::Playing)),
    );
}

/// The heart's scene is playing: its chord rings as it begins. (A dream staged later in the
/// ending assembles its heart at once, with no chord to caption.)
fn heart_coming_together(ending: Res<Ending>) -> bool {
    ending.scene == Some(Scene::Heart)
}

/// Where the captions stand: a column above the subtitle box.
#[derive(Component)]
struct CaptionColumn;

/// The door's hum, as long as it can be heard.
#[derive(Component)]
struct HumCaption;

/// A caption for a sound that plays once, fading after `lasts` seconds.
#[derive(Component)]
struct SoundCaption {
    age: f32,
    lasts: f32,
}

/// A caption's line, on the subtitle panel.
fn caption_line(line: &str, color: Color, settings: &Settings) -> impl Bundle {
    (
        label(line, 20.0, color),
        Node {
            padding: UiRect::axes(px(12), px(3)),
            border_radius: BorderRadius::all(px(8)),
            ..default()
        },
        Backed,
        backing(settings),
    )
}

/// The captions' column, first in the subtitle area so it stands above the subtitle box.
fn spawn_caption_column(
    added: On<Add, SubtitleArea>,
    mut commands: Commands,
    settings: Res<Settings>,
) {
    let column = commands
        .spawn((
            Name::new("Sound captions"),
            CaptionColumn,
            Node {
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                row_gap: px(4),
                ..default()
            },
            children![(
                HumCaption,
                caption_line("", DIM, &settings),
                Visibility::Hidden
            )],
        ))
        .id();
    commands.entity(added.entity).insert_children(0, &[column]);
}

/// The caption for the door's hum heard by a dreamer at `dreamer` facing `yaw` (radians) from a
/// door at `door`: how near it sounds and which way it comes from, or nothing beyond hearing.
pub fn hum_caption(dreamer: Vec2, yaw: f32, door: Vec2) -> Option<String> {
    let path = door - dreamer;
    let distance = path.length();
    if distance > DOOR_HEARING_RADIUS {
        return None;
    }
    let loudness = if distance < 12.0 {
        "a low hum, close by"
    } else if distance < DOOR_HEARING_RADIUS * 0.4 {
        "a low hum"
    } else {
        "a faint low hum"
    };
    if distance < 2.0 {
        return Some(format!("[{loudness}]"));
    }
    let towards = path / distance;
    // Degrees from straight ahead, positive to the right.
    let bearing = towards
        .dot(right(yaw))
        .atan2(towards.dot(forward(yaw)))
        .to_degrees();
    let side = if bearing > 0.0 { "right" } else { "left" };
    let direction = match bearing.abs() {
        a if a <= 25.0 => "ahead".to_string(),
        a if a <= 70.0 => format!("ahead, to the {side}"),
        a if a <= 110.0 => format!("to the {side}"),
        a if a <= 155.0 => format!("behind, to the {side}"),
        _ => "behind".to_string(),
    };
    Some(format!("[{loudness}, {direction}]"))
}

fn caption_the_hum(
    settings: Res<Settings>,
    chapter: Option<Res<State<Chapter>>>,
    dreamers: Query<&Dreamer>,
    doors: Query<&Door>,
    mut captions: Query<(&mut Text, &mut Visibility), With<HumCaption>>,
) {
    let heard = match (dreamers.single(), doors.single()) {
        (Ok(dreamer), Ok(door))
            if settings.subtitles && chapter.is_some_and(|c| *c.get() == Chapter::City) =>
        {
            hum_caption(dreamer.position, dreamer.yaw, door.position)
        }
        _ => None,
    };
    for (mut text, mut visibility) in &mut captions {
        match &heard {
            Some(line) => {
                if text.0 != *line {
                    text.0.clone_from(line);
                }
                *visibility = Visibility::Inherited;
            }
            None => *visibility = Visibility::Hidden,
        }
    }
}

type CaptionColumns<'w, 's> = Query<'w, 's, Entity, With<CaptionColumn>>;

/// A system captioning each `M` with `line` for `lasts` seconds.
fn caption_sound<M: Message>(
    line: &'static str,
    lasts: f32,
) -> impl FnMut(Commands, MessageReader<M>, Res<Settings>, CaptionColumns) {
    move |mut commands, mut heard, settings, columns| {
        if heard.read().count() == 0 || !settings.subtitles {
            return;
        }
        for column in &columns {
            commands.entity(column).with_child((
                SoundCaption { age: 0.0, lasts },
                caption_line(line, DIM, &settings),
            ));
        }
    }
}

fn fade_sound_captions(
    mut commands: Commands,
    time: Res<Time>,
    settings: Res<Settings>,
    mut captions: Query<(
        Entity,
        &mut SoundCaption,
        &mut TextColor,
        &mut BackgroundColor,
    )>,
) {
    for (entity, mut caption, mut color, mut panel) in &mut captions {
        caption.age += time.delta_secs();
        let t = caption.age / caption.lasts;
        // Shown the moment the sound plays, as a caption should be; it fades as it ends.
        let alpha = ((1.0 - t) * 4.0).clamp(0.0, 1.0);
        color.0 = DIM.with_alpha(DIM.alpha() * alpha);
        panel.0 = backing(&settings)
            .0
            .with_alpha(settings.subtitle_background * alpha);
        if t >= 1.0 {
            commands.entity(entity).despawn();
        }
    }
}
