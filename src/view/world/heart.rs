//! The stained-glass heart in the world: assembling before the dreamer when the last fragment
//! is found, its panes flying into the window, its light on the garden (the HUD's picture of
//! it is a screen, `screens::heart_picture`).

use std::f32::consts::FRAC_PI_2;

use bevy::prelude::*;

use crate::core::flow::Chapter;
use crate::dream::ending::{Ending, Scene};
use crate::dream::river::{Heart, HeartAssembled, SHARDS};
use crate::dream::walking::{Dreamer, EYE_HEIGHT, forward};
use crate::view::world::materials::{GlassMaterial, LeadCame, stained_glass};
use crate::view::world::motion::{Ambient, heart_flight};
use crate::view::world::scene::{PANE_COLORS, pane_color};
use crate::view::world::shapes;
use crate::view::world::shapes::glass::WindowPane;

pub fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            assemble_heart.run_if(on_message::<HeartAssembled>),
            fly_heart_pieces,
            light_the_window,
        )
            .run_if(in_state(Chapter::Garden)),
    );
}

/// The window in the world, once the heart assembles.
#[derive(Component)]
struct HeartWindow;

/// A pane of the heart flying to its place in the window (in the window's own space).
#[derive(Component)]
struct HeartPiece {
    from: Vec3,
}

/// A pane's glass, brightening once the window is whole.
#[derive(Component)]
struct PaneGlass(Handle<GlassMaterial>);

/// The heart's light on the garden.
#[derive(Component)]
struct HeartLight;

/// The window's design for this dream's fragments.
pub(crate) fn window_for(panes: usize) -> Vec<WindowPane> {
    let shards: Vec<_> = (0..panes).map(|i| SHARDS[i % SHARDS.len()]).collect();
    shapes::glass::heart_window(&shards)
}

/// Where the heart hangs before the dreamer's eyes.
fn heart_place(dreamer: &Dreamer) -> Vec3 {
    let ahead = dreamer.position + forward(dreamer.yaw) * 3.4;
    // A little above the eyes: it hangs clear of the words spoken beneath it.
    Vec3::new(ahead.x, EYE_HEIGHT + 0.6, ahead.y)
}

/// The heart's colours cast on the ground by the moonlight through it.
#[derive(Component)]
struct HeartLightPool(Handle<StandardMaterial>);

/// The window's size in the world: its design is about two units across.
const WINDOW_SCALE: f32 = 0.8;

