//! The chapter select: begin a dream at the Silver City, or at the Garden once it has been
//! reached.

use bevy::prelude::*;

use crate::core::flow::{BeginDream, Chapter};
use crate::saving::progress::Progress;
use crate::view::screens::menus::navigation::open_page;
use crate::view::screens::menus::navigation::{Chosen, Menu, MenuFocus};
use crate::view::screens::palette::TEXT;
use crate::view::screens::ui::{button, label, menu_page};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Menu::Chapters), show_chapters);
}

fn show_chapters(
    mut commands: Commands,
    mut focus: ResMut<MenuFocus>,
    progress: Option<Res<Progress>>,
) {
    focus.0 = 0;
    let garden = progress.is_some_and(|p| p.garden_reached);
    commands
        .spawn((menu_page(14.0), DespawnOnExit(Menu::Chapters)))
        .with_children(|page| {
            page.spawn(label("Chapters", 54.0, TEXT));
            let mut order = 0;
            page.spawn(button("The Silver City", order))
                .observe(begin_at(Chapter::City));
            if garden {
                order += 1;
                page.spawn(button("The Garden", order))
                    .observe(begin_at(Chapter::Garden));
            }
            page.spawn((
                button("Back", order + 1),
                crate::view::screens::menus::navigation::BackButton,
            ))
            .observe(open_page(Menu::Title));
        });
}

fn begin_at(chapter: Chapter) -> impl Fn(On<Chosen>, MessageWriter<BeginDream>) {
    move |_: On<Chosen>, mut begin: MessageWriter<BeginDream>| {
        begin.write(BeginDream { chapter });
    }
}
