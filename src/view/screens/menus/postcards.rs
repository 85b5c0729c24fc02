//! The postcards page, from the title: the newest postcards as pictures with their chapter and
//! dream time; choosing one begins a dream there. A postcard that cannot be read is named with
//! the reason, and the page carries on.

use bevy::asset::RenderAssetUsages;
use bevy::prelude::*;

use crate::core::flow::BeginDream;
use crate::core::rng::DreamRng;
use crate::core::ticks;
use crate::dream::walking::StartAt;
use crate::saving::data_dir;
use crate::saving::postcards::{PostcardInfo, list_postcards, postcards_dir};
use crate::saving::progress::SavedChapter;
use crate::view::screens::menus::navigation::{CameFrom, Chosen, Menu, MenuFocus};
use crate::view::screens::palette::{BUTTON, DIM, TEXT};
use crate::view::screens::postcards::begin_at;
use crate::view::screens::ui::{MenuButton, label, menu_page};

/// A thumbnail's size, pixels.
const THUMBNAIL: UVec2 = UVec2::new(240, 135);
/// Thumbnails in a row.
const PER_ROW: usize = 4;

/// A thumbnail on the page, and the postcard it begins.
#[derive(Component, Debug, Clone)]
struct PostcardButton(PostcardInfo);

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Menu::Postcards), show_postcards);
}

/// Whether any postcard has been kept (the title offers the page only then).
pub(crate) fn any_postcards() -> bool {
    std::fs::read_dir(postcards_dir(&data_dir())).is_ok_and(|mut entries| {
        entries.any(|entry| {
            entry.is_ok_and(|e| e.path().extension().and_then(|x| x.to_str()) == Some("ron"))
        })
    })
}

/// A postcard's picture made small, or why it cannot be.
fn thumbnail(path: &std::path::Path) -> Result<Image, String> {
    let picture = image::ImageReader::open(path)
        .map_err(|error| format!("{}: {error}", path.display()))?
        .with_guessed_format()
        .map_err(|error| format!("{}: {error}", path.display()))?
        .decode()
        .map_err(|error| format!("{}: not a picture: {error}", path.display()))?;
    let small = picture.thumbnail_exact(THUMBNAIL.x, THUMBNAIL.y).to_rgba8();
    Ok(Image::new(
        bevy::render::render_resource::Extent3d {
            width: small.width(),
            height: small.height(),
            depth_or_array_layers: 1,
        },
        bevy::render::render_resource::TextureDimension::D2,
        small.into_raw(),
        bevy::render::render_resource::TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::RENDER_WORLD,
    ))
}

fn caption(info: &PostcardInfo) -> String {
    let chapter = match info.chapter {
        SavedChapter::City => "The Silver City",
        SavedChapter::Garden => "The Garden",
    };
    format!(
        "{chapter}, {} in · seed {}",
        ticks::format(info.dream_ticks),
        info.seed
    )
}

fn show_postcards(
    mut commands: Commands,
    mut focus: ResMut<MenuFocus>,
    came_from: Res<CameFrom>,
    mut images: ResMut<Assets<Image>>,
) {
    focus.arrive(*came_from, Menu::Postcards, 0);
    let (postcards, mut problems) = list_postcards(&postcards_dir(&data_dir()));
    let mut shown = Vec::new();
    for postcard in postcards {
        match thumbnail(&postcard.picture) {
            Ok(image) => shown.push((postcard.info, images.add(image))),
            Err(problem) => problems.push(problem),
        }
    }
    commands
        .spawn((menu_page(10.0), DespawnOnExit(Menu::Postcards)))
        .with_children(|page| {
            page.spawn(label("Postcards", 40.0, TEXT));
            page.spawn(label(
                if shown.is_empty() {
                    "No postcards yet: press P (or the pad's X) in a dream to keep one."
                } else {
                    "Choose one to dream there again."
                },
                17.0,
                DIM,
            ));
            for (row_index, row) in shown.chunks(PER_ROW).enumerate() {
                page.spawn(Node {
                    column_gap: px(12),
                    ..default()
                })
                .with_children(|line| {
                    for (column, (info, image)) in row.iter().enumerate() {
                        line.spawn((
                            Button,
                            MenuButton {
                                order: row_index * PER_ROW + column,
                            },
                            PostcardButton(info.clone()),
                            Node {
                                flex_direction: FlexDirection::Column,
                                align_items: AlignItems::Center,
                                padding: UiRect::all(px(5)),
                                row_gap: px(3),
                                border_radius: BorderRadius::all(px(6)),
                                ..default()
                            },
                            BackgroundColor(BUTTON),
                        ))
                        .with_children(|card| {
                            card.spawn((
                                ImageNode::new(image.clone()),
                                Node {
                                    width: px(THUMBNAIL.x),
                                    height: px(THUMBNAIL.y),
                                    ..default()
                                },
                            ));
                            card.spawn(label(caption(info), 14.0, TEXT));
                        })
                        .observe(dream_there);
                    }
                });
            }
            for problem in &problems {
                page.spawn(label(problem.clone(), 14.0, DIM));
            }
            page.spawn((
                crate::view::screens::ui::small_button("Back", shown.len()),
                crate::view::screens::menus::navigation::BackButton,
            ))
            .observe(crate::view::screens::menus::navigation::open_page(
                Menu::Title,
            ));
        });
}

fn dream_there(
    chosen: On<Chosen>,
    cards: Query<&PostcardButton>,
    mut rng: ResMut<DreamRng>,
    mut start_at: ResMut<StartAt>,
    mut begin: MessageWriter<BeginDream>,
) {
    if let Ok(card) = cards.get(chosen.entity) {
        begin_at(&card.0, &mut rng, &mut start_at, &mut begin);
    }
}
