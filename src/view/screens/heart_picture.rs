//! The stained-glass heart on the HUD: the window's picture, its panes filled one by one as
//! fragments are gathered, and the words above it that say what fills it.

use bevy::prelude::*;

use crate::core::flow::{AppState, Chapter};
use crate::dream::lotus::River;
use crate::dream::river::{FragmentPlan, Heart};
use crate::view::screens::hud::hud_caption;
use crate::view::world::heart::window_for;
use crate::view::world::scene::PANE_COLORS;
use crate::view::world::shapes;

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Chapter::Garden), draw_heart_hud)
        .add_systems(
            Update,
            (
                fill_panes.run_if(resource_changed::<Heart>),
                name_the_memories,
            )
                .run_if(in_state(Chapter::Garden)),
        );
}

/// The heart on the HUD: the window's picture, redrawn as panes fill.
#[derive(Component)]
struct HudHeart;

/// How wide (pixels) the HUD's heart is drawn.
const HUD_HEART_WIDTH: u32 = 150;

fn draw_heart_hud(
    mut commands: Commands,
    mut images: ResMut<Assets<Image>>,
    plan: Res<FragmentPlan>,
    heart: Res<Heart>,
) {
    let window = window_for(plan.0.len());
    let image = shapes::glass::heart_image(&window, &PANE_COLORS, &heart.panes, HUD_HEART_WIDTH);
    commands.spawn((
        Name::new("Stained-glass heart"),
        HudHeart,
        ImageNode::new(images.add(image)),
        Node {
            position_type: PositionType::Absolute,
            right: px(36),
            bottom: px(36),
            width: px(HUD_HEART_WIDTH as f32),
            height: px((HUD_HEART_WIDTH * 9 / 10) as f32),
            ..default()
        },
        DespawnOnExit(AppState::Playing),
        children![(
            // Above the heart, its right edge with the heart's.
            Node {
                position_type: PositionType::Absolute,
                right: px(0),
                bottom: percent(100),
                ..default()
            },
            children![(MemoryCaption, hud_caption(), Visibility::Hidden)],
        )],
    ));
}

/// The words above the heart, so a player knows what fills it.
#[derive(Component)]
struct MemoryCaption;

/// What the words above the heart say: once the river wakes, what its glints are and where
/// they go; nothing before, or once the heart is whole.
pub fn memories_caption(river_awake: bool, panes: &[bool]) -> Option<&'static str> {
    let left = panes.iter().filter(|filled| !**filled).count();
    match (river_awake, left) {
        (false, _) | (_, 0) => None,
        (true, 1) => Some("one memory left in the river"),
        (true, _) => Some("memories to gather from the river"),
    }
}

fn name_the_memories(
    river: Res<River>,
    heart: Res<Heart>,
    mut captions: Query<(&mut Text, &mut Visibility), With<MemoryCaption>>,
) {
    let line = memories_caption(river.awake, &heart.panes);
    for (mut text, mut visibility) in &mut captions {
        let shown = if line.is_some() {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        };
        visibility.set_if_neq(shown);
        if let Some(line) = line
            && text.0 != line
        {
            text.0 = line.to_string();
        }
    }
}

fn fill_panes(
    heart: Res<Heart>,
    mut images: ResMut<Assets<Image>>,
    mut huds: Query<&mut ImageNode, With<HudHeart>>,
) {
    let window = window_for(heart.panes.len());
    for mut node in &mut huds {
        node.image = images.add(shapes::glass::heart_image(
            &window,
            &PANE_COLORS,
            &heart.panes,
            HUD_HEART_WIDTH,
        ));
    }
}
