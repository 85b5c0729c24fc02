//! The blue door as the player sees it: rising out of the stardust, arched and pulsing softly,
//! its light rising above the roofs; and the swell of light when the dreamer steps through.

use bevy::light::{NotShadowCaster, NotShadowReceiver};
use bevy::prelude::*;

use super::motion::{Ambient, PORTAL_FLASH_SECONDS, door_breath, portal_flash};

use super::camera::DreamCamera;
use super::shapes;
use super::ui::overlay;
use crate::core::flow::{AppState, Chapter};
use crate::core::settings::Settings;
use crate::dream::portal::{DOOR_HEIGHT, DOOR_WIDTH, Door, PortalEntered};

const DOOR_BLUE: LinearRgba = LinearRgba::rgb(0.12, 0.45, 3.2);

pub fn plugin(app: &mut App) {
    app.add_observer(draw_door)
        .add_systems(
            Update,
            (pulse_door, raise_door, turn_beam_to_the_eye).run_if(in_state(Chapter::City)),
        )
        .add_systems(
            Update,
            (
                flash_through_portal.run_if(on_message::<PortalEntered>),
                fade_flash,
            ),
        );
}

/// Marks the door's glowing material so it can pulse.
#[derive(Component)]
struct DoorGlow(Handle<StandardMaterial>);

/// The door rising out of the stardust as it appears.
#[derive(Component)]
struct DoorRise {
    age: f32,
}

fn draw_door(
    added: On<Add, Door>,
    doors: Query<&Door>,
    settings: Res<Settings>,
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let Ok(door) = doors.get(added.entity) else {
        return;
    };
    // A frame of pale silver with a blue light in its grain: a door, not a tube of light.
    let frame = materials.add(StandardMaterial {
        base_color: Color::srgb(0.62, 0.68, 0.82),
        emissive: DOOR_BLUE * 0.12,
        metallic: 0.9,
        perceptual_roughness: 0.3,
        cull_mode: None,
        double_sided: true,
        ..default()
    });
    // The doorway is filled with soft, pulsing blue light.
    // (Unlit draws its base colour alone: the pulse breathes in that.)
    let glow = materials.add(StandardMaterial {
        base_color: doorway_light(1.0),
        alpha_mode: AlphaMode::Add,
        unlit: true,
        cull_mode: None,
        double_sided: true,
        ..default()
    });
    let beam = materials.add(StandardMaterial {
        base_color: Color::WHITE,
        alpha_mode: AlphaMode::Add,
        unlit: true,
        fog_enabled: false,
        cull_mode: None,
        double_sided: true,
        ..default()
    });
    let inner = DOOR_WIDTH * 0.5;
    let rise = if settings.reduced_motion { 10.0 } else { 0.0 };
    commands.entity(added.entity).insert((
        Transform::from_xyz(door.position.x, 0.0, door.position.y)
            .with_rotation(Quat::from_rotation_y(door.facing))
            .with_scale(Vec3::splat(if rise > 0.0 { 1.0 } else { 0.01 })),
        Visibility::default(),
        DoorGlow(glow.clone()),
        DoorRise { age: rise },
        children![
            (
                Mesh3d(meshes.add(shapes::buildings::arch(DOOR_WIDTH, DOOR_HEIGHT, 0.45, 0.5))),
                MeshMaterial3d(frame),
            ),
            (
                // The shimmering surface within the arch.
                Mesh3d(meshes.add(shapes::buildings::arch(
                    0.0,
                    DOOR_HEIGHT - inner,
                    inner,
                    0.02
                ))),
                MeshMaterial3d(glow.clone()),
                NotShadowCaster,
            ),
            (
                // A glow that rises above the roofs, so the door can be found from afar: a
                // bright core in soft haloes, so it fades into the haze at its edges.
                Mesh3d(meshes.add(shapes::buildings::soft_beam(
                    2.6,
                    260.0,
                    LinearRgba::rgb(0.03, 0.1, 0.6)
                ))),
                MeshMaterial3d(beam),
                Beam {
                    facing: door.facing
                },
                NotShadowCaster,
                NotShadowReceiver,
            ),
            (
                PointLight {
                    color: Color::srgb(0.35, 0.6, 1.0),
                    intensity: 120_000.0,
                    range: 24.0,
                    ..default()
                },
                Transform::from_xyz(0.0, DOOR_HEIGHT - inner, 1.2),
            ),
            (
                PointLight {
                    color: Color::srgb(0.35, 0.6, 1.0),
                    intensity: 120_000.0,
                    range: 24.0,
                    ..default()
                },
                Transform::from_xyz(0.0, DOOR_HEIGHT - inner, -1.2),
            ),
        ],
    ));
}

/// The beam over the door, seen from wherever the dreamer stands.
#[derive(Component)]
struct Beam {
    /// The door's own turn, which the beam's turn toward the eye undoes.
    facing: f32,
}

/// The beam turns about its upright to face the eye, so its soft edges are always its edges.
fn turn_beam_to_the_eye(
    eyes: Query<&GlobalTransform, With<DreamCamera>>,
    mut beams: Query<(&Beam, &GlobalTransform, &mut Transform)>,
) {
    let Ok(eye) = eyes.single() else {
        return;
    };
    for (beam, at, mut transform) in &mut beams {
        let toward = eye.translation() - at.translation();
        let yaw = toward.x.atan2(toward.z);
        transform.rotation = Quat::from_rotation_y(yaw - beam.facing);
    }
}

/// The doorway's light at `breath` (0.5..1) of its strength.
fn doorway_light(breath: f32) -> Color {
    Color::from((LinearRgba::rgb(0.3, 0.6, 1.6) * breath).with_alpha(0.5))
}

/// The door breathes: a soft, slow pulse of its glow.
fn pulse_door(
    ambient: Res<Ambient>,
    doors: Query<&DoorGlow>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let breath = door_breath(*ambient);
    for glow in &doors {
        if let Some(mut material) = materials.get_mut(&glow.0) {
            material.base_color = doorway_light(breath);
        }
    }
}

/// The door grows out of the ground over a couple of seconds.
fn raise_door(time: Res<Time>, mut doors: Query<(&mut DoorRise, &mut Transform)>) {
    for (mut rise, mut transform) in &mut doors {
        if rise.age >= 2.5 {
            continue;
        }
        rise.age += time.delta_secs();
        let t = (rise.age / 2.5).clamp(0.0, 1.0);
        let eased = 1.0 - (1.0 - t).powi(3);
        transform.scale = Vec3::splat(eased.max(0.01));
    }
}

/// The light swell of stepping through the door.
#[derive(Component)]
struct PortalFlash {
    age: f32,
}

fn flash_through_portal(mut commands: Commands, ambient: Res<Ambient>) {
    if ambient.still {
        return;
    }
    commands.spawn((
        Name::new("Portal light"),
        PortalFlash { age: 0.0 },
        overlay(Color::srgba(0.75, 0.85, 1.0, 0.0), 50),
        DespawnOnExit(AppState::Playing),
    ));
}

fn fade_flash(
    mut commands: Commands,
    time: Res<Time>,
    ambient: Res<Ambient>,
    mut flashes: Query<(Entity, &mut PortalFlash, &mut BackgroundColor)>,
) {
    for (entity, mut flash, mut background) in &mut flashes {
        flash.age += time.delta_secs();
        let alpha = portal_flash(flash.age, ambient.still);
        background.0 = Color::srgba(0.75, 0.85, 1.0, alpha);
        if flash.age >= PORTAL_FLASH_SECONDS {
            commands.entity(entity).despawn();
        }
    }
}
