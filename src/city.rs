//! The Silver City at late dusk: leaning towers of molten silver, avenues paved with stardust,
//! a low warm sun, and the blue door drawn where the logic placed it.

use bevy::light::{NotShadowCaster, NotShadowReceiver};
use bevy::prelude::*;
use rand::RngExt;

use crate::flow::Chapter;
use crate::level::Levels;
use crate::portal::{DOOR_HEIGHT, DOOR_WIDTH, Door};
use crate::rng::scenery_rng;
use crate::shapes::{self, MeshParts};
use crate::visuals::{DreamCamera, Mood, apply_mood};

pub struct CityPlugin;

impl Plugin for CityPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(OnEnter(Chapter::City), build_city)
            .add_observer(draw_door)
            .add_systems(Update, pulse_door.run_if(in_state(Chapter::City)));
    }
}

/// The city at dusk, before anything has changed.
pub fn dusk() -> Mood {
    Mood {
        sky: vec![
            (-1.0, LinearRgba::rgb(0.02, 0.015, 0.04)),
            (-0.05, LinearRgba::rgb(0.16, 0.07, 0.12)),
            (0.0, LinearRgba::rgb(1.1, 0.42, 0.26)),
            (0.08, LinearRgba::rgb(0.75, 0.25, 0.32)),
            (0.25, LinearRgba::rgb(0.22, 0.08, 0.28)),
            (0.6, LinearRgba::rgb(0.05, 0.03, 0.14)),
            (1.0, LinearRgba::rgb(0.015, 0.012, 0.06)),
        ],
        fog: Color::srgb(0.34, 0.2, 0.3),
        fog_start: 40.0,
        fog_end: 260.0,
        ambient: Color::srgb(0.75, 0.6, 0.95),
        ambient_brightness: 350.0,
    }
}

fn build_city(
    mut commands: Commands,
    levels: Res<Levels>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut fogs: Query<&mut DistanceFog, With<DreamCamera>>,
) {
    let level = &levels.city;
    let scope = DespawnOnExit(Chapter::City);
    apply_mood(
        &mut commands,
        &mut meshes,
        &mut materials,
        &dusk(),
        &mut fogs,
        scope.clone(),
    );

    // The sun is setting behind the west end of the avenues.
    commands.spawn((
        Name::new("Setting sun"),
        DirectionalLight {
            color: Color::srgb(1.0, 0.62, 0.45),
            illuminance: 6000.0,
            shadow_maps_enabled: true,
            ..default()
        },
        Transform::default().looking_to(Vec3::new(0.85, -0.22, -0.35), Vec3::Y),
        scope.clone(),
    ));

    let silver = materials.add(StandardMaterial {
        base_color: Color::srgb(0.82, 0.84, 0.9),
        metallic: 1.0,
        perceptual_roughness: 0.22,
        reflectance: 0.8,
        ..default()
    });
    for obstacle in &level.obstacles {
        commands.spawn((
            Name::new(format!("Tower {}", obstacle.id)),
            Mesh3d(meshes.add(shapes::leaning_tower(
                obstacle.footprint.width,
                obstacle.footprint.depth,
                obstacle.height,
                obstacle.lean.vec(),
            ))),
            MeshMaterial3d(silver.clone()),
            Transform::from_xyz(obstacle.at.x, 0.0, obstacle.at.z)
                .with_rotation(Quat::from_rotation_y(obstacle.turn.to_radians())),
            scope.clone(),
        ));
    }

    let size = level.bounds.size() + Vec2::splat(400.0);
    let centre = level.bounds.center();
    commands.spawn((
        Name::new("Avenues"),
        Mesh3d(meshes.add(Plane3d::default().mesh().size(size.x, size.y))),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color: Color::srgb(0.05, 0.045, 0.07),
            metallic: 0.4,
            perceptual_roughness: 0.3,
            ..default()
        })),
        Transform::from_xyz(centre.x, 0.0, centre.y),
        scope.clone(),
    ));

    // Stardust: glints sown over the open avenues, all in one mesh.
    let mut rng = scenery_rng("city stardust");
    let mut dust = MeshParts::default();
    let mut sown = 0;
    while sown < 6000 {
        let p = Vec2::new(
            rng.random_range(level.bounds.min.x..level.bounds.max.x),
            rng.random_range(level.bounds.min.z..level.bounds.max.z),
        );
        if level.obstacles.iter().any(|o| o.clearance(p).0 < 0.2) {
            continue;
        }
        let warmth = rng.random_range(0.0..1.0f32);
        let color = LinearRgba::rgb(2.2 + warmth, 2.0 + warmth * 0.4, 2.8 - warmth);
        let glint = shapes::glint(rng.random_range(0.025..0.07), color);
        dust.append(
            &glint,
            &Transform::from_xyz(p.x, 0.01, p.y).with_rotation(Quat::from_rotation_y(
                rng.random_range(0.0..std::f32::consts::TAU),
            )),
        );
        sown += 1;
    }
    commands.spawn((
        Name::new("Stardust"),
        Mesh3d(meshes.add(dust.into_mesh())),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color: Color::WHITE,
            unlit: true,
            ..default()
        })),
        NotShadowCaster,
        NotShadowReceiver,
        scope,
    ));
}

