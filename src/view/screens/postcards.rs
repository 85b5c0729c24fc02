//! Taking a dream postcard: the Postcard button hides the HUD for a frame, captures the
//! window, and keeps the picture in the data folder with where and when it was taken; a
//! quiet "Postcard kept" answers. Beginning a dream at a postcard's place.

use std::time::{SystemTime, UNIX_EPOCH};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};

use crate::core::controls::Action;
use crate::core::flow::{AppState, BeginDream, Chapter, DreamClock, Pause};
use crate::core::rng::DreamRng;
use crate::core::settings::Settings;
use crate::dream::walking::{Dreamer, Place, StartAt};
use crate::saving::postcards::{POSTCARD_VERSION, PostcardInfo, postcards_dir, save_postcard};
use crate::saving::progress::SavedChapter;
use crate::saving::{Notices, data_dir};
use crate::view::controls::Buttons;
use crate::view::screens::palette::{TEXT, layer};
use crate::view::screens::ui::label;

/// How long "Postcard kept" stays, seconds.
const KEPT_FOR: f32 = 2.5;

/// A postcard being taken: the HUD hidden (each node's visibility before kept to restore it),
/// and the frame to capture.
#[derive(Resource, Debug)]
struct TakingPostcard {
    hidden: Vec<(Entity, Visibility)>,
    info: PostcardInfo,
    frames_hidden: u32,
    requested: bool,
}

/// The top-level pieces of the interface (hiding them hides all of it).
type InterfaceRoots = (With<Node>, Without<ChildOf>);

/// The caption that answers a postcard, and when it goes.
#[derive(Component, Debug)]
struct PostcardKept(f32);

pub fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            take_postcard.run_if(in_state(Pause::Running)),
            capture_postcard.run_if(resource_exists::<TakingPostcard>),
            fade_caption,
        )
            .chain()
            .run_if(in_state(AppState::Playing)),
    );
}

/// Where and when: the dreamer's place and heading, the dream's seed and time, now.
pub fn describe(dreamer: &Dreamer, chapter: Chapter, seed: u64, dream_ticks: u64) -> PostcardInfo {
    PostcardInfo {
        version: POSTCARD_VERSION,
        chapter: SavedChapter::of(chapter),
        position: dreamer.position.to_array(),
        heading_degrees: dreamer.yaw.to_degrees(),
        seed,
        dream_ticks,
        taken_at: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs()),
        game_version: crate::core::GAME_VERSION.to_string(),
    }
}

/// Begins a dream where a postcard was taken: the same seed, the same chapter, standing at
/// its place facing its way (the chapter's start when the place is not one to stand on).
pub fn begin_at(
    postcard: &PostcardInfo,
    rng: &mut DreamRng,
    start_at: &mut StartAt,
    begin: &mut MessageWriter<BeginDream>,
) {
    let chapter = postcard.chapter.chapter();
    rng.seed_next_dream(postcard.seed);
    start_at.0 = Some(Place {
        chapter,
        position: Vec2::from_array(postcard.position),
        yaw: postcard.heading_degrees.to_radians(),
    });
    begin.write(BeginDream { chapter });
}

#[expect(
    clippy::too_many_arguments,
    reason = "a postcard reads the dreamer, the dream and every visible node"
)]
fn take_postcard(
    mut commands: Commands,
    buttons: Buttons,
    settings: Res<Settings>,
    taking: Option<Res<TakingPostcard>>,
    chapter: Res<State<Chapter>>,
    clock: Res<DreamClock>,
    rng: Res<DreamRng>,
    dreamers: Query<&Dreamer>,
    mut roots: Query<(Entity, &mut Visibility), InterfaceRoots>,
) {
    if taking.is_some() || !buttons.just_pressed(&settings.controls, Action::Postcard) {
        return;
    }
    let Ok(dreamer) = dreamers.single() else {
        return;
    };
    // The frame without the HUD: every top-level piece of the interface hidden for it.
    let hidden = roots
        .iter_mut()
        .map(|(entity, mut visibility)| {
            let before = *visibility;
            *visibility = Visibility::Hidden;
            (entity, before)
        })
        .collect();
    commands.insert_resource(TakingPostcard {
        hidden,
        info: describe(dreamer, *chapter.get(), rng.seed(), clock.tick),
        frames_hidden: 0,
        requested: false,
    });
}

/// One frame after the HUD hides, the window is captured; the picture is kept and the HUD
/// comes back.
fn capture_postcard(mut commands: Commands, mut taking: ResMut<TakingPostcard>) {
    taking.frames_hidden += 1;
    if taking.requested || taking.frames_hidden < 2 {
        return;
    }
    taking.requested = true;
    commands.spawn(Screenshot::primary_window()).observe(
        |captured: On<ScreenshotCaptured>,
         mut commands: Commands,
         taking: Option<Res<TakingPostcard>>,
         mut visibilities: Query<&mut Visibility>,
         mut notices: ResMut<Notices>| {
            let Some(taking) = taking else {
                return;
            };
            for (entity, before) in &taking.hidden {
                if let Ok(mut visibility) = visibilities.get_mut(*entity) {
                    *visibility = *before;
                }
            }
            match keep(&captured.image, &taking.info) {
                Ok(picture) => {
                    info!("postcard kept: {}", picture.display());
                    commands.spawn((
                        PostcardKept(KEPT_FOR),
                        Node {
                            position_type: PositionType::Absolute,
                            right: px(28),
                            bottom: px(24),
                            ..default()
                        },
                        layer::RESULTS,
                        DespawnOnExit(AppState::Playing),
                        children![label("Postcard kept", 20.0, TEXT)],
                    ));
                }
                Err(problem) => notices.tell(format!("the postcard was not kept: {problem}")),
            }
            commands.remove_resource::<TakingPostcard>();
        },
    );
}

/// Encodes the frame as PNG and saves it with its description.
fn keep(image: &Image, info: &PostcardInfo) -> Result<std::path::PathBuf, String> {
    let rgb = image
        .clone()
        .try_into_dynamic()
        .map_err(|error| format!("the frame could not be read: {error}"))?
        .to_rgb8();
    let mut png = std::io::Cursor::new(Vec::new());
    rgb.write_to(&mut png, image::ImageFormat::Png)
        .map_err(|error| format!("the picture could not be encoded: {error}"))?;
    save_postcard(&postcards_dir(&data_dir()), info, png.get_ref())
}

fn fade_caption(
    mut commands: Commands,
    time: Res<Time<Real>>,
    mut captions: Query<(Entity, &mut PostcardKept)>,
) {
    for (entity, mut kept) in &mut captions {
        kept.0 -= time.delta_secs();
        if kept.0 <= 0.0 {
            commands.entity(entity).despawn();
        }
    }
}
