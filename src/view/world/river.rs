//! The river of memories as the player sees it: the flowing water, the fragments of stained
//! glass shimmering along its banks, and the droplets that cling to the view when the dreamer
//! reaches in.

use bevy::prelude::*;

use crate::core::flow::Chapter;
use crate::core::settings::Settings;
use crate::dream::lotus::River;
use crate::dream::river::{Fragment, FragmentCollected, Shard};
use crate::level::Levels;
use crate::view::world::camera::DreamCamera;
use crate::view::world::materials::{FlowMaterial, GlassMaterial, LeadCame, stained_glass};
use crate::view::world::motion::{
    Ambient, HELD_SHARD_SECONDS, held_shard, river_rate, shard_shimmer,
};
use crate::view::world::scene::{MOON_HOME, SOFT_EARTH, pane_color};
use crate::view::world::shapes;
use crate::view::world::shapes::glass::WindowPane;

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Chapter::Garden), draw_river)
        .add_observer(draw_fragment)
        .add_systems(
            Update,
            (
                flow,
                shimmer,
                (hold_gathered_shard, turn_held_shard).chain(),
            )
                .run_if(in_state(Chapter::Garden)),
        );
}

#[derive(Resource)]
struct RiverLook {
    flow: Handle<FlowMaterial>,
}

/// A shard shimmering above the bank.
#[derive(Component)]
struct Shimmer {
    phase: f32,
}

fn draw_river(
    mut commands: Commands,
    levels: Res<Levels>,
    settings: Res<Settings>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut flows: ResMut<Assets<FlowMaterial>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let Some(water) = &levels.garden.river else {
        return;
    };
    let flow = flows.add(FlowMaterial {
        params: Vec4::new(0.0, 0.35, river_rate(settings.reduced_motion), water.width),
        moon: MOON_HOME.normalize().extend(0.0),
    });
    let path: Vec<Vec2> = water.path.iter().map(|p| p.vec()).collect();
    commands.spawn((
        Name::new("The river of memories"),
        Mesh3d(meshes.add(shapes::water::ribbon(&path, water.width, 0.01))),
        MeshMaterial3d(flow.clone()),
        bevy::light::NotShadowCaster,
        DespawnOnExit(Chapter::Garden),
    ));
    // Its banks lead down from the meadow's earth to wet mud, with reeds along them.
    let mut banks = shapes::water::banks(&path, water.width, 2.6, LinearRgba::from(SOFT_EARTH));
    banks.append(
        &shapes::water::reeds(&path, water.width, 7),
        &Transform::IDENTITY,
    );
    commands.spawn((
        Name::new("The river's banks"),
        Mesh3d(meshes.add(banks.into_mesh())),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color: Color::WHITE,
            // Earth and reeds: matt, like the ground they meet.
            perceptual_roughness: 1.0,
            reflectance: 0.1,
            double_sided: true,
            cull_mode: None,
            ..default()
        })),
        bevy::light::NotShadowCaster,
        DespawnOnExit(Chapter::Garden),
    ));
    commands.insert_resource(RiverLook { flow });
}

fn flow(
    river: Res<River>,
    settings: Res<Settings>,
    time: Res<Time>,
    look: Option<Res<RiverLook>>,
    mut flows: ResMut<Assets<FlowMaterial>>,
) {
    let Some(mut material) = look.and_then(|look| flows.get_mut(&look.flow)) else {
        return;
    };
    let target = if river.awake { 1.0 } else { 0.0 };
    let params = &mut material.params;
    params.x += (target - params.x) * (time.delta_secs() * 0.6).min(1.0);
    params.z = river_rate(settings.reduced_motion);
}

/// How high a shard hovers above the bank (metres) when it is still.
const SHARD_HEIGHT: f32 = 0.9;

fn draw_fragment(
    added: On<Add, Fragment>,
    fragments: Query<&Fragment>,
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut glass: ResMut<Assets<GlassMaterial>>,
    lead: Res<LeadCame>,
) {
    let Ok(fragment) = fragments.get(added.entity) else {
        return;
    };
    let color = pane_color(fragment.index);
    let mut shard = commands.entity(added.entity);
    shard.insert((
        Transform::from_xyz(fragment.position.x, SHARD_HEIGHT, fragment.position.y)
            .with_scale(Vec3::splat(0.42)),
        Visibility::default(),
        Shimmer {
            phase: fragment.index as f32 * 0.9,
        },
        children![(
            PointLight {
                color,
                intensity: 20_000.0,
                range: 6.0,
                ..default()
            },
            Transform::from_xyz(0.0, 0.0, 0.5),
        )],
    ));
    set_in_lead(
        &mut shard,
        fragment.index,
        fragment.shard,
        &mut meshes,
        &mut glass,
        &lead,
    );
}

