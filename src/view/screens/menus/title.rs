//! The title screen's page: its buttons (Continue and Chapters only once there is something to
//! go back to), over the title's view of the night garden (`world::title`).

use bevy::prelude::*;

use crate::core::flow::{BeginDream, Chapter};
use crate::saving::progress::Progress;
use crate::saving::title_garden::TitleGarden;
use crate::view::screens::menus::navigation::{CameFrom, Chosen, Menu, MenuFocus, open_page, quit};
use crate::view::screens::palette::{DIM, TEXT};
use crate::view::screens::ui::{button, label, page, spacer};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Menu::Title), show_title);
}

/// The title's own column of buttons.
#[derive(Component)]
pub(crate) struct TitleMenu;

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
    if crate::view::screens::menus::postcards::any_postcards() {
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
