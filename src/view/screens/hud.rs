//! The quiet HUD: the worries the dreamer carries, shown as small dark stones at the foot of
//! the view; nothing else unless asked for.

use bevy::prelude::*;

use crate::core::flow::{AppState, Chapter};
use crate::dream::darkening::Worries;
use crate::dream::lotus::Kneeling;
use crate::view::screens::palette::DIM;
use crate::view::screens::palette::{WORRY_STONE, WORRY_STONE_EDGE};
use crate::view::screens::ui::label;

#[derive(Component)]
struct WorryRow;

/// One stone; it fades in when a worry clings.
#[derive(Component)]
struct WorryStone {
    age: f32,
}

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(AppState::Playing), spawn_hud)
        .add_systems(
            Update,
            (show_worries, name_the_worries, settle_stones, show_planting)
                .run_if(in_state(AppState::Playing)),
        );
}

/// The thin line that fills while a worry is being planted.
#[derive(Component)]
struct PlantingFill;

fn spawn_hud(mut commands: Commands) {
    commands.spawn((
        Name::new("Planting"),
        Node {
            position_type: PositionType::Absolute,
            bottom: px(30),
            left: percent(40),
            width: percent(20),
            height: px(4),
            border_radius: BorderRadius::all(px(2)),
            ..default()
        },
        BackgroundColor(Color::srgba(1.0, 1.0, 1.0, 0.0)),
        DespawnOnExit(AppState::Playing),
        children![(
            PlantingFill,
            Node {
                width: percent(0),
                height: percent(100),
                border_radius: BorderRadius::all(px(2)),
                ..default()
            },
            BackgroundColor(Color::srgba(1.0, 0.85, 0.95, 0.8)),
        )],
    ));
    commands.spawn((
        Name::new("Worries"),
        WorryRow,
        Node {
            position_type: PositionType::Absolute,
            left: px(28),
            bottom: px(24),
            column_gap: px(10),
            align_items: AlignItems::Center,
            ..default()
        },
        DespawnOnExit(AppState::Playing),
        children![(WorryCaption, hud_caption(), Visibility::Hidden)],
    ));
}

/// Small words on the HUD naming what it shows, shadowed so they read over a bright flower.
pub(crate) fn hud_caption() -> impl Bundle {
    (
        label("", 15.0, DIM),
        TextShadow {
            offset: Vec2::splat(1.5),
            color: Color::srgba(0.02, 0.01, 0.05, 0.9),
        },
    )
}

/// The words beside the stones, so a player knows what they are.
#[derive(Component)]
struct WorryCaption;

/// Names the stones while any are carried: worries, and in the garden where they go.
fn name_the_worries(
    worries: Res<Worries>,
    chapter: Option<Res<State<Chapter>>>,
    mut captions: Query<(&mut Text, &mut Visibility), With<WorryCaption>>,
) {
    let carried = worries.carried.saturating_sub(worries.planted);
    let in_garden = chapter.is_some_and(|c| *c.get() == Chapter::Garden);
    for (mut text, mut visibility) in &mut captions {
        let line = match (carried, in_garden) {
            (0, _) => None,
            (1, false) => Some("a worry clings"),
            (_, false) => Some("worries cling"),
            (_, true) => Some("worries to plant by the lotus"),
        };
        *visibility = if line.is_some() {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        };
        if let Some(line) = line
            && text.0 != line
        {
            text.0 = line.to_string();
        }
    }
}

fn show_worries(
    mut commands: Commands,
    worries: Res<Worries>,
    rows: Query<Entity, With<WorryRow>>,
    stones: Query<Entity, With<WorryStone>>,
) {
    let carried = worries.carried.saturating_sub(worries.planted) as usize;
    let shown = stones.iter().count();
    if carried == shown {
        return;
    }
    let Ok(row) = rows.single() else {
        return;
    };
    if carried < shown {
        for stone in stones.iter().skip(carried) {
            commands.entity(stone).despawn();
        }
        return;
    }
    for index in shown..carried {
        // Each stone a slightly different size and shape: pebbles, not icons.
        let size = 16.0 + (index % 3) as f32 * 3.0;
        commands.entity(row).with_child((
            WorryStone { age: 0.0 },
            Node {
                width: px(size * 1.25),
                height: px(size),
                border: UiRect::all(px(1.5)),
                border_radius: BorderRadius::all(px(size * 0.5)),
                ..default()
            },
            BackgroundColor(WORRY_STONE.with_alpha(0.0)),
            BorderColor::all(WORRY_STONE_EDGE.with_alpha(0.0)),
        ));
    }
}

fn settle_stones(
    time: Res<Time>,
    mut stones: Query<(&mut WorryStone, &mut BackgroundColor, &mut BorderColor)>,
) {
    for (mut stone, mut background, mut border) in &mut stones {
        if stone.age >= 1.0 {
            continue;
        }
        stone.age = (stone.age + time.delta_secs() / 1.2).min(1.0);
        background.0 = WORRY_STONE.with_alpha(WORRY_STONE.alpha() * stone.age);
        *border =
            BorderColor::all(WORRY_STONE_EDGE.with_alpha(WORRY_STONE_EDGE.alpha() * stone.age));
    }
}

fn show_planting(
    kneeling: Res<Kneeling>,
    mut fills: Query<(&mut Node, &ChildOf), With<PlantingFill>>,
    mut tracks: Query<&mut BackgroundColor, Without<PlantingFill>>,
) {
    if !kneeling.is_changed() {
        return;
    }
    for (mut node, parent) in &mut fills {
        node.width = percent(kneeling.progress() * 100.0);
        if let Ok(mut track) = tracks.get_mut(parent.parent()) {
            track.0 = Color::srgba(1.0, 1.0, 1.0, if kneeling.kneeling { 0.15 } else { 0.0 });
        }
    }
}
