//! Notices about the player's files — a broken one set aside, one recovered, a value brought
//! into range, a save that failed — shown for a while in the top left corner, clear of the menus, over
//! whatever is showing, wrapped to fit; a few at a time, the rest waiting their turn.

use bevy::prelude::*;

use crate::saving::Notices;
use crate::view::screens::palette::layer;
use crate::view::screens::ui::label;

/// How long a notice stays, seconds (a long message needs the time to be read).
const SHOWN_FOR: f32 = 12.0;
/// The most notices on screen at once; more wait until one fades.
const AT_ONCE: usize = 3;

pub fn plugin(app: &mut App) {
    app.init_resource::<Notices>()
        .add_systems(Startup, spawn_board)
        .add_systems(Update, (post_notices, fade_notices).chain());
}

/// Where notices stack.
#[derive(Component)]
struct Board;

#[derive(Component)]
struct Notice {
    age: f32,
}

fn spawn_board(mut commands: Commands) {
    commands.spawn((
        Name::new("Notices"),
        Board,
        Node {
            position_type: PositionType::Absolute,
            top: px(12),
            left: px(12),
            width: percent(30),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Stretch,
            row_gap: px(6),
            ..default()
        },
        layer::NOTICES,
    ));
}

fn post_notices(
    mut commands: Commands,
    mut notices: ResMut<Notices>,
    boards: Query<Entity, With<Board>>,
    shown: Query<(), With<Notice>>,
) {
    if notices.pending.is_empty() {
        return;
    }
    let Ok(board) = boards.single() else {
        return;
    };
    let room = AT_ONCE.saturating_sub(shown.iter().count());
    let now = room.min(notices.pending.len());
    for notice in notices.pending.drain(..now) {
        commands.entity(board).with_child((
            Notice { age: 0.0 },
            Node {
                padding: UiRect::axes(px(14), px(6)),
                border_radius: BorderRadius::all(px(8)),
                max_width: percent(100),
                ..default()
            },
            BackgroundColor(Color::srgba(0.25, 0.06, 0.08, 0.85)),
            children![label(notice, 15.0, Color::srgb(1.0, 0.9, 0.85))],
        ));
    }
}

fn fade_notices(
    mut commands: Commands,
    time: Res<Time<Real>>,
    mut shown: Query<(Entity, &mut Notice, &mut BackgroundColor, &Children)>,
    mut texts: Query<&mut TextColor>,
) {
    for (entity, mut notice, mut background, children) in &mut shown {
        notice.age += time.delta_secs();
        let fade = ((SHOWN_FOR - notice.age) / 1.5).clamp(0.0, 1.0);
        background.0.set_alpha(0.85 * fade);
        for child in children.iter() {
            if let Ok(mut color) = texts.get_mut(child) {
                color.0.set_alpha(fade);
            }
        }
        if notice.age >= SHOWN_FOR {
            commands.entity(entity).despawn();
        }
    }
}