#[expect(
    clippy::too_many_arguments,
    reason = "the window is made of glass, lead, its light and its picture at once"
)]
fn assemble_heart(
    mut commands: Commands,
    dreamers: Query<&Dreamer>,
    heart: Res<Heart>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut glass: ResMut<Assets<GlassMaterial>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut images: ResMut<Assets<Image>>,
    lead: Res<LeadCame>,
) {
    let Ok(dreamer) = dreamers.single() else {
        return;
    };
    let window = window_for(heart.panes.len());
    let root = commands
        .spawn((
            Name::new("The stained-glass heart"),
            HeartWindow,
            Transform::from_translation(heart_place(dreamer))
                .with_rotation(Quat::from_rotation_y(dreamer.yaw))
                .with_scale(Vec3::splat(WINDOW_SCALE)),
            Visibility::default(),
            DespawnOnExit(Chapter::Garden),
            children![(
                Name::new("Lead came"),
                Mesh3d(meshes.add(shapes::glass::window_lead(&window, 0.045, 0.012).into_mesh())),
                MeshMaterial3d(lead.0.clone()),
                bevy::light::NotShadowCaster,
            )],
        ))
        .id();
    for (place, pane) in window.iter().enumerate() {
        // Each pane comes from its own side of the garden, then settles in the lead.
        let spin = place as f32 * 2.39;
        let from = Vec3::new(
            spin.cos() * 4.5,
            -1.5 + (place % 3) as f32 * 1.2,
            2.5 + spin.sin() * 3.0,
        );
        let color = pane_color(pane.fragment as u32);
        let color = if pane.emblem {
            Color::from(LinearRgba::from(color).mix(&LinearRgba::WHITE, 0.35))
        } else {
            color
        };
        let material = glass.add(stained_glass(color, 0.55, place as f32));
        commands.entity(root).with_child((
            Name::new(format!("Heart pane {place}")),
            HeartPiece { from },
            PaneGlass(material.clone()),
            Mesh3d(meshes.add(shapes::glass::window_glass(pane).into_mesh())),
            MeshMaterial3d(material),
            Transform::from_translation(from),
            bevy::light::NotShadowCaster,
        ));
    }
    // The moon behind it shines through the glass: the heart's colours fall on the flowers
    // before the dreamer, as a church window's fall on its floor.
    let pool = materials.add(StandardMaterial {
        base_color: Color::WHITE.with_alpha(0.0),
        base_color_texture: Some(images.add(shapes::glass::heart_light_image(
            &window,
            &PANE_COLORS,
            128,
        ))),
        alpha_mode: AlphaMode::Add,
        unlit: true,
        cull_mode: None,
        double_sided: true,
        ..default()
    });
    let ground = dreamer.position + forward(dreamer.yaw) * 3.0;
    commands.spawn((
        Name::new("The heart's light on the flowers"),
        HeartLightPool(pool.clone()),
        Mesh3d(meshes.add(Rectangle::new(2.6, 2.4))),
        MeshMaterial3d(pool),
        Transform::from_xyz(ground.x, 0.04, ground.y)
            .with_rotation(Quat::from_rotation_y(dreamer.yaw) * Quat::from_rotation_x(-FRAC_PI_2)),
        bevy::light::NotShadowCaster,
        bevy::light::NotShadowReceiver,
        DespawnOnExit(Chapter::Garden),
    ));
    commands.spawn((
        Name::new("The heart's glow"),
        HeartLight,
        PointLight {
            color: Color::srgb(1.0, 0.72, 0.8),
            intensity: 0.0,
            range: 18.0,
            ..default()
        },
        // Just before the glass, on the dreamer's side, so the light falls through it.
        Transform::from_translation(
            heart_place(dreamer) - forward(dreamer.yaw).extend(0.0).xzy() * 0.6,
        ),
        DespawnOnExit(Chapter::Garden),
    ));
}

/// The panes fly into the waiting lead; once the window is whole its glass brightens and its
/// light reaches the garden.
fn fly_heart_pieces(
    ending: Res<Ending>,
    ambient: Res<Ambient>,
    mut pieces: Query<(&HeartPiece, &mut Transform)>,
) {
    let t = ending.progress(Scene::Heart);
    for (piece, mut transform) in &mut pieces {
        // The flight ends at the window's own origin: each pane's mesh is drawn in place.
        transform.translation =
            heart_flight(piece.from, Vec3::ZERO, (t / 0.7).min(1.0), ambient.still);
    }
}

fn light_the_window(
    ending: Res<Ending>,
    mut glass: ResMut<Assets<GlassMaterial>>,
    panes: Query<&PaneGlass>,
    mut lights: Query<&mut PointLight, With<HeartLight>>,
    windows: Query<(), With<HeartWindow>>,
    pools: Query<&HeartLightPool>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    if windows.is_empty() {
        return;
    }
    let whole = ((ending.progress(Scene::Heart) - 0.6) / 0.4).clamp(0.0, 1.0);
    let glow = 0.55 + 0.45 * whole;
    for pane in &panes {
        if let Some(mut material) = glass.get_mut(&pane.0)
            && material.extension.params.x != glow
        {
            material.extension.params.x = glow;
        }
    }
    for mut light in &mut lights {
        light.intensity = 90_000.0 * whole;
    }
    for pool in &pools {
        if let Some(mut material) = materials.get_mut(&pool.0)
            && material.base_color.alpha() != 0.45 * whole
        {
            material.base_color.set_alpha(0.45 * whole);
        }
    }
}
