//! The trees grown from planted worries, as the player sees them: each worry cracks open and
//! a young tree rises out of it, roots tangling, leaves and blossoms opening, softly lit; grown,
//! it sways in the garden's breeze (its murmur is in `sound.rs`).

use bevy::prelude::*;

use crate::core::flow::Chapter;
use crate::core::settings::Settings;
use crate::dream::lotus::WorryTree;
use crate::view::world::materials::{Sway, SwayMaterial};
use crate::view::world::motion::tree_sway;
use crate::view::world::shapes;

pub fn plugin(app: &mut App) {
    app.init_resource::<WorryStone>()
        .add_observer(draw_tree)
        .add_systems(Update, grow_trees.run_if(in_state(Chapter::Garden)))
        .add_systems(
            Update,
            keep_trees_swaying.run_if(resource_changed::<Settings>),
        );
}

/// Marks a tree that should show fully grown at once (screenshots, scene skips).
#[derive(Component)]
pub(crate) struct FullyGrown;

/// Marks a tree shown as it is this many seconds after its worry was planted, held there (a
/// screenshot of one still growing).
#[derive(Component)]
pub(crate) struct GrownFor(pub f32);

/// A tree's growth from its cracked worry, 0..1.
#[derive(Component)]
struct Growth {
    age: f32,
}

const GROWTH_SECONDS: f32 = 4.5;

fn draw_tree(
    added: On<Add, WorryTree>,
    trees: Query<&WorryTree>,
    mut commands: Commands,
    settings: Res<Settings>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut sways: ResMut<Assets<SwayMaterial>>,
    worry: Res<WorryStone>,
) {
    let Ok(tree) = trees.get(added.entity) else {
        return;
    };
    let (bend, rate) = tree_sway(settings.reduced_motion);
    let material = sways.add(SwayMaterial {
        base: StandardMaterial {
            base_color: Color::WHITE,
            emissive: LinearRgba::rgb(0.03, 0.05, 0.03),
            perceptual_roughness: 0.7,
            double_sided: true,
            cull_mode: None,
            ..default()
        },
        extension: Sway {
            params: Vec4::new(bend, rate, 0.0, 0.0),
        },
    });
    commands.entity(added.entity).insert((
        Transform::from_xyz(tree.position.x, 0.0, tree.position.y)
            .with_rotation(Quat::from_rotation_y(tree.index as f32 * 1.7)),
        Visibility::default(),
        Growth { age: 0.0 },
        children![
            (
                Mesh3d(meshes.add(shapes::plants::young_tree(tree.index + 1).into_mesh())),
                MeshMaterial3d(material.clone()),
                Transform::from_scale(Vec3::splat(0.01)),
                TreeBody,
                TreeLook(material),
            ),
            // A soft glow among the leaves.
            (
                PointLight {
                    color: Color::srgb(1.0, 0.85, 0.9),
                    intensity: 9_000.0,
                    range: 6.0,
                    ..default()
                },
                Transform::from_xyz(0.0, 2.2, 0.0),
            ),
        ],
    ));
    // The worry, cracking open into two halves.
    for (side, (outside, inside)) in [-1.0, 1.0].into_iter().zip(worry.halves.clone()) {
        commands.entity(added.entity).with_child((
            Transform::from_xyz(side * 0.01, 0.2, 0.0),
            Visibility::default(),
            WorryHalf(side),
            children![
                (Mesh3d(outside), MeshMaterial3d(worry.stone.clone())),
                (Mesh3d(inside), MeshMaterial3d(worry.light_within.clone())),
            ],
        ));
    }
}

/// A worry's stone, cracked open like a geode, made once for every tree: grey stone without
/// (the pebbles the HUD carried), and within, the light the tree grew from.
#[derive(Resource)]
struct WorryStone {
    stone: Handle<StandardMaterial>,
    light_within: Handle<StandardMaterial>,
    /// Each half's outside and inside, the −x half first.
    halves: [(Handle<Mesh>, Handle<Mesh>); 2],
}

impl FromWorld for WorryStone {
    fn from_world(world: &mut World) -> Self {
        let mut meshes = world.resource_mut::<Assets<Mesh>>();
        let mut half = |side: f32| {
            let (outside, inside) = shapes::plants::worry_half(0.3, side);
            (
                meshes.add(outside.into_mesh()),
                meshes.add(inside.into_mesh()),
            )
        };
        let halves = [half(-1.0), half(1.0)];
        let mut materials = world.resource_mut::<Assets<StandardMaterial>>();
        Self {
            stone: materials.add(StandardMaterial {
                base_color: Color::srgb(0.3, 0.28, 0.33),
                perceptual_roughness: 0.85,
                double_sided: true,
                cull_mode: None,
                ..default()
            }),
            light_within: materials.add(StandardMaterial {
                base_color: Color::srgb(1.0, 0.85, 0.95),
                emissive: LinearRgba::rgb(2.2, 1.4, 2.6),
                double_sided: true,
                cull_mode: None,
                ..default()
            }),
            halves,
        }
    }
}

#[derive(Component)]
struct TreeBody;

/// A tree's swaying material, so a change of the motion setting reaches it.
#[derive(Component)]
struct TreeLook(Handle<SwayMaterial>);

/// The motion setting reaches grown trees at once.
fn keep_trees_swaying(
    settings: Res<Settings>,
    looks: Query<&TreeLook>,
    mut sways: ResMut<Assets<SwayMaterial>>,
) {
    let (bend, rate) = tree_sway(settings.reduced_motion);
    for look in &looks {
        if let Some(mut sway) = sways.get_mut(&look.0) {
            sway.extension.params.x = bend;
            sway.extension.params.y = rate;
        }
    }
}

#[derive(Component)]
struct WorryHalf(f32);

fn grow_trees(
    time: Res<Time>,
    settings: Res<Settings>,
    mut trees: Query<(&mut Growth, &Children, Has<FullyGrown>, Option<&GrownFor>)>,
    mut bodies: Query<&mut Transform, (With<TreeBody>, Without<WorryHalf>)>,
    mut halves: Query<(&WorryHalf, &mut Transform), Without<TreeBody>>,
) {
    for (mut growth, children, fully_grown, held_at) in &mut trees {
        if growth.age >= GROWTH_SECONDS + 1.0 {
            continue;
        }
        growth.age = match held_at {
            _ if fully_grown || settings.reduced_motion => GROWTH_SECONDS + 1.0,
            Some(held_at) => held_at.0,
            None => growth.age + time.delta_secs(),
        };
        // First the worry cracks open, then roots and trunk rise out of it.
        let crack = (growth.age / 1.0).clamp(0.0, 1.0);
        let rise = ((growth.age - 0.6) / GROWTH_SECONDS).clamp(0.0, 1.0);
        let eased = 1.0 - (1.0 - rise).powi(3);
        for child in children.iter() {
            if let Ok(mut body) = bodies.get_mut(child) {
                body.scale = Vec3::splat(eased.max(0.01));
            }
            if let Ok((half, mut transform)) = halves.get_mut(child) {
                // The cracked shell stays, lying open among the roots: where the tree came from.
                transform.translation =
                    Vec3::new(half.0 * (0.01 + 0.45 * crack), 0.2 - 0.06 * rise, 0.0);
                transform.rotation = Quat::from_rotation_z(-half.0 * crack * 1.2);
            }
        }
    }
}