/// Gives `shard` the glass and lead of fragment `index`: a piece broken from a leaded window,
/// its small pieces of glass in two tints of its colour (as a window's neighbouring pieces of
/// the same glass differ from sheet to sheet), lead round its edge and between them — a piece
/// of a window, not a gem. The glass is thin and bevelled, so faces and bevels catch the moon.
fn set_in_lead(
    shard: &mut EntityCommands,
    index: u32,
    kind: Shard,
    meshes: &mut Assets<Mesh>,
    glass: &mut Assets<GlassMaterial>,
    lead: &LeadCame,
) {
    let color = pane_color(index);
    let tints = [
        glass.add(stained_glass(color, 0.55, index as f32)),
        glass.add(stained_glass(
            Color::from(LinearRgba::from(color).mix(&LinearRgba::WHITE, 0.25)),
            0.7,
            index as f32 + 0.5,
        )),
    ];
    let pieces = shapes::glass::shard_pieces(kind);
    let panes: Vec<WindowPane> = pieces
        .iter()
        .map(|outline| WindowPane {
            fragment: index as usize,
            outline: outline.clone(),
            emblem: false,
        })
        .collect();
    shard.with_child((
        Mesh3d(meshes.add(shapes::glass::window_lead(&panes, 0.12, 0.068).into_mesh())),
        MeshMaterial3d(lead.0.clone()),
        bevy::light::NotShadowCaster,
    ));
    for (piece, outline) in pieces.iter().enumerate() {
        shard.with_child((
            Mesh3d(meshes.add(shapes::glass::bevelled_glass(outline, 0.12).into_mesh())),
            MeshMaterial3d(tints[piece % 2].clone()),
            bevy::light::NotShadowCaster,
        ));
    }
}

/// A gathered shard, held up before the dreamer's eyes while its memory is said.
#[derive(Component)]
struct HeldShard {
    age: f32,
}

/// The shard the dreamer reaches in for comes up into their hands, glowing, lit by the moon.
fn hold_gathered_shard(
    mut commands: Commands,
    mut gathered: MessageReader<FragmentCollected>,
    cameras: Query<Entity, With<DreamCamera>>,
    held: Query<Entity, With<HeldShard>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut glass: ResMut<Assets<GlassMaterial>>,
    lead: Res<LeadCame>,
) {
    for fragment in gathered.read() {
        // One memory in the hands at a time: the one before is let go.
        for earlier in &held {
            commands.entity(earlier).despawn();
        }
        for camera in &cameras {
            let mut shard = commands.spawn((
                Name::new(format!("Held shard {}", fragment.index)),
                HeldShard { age: 0.0 },
                Transform::from_translation(Vec3::new(0.0, -1.0, -0.75)).with_scale(Vec3::ZERO),
                Visibility::default(),
                ChildOf(camera),
                DespawnOnExit(Chapter::Garden),
            ));
            set_in_lead(
                &mut shard,
                fragment.index,
                fragment.shard,
                &mut meshes,
                &mut glass,
                &lead,
            );
        }
    }
}

/// The held shard turns in the hands, then floats up and away into light.
fn turn_held_shard(
    mut commands: Commands,
    time: Res<Time>,
    ambient: Res<Ambient>,
    mut held: Query<(Entity, &mut HeldShard, &mut Transform)>,
) {
    for (entity, mut shard, mut transform) in &mut held {
        shard.age += time.delta_secs();
        if shard.age >= HELD_SHARD_SECONDS {
            commands.entity(entity).despawn();
            continue;
        }
        let (place, turn, size) = held_shard(shard.age, ambient.still);
        transform.translation = place;
        // Small in the hands: a hand's breadth across.
        transform.scale = Vec3::splat(0.075 * size);
        transform.rotation = Quat::from_rotation_y(turn) * Quat::from_rotation_x(-0.25);
    }
}

/// Shards hover and rock gently, turned toward the dreamer so they show their glass, not
/// their edge.
fn shimmer(
    ambient: Res<Ambient>,
    eyes: Query<&GlobalTransform, With<DreamCamera>>,
    mut shards: Query<(&Shimmer, &mut Transform)>,
) {
    let eye = eyes.single().map(|eye| eye.translation()).ok();
    for (shimmer, mut transform) in &mut shards {
        let (lift, rock) = shard_shimmer(shimmer.phase, *ambient);
        transform.translation.y = SHARD_HEIGHT + lift;
        let toward = eye.map_or(0.0, |eye| {
            let path = eye - transform.translation;
            path.x.atan2(path.z)
        });
        transform.rotation = Quat::from_rotation_y(toward + rock) * Quat::from_rotation_x(0.3);
    }
}
