//! The stained-glass heart as the player sees it: its panes on the HUD, filled one by one as
//! fragments are gathered, and the heart assembling in the world when the last is found.

use bevy::prelude::*;

use super::motion::{Ambient, heart_flight};
use super::shapes;
use crate::core::flow::{AppState, Chapter};
use crate::dream::ending::{Ending, Scene};
use crate::dream::river::{FragmentPlan, Heart, HeartAssembled, SHARDS};
use crate::dream::walking::{Dreamer, EYE_HEIGHT, forward};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Chapter::Garden), draw_heart_hud)
        .add_systems(
            Update,
            (
                fill_panes.run_if(resource_changed::<Heart>),
                assemble_heart.run_if(on_message::<HeartAssembled>),
                fly_heart_pieces,
            )
                .run_if(in_state(Chapter::Garden)),
        );
}

/// The stained-glass colours of the heart's panes, one per fragment.
pub const PANE_COLORS: [Color; 7] = [
    Color::srgb(0.9, 0.15, 0.25),
    Color::srgb(0.98, 0.55, 0.12),
    Color::srgb(0.98, 0.85, 0.25),
    Color::srgb(0.2, 0.8, 0.4),
    Color::srgb(0.15, 0.75, 0.8),
    Color::srgb(0.2, 0.35, 0.95),
    Color::srgb(0.65, 0.3, 0.9),
];

pub fn pane_color(index: u32) -> Color {
    PANE_COLORS[index as usize % PANE_COLORS.len()]
}

/// The heart on the HUD and its panes.
#[derive(Component)]
struct HeartPane(u32);

/// A pane of the heart flying to its place.
#[derive(Component)]
struct HeartPiece {
    from: Vec3,
    to: Vec3,
}

fn draw_heart_hud(
    mut commands: Commands,
    mut images: ResMut<Assets<Image>>,
    plan: Res<FragmentPlan>,
) {
    // Seven panes laid out as a heart: two lobes, a middle row, and the lower panes.
    const LAYOUT: [(f32, f32); 7] = [
        (-30.0, 0.0),
        (30.0, 0.0),
        (-52.0, 34.0),
        (0.0, 30.0),
        (52.0, 34.0),
        (-22.0, 64.0),
        (22.0, 64.0),
    ];
    let root = commands
        .spawn((
            Name::new("Stained-glass heart"),
            Node {
                position_type: PositionType::Absolute,
                right: px(40),
                bottom: px(40),
                width: px(150),
                height: px(130),
                ..default()
            },
            DespawnOnExit(AppState::Playing),
        ))
        .id();
    for index in 0..plan.0.len() as u32 {
        let (x, y) = LAYOUT[index as usize % LAYOUT.len()];
        let shard = SHARDS[index as usize % SHARDS.len()];
        let image = images.add(shapes::glass::shard_image(shard, pane_color(index), false));
        commands.entity(root).with_child((
            HeartPane(index),
            ImageNode::new(image),
            Node {
                position_type: PositionType::Absolute,
                left: px(51.0 + x),
                top: px(10.0 + y),
                width: px(48),
                height: px(48),
                ..default()
            },
        ));
    }
}

fn fill_panes(
    heart: Res<Heart>,
    mut images: ResMut<Assets<Image>>,
    mut panes: Query<(&HeartPane, &mut ImageNode)>,
) {
    for (pane, mut node) in &mut panes {
        let filled = heart.panes.get(pane.0 as usize).copied().unwrap_or(false);
        let shard = SHARDS[pane.0 as usize % SHARDS.len()];
        node.image = images.add(shapes::glass::shard_image(
            shard,
            pane_color(pane.0),
            filled,
        ));
    }
}

/// Where the heart hangs before the dreamer's eyes.
fn heart_place(dreamer: &Dreamer) -> Vec3 {
    let ahead = dreamer.position + forward(dreamer.yaw) * 3.2;
    Vec3::new(ahead.x, EYE_HEIGHT + 0.1, ahead.y)
}

fn assemble_heart(
    mut commands: Commands,
    dreamers: Query<&Dreamer>,
    heart: Res<Heart>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let Ok(dreamer) = dreamers.single() else {
        return;
    };
    let centre = heart_place(dreamer);
    let facing = Quat::from_rotation_y(dreamer.yaw);
    // Seven panes of a heart: two lobes, a middle row, and the lower panes toward the tip.
    const LAYOUT: [(f32, f32); 7] = [
        (-0.32, 0.3),
        (0.32, 0.3),
        (-0.55, 0.02),
        (0.0, 0.05),
        (0.55, 0.02),
        (-0.25, -0.28),
        (0.25, -0.28),
    ];
    for index in 0..heart.panes.len() as u32 {
        let (x, y) = LAYOUT[index as usize % LAYOUT.len()];
        let to = centre + facing * Vec3::new(x, y, 0.0);
        let spin = index as f32 * 0.9;
        let from = centre
            + facing
                * Vec3::new(
                    spin.cos() * 4.0,
                    -1.2 + (index % 3) as f32,
                    spin.sin() * 4.0 + 2.0,
                );
        let color = LinearRgba::from(pane_color(index));
        commands.spawn((
            Name::new(format!("Heart pane {index}")),
            HeartPiece { from, to },
            Mesh3d(
                meshes.add(
                    shapes::glass::shard_pane(
                        SHARDS[index as usize % SHARDS.len()],
                        LinearRgba::WHITE,
                    )
                    .into_mesh(),
                ),
            ),
            MeshMaterial3d(materials.add(StandardMaterial {
                base_color: Color::from(color.with_alpha(0.9)),
                emissive: color * 4.0,
                alpha_mode: AlphaMode::Blend,
                unlit: true,
                double_sided: true,
                cull_mode: None,
                ..default()
            })),
            Transform::from_translation(from)
                .with_rotation(facing)
                .with_scale(Vec3::splat(0.16)),
            bevy::light::NotShadowCaster,
            DespawnOnExit(Chapter::Garden),
        ));
    }
    commands.spawn((
        Name::new("The heart's glow"),
        PointLight {
            color: Color::srgb(1.0, 0.75, 0.85),
            intensity: 60_000.0,
            range: 12.0,
            ..default()
        },
        Transform::from_translation(centre),
        DespawnOnExit(Chapter::Garden),
    ));
}

fn fly_heart_pieces(
    ending: Res<Ending>,
    ambient: Res<Ambient>,
    mut pieces: Query<(&HeartPiece, &mut Transform)>,
) {
    let t = ending.progress(Scene::Heart);
    for (piece, mut transform) in &mut pieces {
        transform.translation = heart_flight(piece.from, piece.to, t, ambient.still);
    }
}
