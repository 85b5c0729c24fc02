//! The river of memories as the player sees it: the flowing water, the fragments of stained
//! glass shimmering along its banks, and the droplets that cling to the view when the dreamer
//! reaches in.

use bevy::prelude::*;

use super::camera::DreamCamera;
use super::ending::MOON_HOME;
use super::garden::SOFT_EARTH;
use super::heart::pane_color;
use super::materials::{FlowMaterial, GlassMaterial, LeadCame, stained_glass};
use super::motion::{
    Ambient, HELD_SHARD_SECONDS, droplets_cling, held_shard, river_rate, shard_shimmer,
};
use super::shapes;
use super::shapes::glass::WindowPane;
use crate::core::flow::{AppState, Chapter};
use crate::core::settings::Settings;
use crate::dream::lotus::River;
use crate::dream::river::{Fragment, FragmentCollected, ReachedIn, Shard};
use crate::level::Levels;

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Chapter::Garden), draw_river)
        .add_observer(draw_fragment)
        .add_systems(
            Update,
            (
                flow,
                shimmer,
                cling_droplets.run_if(on_message::<ReachedIn>),
                run_droplets,
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

/// One droplet clinging to the view.
#[derive(Component)]
struct Droplet {
    age: f32,
    fall: f32,
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

fn cling_droplets(mut commands: Commands, settings: Res<Settings>, time: Res<Time>) {
    if !droplets_cling(settings.reduced_motion) {
        return;
    }
    // Cool, clean droplets bead at the edges of the view, then slide away.
    let seed = time.elapsed_secs();
    for i in 0..16 {
        let k = i as f32 + seed * 7.3;
        let x = (k * 12.9898).sin().abs() * 100.0;
        let edge = (k * 78.233).sin().abs();
        let y = if i % 2 == 0 {
            edge * 25.0
        } else {
            75.0 + edge * 20.0
        };
        let size = 10.0 + (k * 3.7).sin().abs() * 22.0;
        commands.spawn((
            Droplet {
                age: 0.0,
                fall: 2.0 + (k * 1.9).sin().abs() * 5.0,
            },
            Node {
                position_type: PositionType::Absolute,
                left: percent(x.min(97.0)),
                top: percent(y.min(95.0)),
                width: px(size * 0.8),
                height: px(size),
                border: UiRect::all(px(1.5)),
                border_radius: BorderRadius::all(px(size)),
                ..default()
            },
            BackgroundColor(Color::srgba(0.75, 0.88, 1.0, 0.16)),
            BorderColor::all(Color::srgba(0.9, 0.95, 1.0, 0.45)),
            GlobalZIndex(20),
            DespawnOnExit(AppState::Playing),
        ));
    }
}

fn run_droplets(
    mut commands: Commands,
    time: Res<Time>,
    mut droplets: Query<(
        Entity,
        &mut Droplet,
        &mut Node,
        &mut BackgroundColor,
        &mut BorderColor,
    )>,
) {
    for (entity, mut droplet, mut node, mut background, mut border) in &mut droplets {
        droplet.age += time.delta_secs();
        let t = droplet.age / 2.8;
        if t >= 1.0 {
            commands.entity(entity).despawn();
            continue;
        }
        if let Val::Percent(top) = node.top {
            node.top = percent(top + droplet.fall * time.delta_secs());
        }
        let fade = 1.0 - t * t;
        background.0 = Color::srgba(0.75, 0.88, 1.0, 0.16 * fade);
        *border = BorderColor::all(Color::srgba(0.9, 0.95, 1.0, 0.45 * fade));
    }
}