/// Marks the door's glowing material so it can pulse.
#[derive(Component)]
struct DoorGlow(Handle<StandardMaterial>);

const DOOR_BLUE: LinearRgba = LinearRgba::rgb(0.25, 0.9, 5.0);

fn draw_door(
    added: On<Add, Door>,
    doors: Query<&Door>,
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let Ok(door) = doors.get(added.entity) else {
        return;
    };
    let glow = materials.add(StandardMaterial {
        base_color: Color::srgb(0.15, 0.35, 0.95),
        emissive: DOOR_BLUE,
        perceptual_roughness: 0.4,
        cull_mode: None,
        double_sided: true,
        ..default()
    });
    let veil = materials.add(StandardMaterial {
        base_color: Color::srgba(0.3, 0.55, 1.0, 0.35),
        emissive: LinearRgba::rgb(0.1, 0.3, 1.6),
        alpha_mode: AlphaMode::Add,
        unlit: true,
        cull_mode: None,
        double_sided: true,
        ..default()
    });
    let inner = DOOR_WIDTH * 0.5;
    commands.entity(added.entity).insert((
        Transform::from_xyz(door.position.x, 0.0, door.position.y)
            .with_rotation(Quat::from_rotation_y(door.facing)),
        Visibility::default(),
        DoorGlow(glow.clone()),
        children![
            (
                Mesh3d(meshes.add(shapes::arch(DOOR_WIDTH, DOOR_HEIGHT, 0.45, 0.5))),
                MeshMaterial3d(glow),
            ),
            (
                // The shimmering surface within the arch.
                Mesh3d(meshes.add(shapes::arch(0.0, DOOR_HEIGHT - inner, inner, 0.02))),
                MeshMaterial3d(veil),
                NotShadowCaster,
            ),
            (
                PointLight {
                    color: Color::srgb(0.35, 0.6, 1.0),
                    intensity: 400_000.0,
                    range: 30.0,
                    ..default()
                },
                Transform::from_xyz(0.0, DOOR_HEIGHT - inner, 1.2),
            ),
            (
                PointLight {
                    color: Color::srgb(0.35, 0.6, 1.0),
                    intensity: 400_000.0,
                    range: 30.0,
                    ..default()
                },
                Transform::from_xyz(0.0, DOOR_HEIGHT - inner, -1.2),
            ),
        ],
    ));
}

/// The door breathes: a soft, slow pulse of its glow.
fn pulse_door(
    time: Res<Time>,
    doors: Query<&DoorGlow>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let breath = 0.75 + 0.25 * (time.elapsed_secs() * 1.6).sin();
    for glow in &doors {
        if let Some(mut material) = materials.get_mut(&glow.0) {
            material.emissive = DOOR_BLUE * breath;
        }
    }
}
