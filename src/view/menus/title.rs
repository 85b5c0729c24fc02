//! The title screen: the garden's night sky, a bloom for every finished dream, and the title's
//! buttons (Continue and Chapters only once there is something to go back to).

use bevy::prelude::*;
use rand::RngExt;

use super::{CameFrom, Chosen, Menu, MenuFocus};
use crate::core::flow::{AppState, BeginDream, Chapter};
use crate::core::rng::scenery_rng;
use crate::saving::progress::Progress;
use crate::saving::title_garden::TitleGarden;
use crate::view::camera::DreamCamera;
use crate::view::garden::spawn_stars;
use crate::view::mood::{apply_mood, indigo_night};
use crate::view::shapes;
use crate::view::ui::{DIM, TEXT, button, label, page, spacer};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(AppState::Title), title_view)
        .add_systems(OnEnter(Menu::Title), show_title);
}

/// The title's own column of buttons.
#[derive(Component)]
pub struct TitleMenu;

/// Where each of the title's buttons leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Continue,
    NewDream,
    Chapters,
    Postcards,
    Speedrun,
    Settings,
    Quit,
}

impl Entry {
    fn text(self) -> &'static str {
        match self {
            Entry::Continue => "Continue",
            Entry::NewDream => "New dream",
            Entry::Chapters => "Chapters",
            Entry::Postcards => "Postcards",
            Entry::Speedrun => "Speedrun",
            Entry::Settings => "Settings",
            Entry::Quit => "Quit",
        }
    }

    /// The page this entry opens, to put the focus back on it when the player returns.
    fn page(self) -> Option<Menu> {
        match self {
            Entry::Chapters => Some(Menu::Chapters),
            Entry::Postcards => Some(Menu::Postcards),
            Entry::Speedrun => Some(Menu::Speedrun),
            Entry::Settings => Some(Menu::Settings),
            _ => None,
        }
    }
}

/// The title's buttons: Continue and the chapters only once there is something to go back to.
fn entries(progress: Option<&Progress>) -> Vec<Entry> {
    let mut entries = Vec::new();
    if progress.is_some_and(|p| p.continue_at.is_some()) {
        entries.push(Entry::Continue);
    }
    entries.push(Entry::NewDream);
    if progress.is_some_and(|p| p.garden_reached) {
        entries.push(Entry::Chapters);
    }
    if super::postcards::any_postcards() {
        entries.push(Entry::Postcards);
    }
    entries.extend([Entry::Speedrun, Entry::Settings, Entry::Quit]);
    entries
}

fn show_title(
    mut commands: Commands,
    mut focus: ResMut<MenuFocus>,
    came_from: Res<CameFrom>,
    garden: Option<Res<TitleGarden>>,
    progress: Option<Res<Progress>>,
) {
    let entries = entries(progress.as_deref());
    // Back from a page: the focus returns to the button that opened it.
    focus.0 = entries
        .iter()
        .position(|entry| entry.page() == Some(came_from.0))
        .unwrap_or(0);
    let remembered = match garden.map_or(0, |g| g.blooms.len()) {
        0 => "I am dreaming.".to_string(),
        1 => "One bloom in your garden.".to_string(),
        n => format!("{n} blooms in your garden."),
    };
    commands
        .spawn((
            TitleMenu,
            page(14.0, Color::NONE),
            DespawnOnExit(Menu::Title),
        ))
        .with_children(|menu| {
            menu.spawn(label("Begin Again", 72.0, TEXT));
            menu.spawn(label(remembered, 24.0, DIM));
            menu.spawn(spacer(30.0));
            for (order, entry) in entries.iter().copied().enumerate() {
                let mut button = menu.spawn(button(entry.text(), order));
                match entry {
                    Entry::Continue => button.observe(continue_dream),
                    Entry::NewDream => button.observe(new_dream),
                    Entry::Chapters => button.observe(open_page(Menu::Chapters)),
                    Entry::Postcards => button.observe(open_page(Menu::Postcards)),
                    Entry::Speedrun => button.observe(open_page(Menu::Speedrun)),
                    Entry::Settings => button.observe(open_page(Menu::Settings)),
                    Entry::Quit => button.observe(quit),
                };
            }
        });
}

/// An observer that opens `page`.
pub fn open_page(page: Menu) -> impl Fn(On<Chosen>, ResMut<NextState<Menu>>) {
    move |_: On<Chosen>, mut next: ResMut<NextState<Menu>>| next.set(page)
}

fn continue_dream(
    _: On<Chosen>,
    progress: Option<Res<Progress>>,
    mut begin: MessageWriter<BeginDream>,
) {
    let chapter = progress
        .and_then(|p| p.continue_at)
        .map_or(Chapter::City, |c| c.chapter());
    begin.write(BeginDream { chapter });
}

fn new_dream(_: On<Chosen>, mut begin: MessageWriter<BeginDream>) {
    begin.write(BeginDream {
        chapter: Chapter::City,
    });
}

pub fn quit(_: On<Chosen>, mut exit: MessageWriter<AppExit>) {
    exit.write(AppExit::Success);
}

/// The title's view: the garden's night sky, looking up from the horizon, and a bloom for
/// every finished dream, placed by its seed.
fn title_view(
    mut commands: Commands,
    garden: Option<Res<TitleGarden>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut fogs: Query<&mut DistanceFog, With<DreamCamera>>,
    mut cameras: Query<&mut Transform, With<DreamCamera>>,
) {
    let scope = DespawnOnExit(AppState::Title);
    apply_mood(
        &mut commands,
        &mut meshes,
        &mut materials,
        &indigo_night(),
        &mut fogs,
        scope.clone(),
    );
    spawn_stars(&mut commands, &mut meshes, &mut materials, scope.clone());
    if let Some(garden) = garden {
        for (index, bloom) in garden.blooms.iter().take(400).enumerate() {
            let mut rng = scenery_rng(&format!("bloom {} {index}", bloom.seed));
            let at = Vec3::new(
                rng.random_range(-9.0..9.0),
                0.0,
                -rng.random_range(4.0..22.0),
            );
            let (petal, heart) = [
                (
                    LinearRgba::rgb(0.9, 0.35, 0.55),
                    LinearRgba::rgb(1.4, 1.0, 0.5),
                ),
                (
                    LinearRgba::rgb(0.6, 0.4, 1.0),
                    LinearRgba::rgb(1.2, 1.0, 0.7),
                ),
                (
                    LinearRgba::rgb(1.0, 0.7, 0.35),
                    LinearRgba::rgb(1.3, 0.6, 0.4),
                ),
            ][index % 3];
            commands.spawn((
                Mesh3d(meshes.add(shapes::plants::flower(6, 0.2, 0.5, petal, heart).into_mesh())),
                MeshMaterial3d(materials.add(StandardMaterial {
                    base_color: Color::WHITE,
                    emissive: LinearRgba::rgb(0.15, 0.1, 0.2),
                    double_sided: true,
                    cull_mode: None,
                    ..default()
                })),
                Transform::from_translation(at).with_scale(Vec3::splat(1.6)),
                scope.clone(),
            ));
        }
    }
    for mut transform in &mut cameras {
        *transform =
            Transform::from_xyz(0.0, 1.6, 0.0).looking_to(Vec3::new(0.0, 0.18, -1.0), Vec3::Y);
    }
}
