//! The blue door as the player sees it: rising out of the stardust, arched and pulsing softly,
//! its light rising above the roofs (the swell of light as the dreamer steps through is a
//! screen's wash); and the same door standing in the meadow behind them once they have.

use bevy::light::{NotShadowCaster, NotShadowReceiver};
use bevy::prelude::*;
use rand::RngExt;

use crate::view::world::motion::{Ambient, door_breath};

use crate::core::flow::Chapter;
use crate::core::rng::scenery_rng;
use crate::core::settings::Settings;
use crate::dream::portal::{DOOR_HEIGHT, DOOR_WIDTH, Door};
use crate::dream::walking::forward;
use crate::level::Levels;
use crate::level::types::Spawn;
use crate::view::world::camera::DreamCamera;
use crate::view::world::shapes;

const DOOR_BLUE: LinearRgba = LinearRgba::rgb(0.12, 0.45, 3.2);

pub fn plugin(app: &mut App) {
    app.add_observer(draw_door)
        .add_systems(OnEnter(Chapter::Garden), stand_door_in_garden)
        .add_systems(Update, pulse_door)
        .add_systems(
            Update,
            (raise_door, turn_beam_to_the_eye).run_if(in_state(Chapter::City)),
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
    mut images: ResMut<Assets<Image>>,
) {
    let Ok(door) = doors.get(added.entity) else {
        return;
    };
    let frame = materials.add(door_frame());
    let glow = materials.add(doorway_glow());
    let beam = materials.add(StandardMaterial {
        base_color: Color::WHITE,
        alpha_mode: AlphaMode::Add,
        unlit: true,
        fog_enabled: false,
        cull_mode: None,
        double_sided: true,
        ..default()
    });
    // Through the light, a glimpse of where the door leads: the indigo garden under its moon.
    let glimpse = materials.add(glimpse_of(images.add(garden_through_the_door())));
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
            (Mesh3d(meshes.add(door_arch())), MeshMaterial3d(frame),),
            (
                Mesh3d(meshes.add(Rectangle::new(2.0 * inner, DOOR_HEIGHT))),
                MeshMaterial3d(glimpse),
                Transform::from_xyz(0.0, DOOR_HEIGHT * 0.5, -0.02),
                NotShadowCaster,
            ),
            (
                // The shimmering surface within the arch.
                Mesh3d(meshes.add(doorway())),
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

/// A frame of pale silver with a blue light in its grain: a door, not a tube of light.
fn door_frame() -> StandardMaterial {
    StandardMaterial {
        base_color: Color::srgb(0.62, 0.68, 0.82),
        emissive: DOOR_BLUE * 0.12,
        metallic: 0.9,
        perceptual_roughness: 0.3,
        cull_mode: None,
        double_sided: true,
        ..default()
    }
}

/// What a doorway shows through its light: `picture`, drawn to the arch's shape.
fn glimpse_of(picture: Handle<Image>) -> StandardMaterial {
    StandardMaterial {
        base_color_texture: Some(picture),
        alpha_mode: AlphaMode::Mask(0.5),
        unlit: true,
        fog_enabled: false,
        cull_mode: None,
        double_sided: true,
        ..default()
    }
}

/// The soft, pulsing blue light that fills the doorway. (Unlit draws its base colour alone:
/// the pulse breathes in that.)
fn doorway_glow() -> StandardMaterial {
    StandardMaterial {
        base_color: doorway_light(1.0),
        alpha_mode: AlphaMode::Add,
        unlit: true,
        cull_mode: None,
        double_sided: true,
        ..default()
    }
}

/// The door's arched frame.
fn door_arch() -> Mesh {
    shapes::buildings::arch(DOOR_WIDTH, DOOR_HEIGHT, 0.45, 0.5)
}

/// The shimmering surface within the arch.
fn doorway() -> Mesh {
    let inner = DOOR_WIDTH * 0.5;
    shapes::buildings::arch(0.0, DOOR_HEIGHT - inner, inner, 0.02)
}

/// The door the dreamer came through stands in the meadow behind where they arrive, still
/// breathing its blue light: the garden is what lay through it.
fn stand_door_in_garden(
    mut commands: Commands,
    levels: Res<Levels>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut images: ResMut<Assets<Image>>,
) {
    let facing = levels.garden.spawn.facing.to_radians();
    let behind = garden_door_place(&levels.garden.spawn);
    let glow = materials.add(doorway_glow());
    commands.spawn((
        Name::new("The door, in the garden"),
        Transform::from_xyz(behind.x, 0.0, behind.y).with_rotation(Quat::from_rotation_y(facing)),
        Visibility::default(),
        DoorGlow(glow.clone()),
        DespawnOnExit(Chapter::Garden),
        children![
            (
                Mesh3d(meshes.add(door_arch())),
                MeshMaterial3d(materials.add(door_frame())),
            ),
            (
                // Through it, the silver city gone cold that the dreamer left.
                Mesh3d(meshes.add(Rectangle::new(DOOR_WIDTH, DOOR_HEIGHT))),
                MeshMaterial3d(materials.add(glimpse_of(images.add(city_through_the_door())))),
                Transform::from_xyz(0.0, DOOR_HEIGHT * 0.5, -0.02),
                NotShadowCaster,
            ),
            (
                Mesh3d(meshes.add(doorway())),
                MeshMaterial3d(glow),
                NotShadowCaster,
            ),
            (
                PointLight {
                    color: Color::srgb(0.35, 0.6, 1.0),
                    intensity: 60_000.0,
                    range: 14.0,
                    ..default()
                },
                Transform::from_xyz(0.0, DOOR_HEIGHT - DOOR_WIDTH * 0.5, 1.0),
            ),
        ],
    ));
}

/// Where the door stands in the garden: three metres behind where the dreamer arrives.
pub(crate) fn garden_door_place(spawn: &Spawn) -> Vec2 {
    spawn.at.vec() - forward(spawn.facing.to_radians()) * 3.0
}

/// A picture through a doorway: `paint` gives the colour at each point, in metres across and
/// up the doorway (so round things stay round); outside the arch's shape it is clear.
fn doorway_picture(paint: impl Fn(Vec2) -> Vec3) -> Image {
    const W: u32 = 96;
    const H: u32 = 156;
    let inner = DOOR_WIDTH * 0.5;
    let spring = DOOR_HEIGHT - inner;
    let size = Vec2::new(DOOR_WIDTH, DOOR_HEIGHT);
    let mut data = Vec::with_capacity((W * H * 4) as usize);
    for row in 0..H {
        for column in 0..W {
            let p = Vec2::new(
                (column as f32 + 0.5) / W as f32,
                1.0 - (row as f32 + 0.5) / H as f32,
            ) * size;
            let inside = p.y <= spring || Vec2::new(p.x - inner, p.y - spring).length() <= inner;
            let [r, g, b] = paint(p)
                .to_array()
                .map(|c| (c.clamp(0.0, 1.0) * 255.0) as u8);
            data.extend([r, g, b, if inside { 255 } else { 0 }]);
        }
    }
    shapes::rgba_image(W, H, data)
}

/// What the door in the garden shows, looking back: the silver city as the dreamer left it,
/// gone cold, its towers steel-grey under a heavy sky with a last pale band at the horizon,
/// a few windows still lit, the avenue dark below.
fn city_through_the_door() -> Image {
    let horizon = 0.22 * DOOR_HEIGHT;
    let mut rng = scenery_rng("the cold city through the door");
    // Towers from far (small, first) to near: left edge, width, top, and how far they lean.
    let towers: Vec<(f32, f32, f32, f32)> = (0..9)
        .map(|index| {
            let near = index as f32 / 8.0;
            let width = 0.18 + 0.3 * near * rng.random_range(0.6..1.0);
            let left = rng.random_range(-0.2..DOOR_WIDTH - 0.1);
            let top = horizon + (0.35 + 0.6 * near) * rng.random_range(0.7..1.0) * DOOR_HEIGHT;
            (
                left,
                width,
                top.min(DOOR_HEIGHT * 0.97),
                rng.random_range(-0.08..0.08),
            )
        })
        .collect();
    doorway_picture(|p| {
        let mut colour = if p.y > horizon {
            let up = ((p.y - horizon) / (DOOR_HEIGHT - horizon)).powf(0.6);
            // Heavy cloud in slow bands above the pale horizon.
            let cloud = 0.85 + 0.15 * (p.y * 9.0 + (p.x * 3.0).sin()).sin();
            if up < 0.2 {
                Vec3::new(0.5, 0.52, 0.6).lerp(Vec3::new(0.2, 0.21, 0.27), up / 0.2)
            } else {
                Vec3::new(0.2, 0.21, 0.27).lerp(Vec3::new(0.07, 0.07, 0.1), (up - 0.2) / 0.8)
                    * cloud
            }
        } else {
            Vec3::new(0.05, 0.04, 0.07)
        };
        for &(left, width, top, lean) in &towers {
            let up = (p.y - horizon) / (top - horizon);
            let x = p.x - left - lean * up;
            if p.y >= horizon && p.y <= top && (0.0..width).contains(&x) {
                // Cold silver mirroring the heavy sky: bright low down, dark above.
                let sheen = 0.5 + 0.5 * (x / width * 3.0 + up * 2.0).sin().abs();
                colour =
                    Vec3::new(0.3, 0.33, 0.4).lerp(Vec3::new(0.62, 0.66, 0.74), 1.0 - up) * sheen;
                // A few windows still lit, in a grid of storeys and bays.
                let bay = (x / 0.09).floor();
                let storey = ((p.y - horizon) / 0.12).floor();
                let cell = Vec2::new(x / 0.09, (p.y - horizon) / 0.12).fract();
                let lit = (bay * 12.9898 + storey * 78.233 + left * 37.0)
                    .sin()
                    .fract()
                    .abs();
                if lit > 0.93 && cell.x > 0.25 && cell.y > 0.3 && cell.y < 0.8 {
                    colour = Vec3::new(0.55, 0.68, 0.9);
                }
            }
        }
        colour
    })
}

/// What the city's door shows through its light: an indigo sky deepening upward with a few
/// stars and a small moon, over a meadow whose flowers glow violet, rose and pale, thicker and
/// smaller toward the horizon.
fn garden_through_the_door() -> Image {
    let size = Vec2::new(DOOR_WIDTH, DOOR_HEIGHT);
    let horizon = 0.3 * DOOR_HEIGHT;
    let mut rng = scenery_rng("the garden through the door");
    let flowers: Vec<(Vec2, f32, Vec3)> = (0..70)
        .map(|_| {
            let depth: f32 = rng.random_range(0.0..1.0);
            let at = Vec2::new(
                rng.random_range(0.0..1.0) * DOOR_WIDTH,
                horizon * (1.0 - depth * depth),
            );
            let colour = [
                Vec3::new(0.75, 0.45, 1.0),
                Vec3::new(1.0, 0.55, 0.75),
                Vec3::new(0.9, 0.85, 1.0),
            ][rng.random_range(0..3)];
            // Nearer (lower) flowers are larger.
            (at, 0.018 + 0.09 * (1.0 - at.y / horizon), colour)
        })
        .collect();
    let stars: Vec<Vec2> = (0..14)
        .map(|_| Vec2::new(rng.random_range(0.0..1.0), rng.random_range(0.45..0.98)) * size)
        .collect();
    let moon = Vec2::new(0.3, 0.78) * size;
    doorway_picture(|p| {
        let mut colour = if p.y > horizon {
            let up = ((p.y - horizon) / (DOOR_HEIGHT - horizon)).powf(0.7);
            Vec3::new(0.42, 0.34, 0.78).lerp(Vec3::new(0.08, 0.06, 0.26), up)
        } else {
            Vec3::new(0.12, 0.09, 0.24)
        };
        if stars.iter().any(|star| p.distance(*star) < 0.03) {
            colour = Vec3::splat(0.95);
        }
        if p.distance(moon) < 0.2 {
            colour = Vec3::new(0.96, 0.95, 0.88);
        }
        if p.y <= horizon + 0.01 * DOOR_HEIGHT {
            for (at, radius, tint) in &flowers {
                if p.distance(*at) < *radius {
                    colour = *tint;
                }
            }
        }
        colour
    })
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
    Color::from((LinearRgba::rgb(0.3, 0.6, 1.6) * breath).with_alpha(0.3))
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
