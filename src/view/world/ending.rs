//! The ending as the player sees it: the moon leaning down from the sky, the shawl of hope
//! settling, and the garden merging with morning until the view fades to white.

use std::f32::consts::PI;

use bevy::prelude::*;

use crate::core::flow::{AppState, Chapter};
use crate::core::settings::Settings;
use crate::dream::ending::{Ending, MOON_SCENE_TICKS, SHAWL_SETTLES_BEFORE_END, Scene};
use crate::dream::walking::{Dreamer, forward, right};
use crate::view::world::camera::DreamCamera;
use crate::view::world::garden::{GardenLook, GardenSky, Moonlight};
use crate::view::world::materials::{Shawl, ShawlMaterial, SwayMaterial};
use crate::view::world::mood::{indigo_night, repaint, sunrise};
use crate::view::world::motion::{Ambient, shawl_stir};
use crate::view::world::scene::MOON_HOME;
use crate::view::world::shapes;

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Chapter::Garden), raise_moon)
        .add_systems(
            Update,
            (lean_down, carry_shawl_down, wrap_in_shawl, break_dawn)
                .chain()
                .run_if(in_state(Chapter::Garden)),
        )
        .add_systems(
            PostUpdate,
            keep_shawl_on_shoulders
                .after(crate::view::world::camera::follow_dreamer)
                .before(TransformSystems::Propagate),
        );
}

#[derive(Component)]
struct MoonBody;

/// The shawl's cloth, with its material (how far it has settled).
#[derive(Component)]
struct ShawlCloth(Handle<ShawlMaterial>);

/// The shawl in the air, on its way down from the moon to the dreamer.
#[derive(Component)]
struct ShawlInFlight;

/// How far into the moon's scene she has leant down and lets the shawl go.
const SHAWL_LEAVES_THE_MOON: f32 = 0.45;

fn raise_moon(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    commands.spawn((
        Name::new("The moon"),
        MoonBody,
        Mesh3d(meshes.add(Sphere::new(16.0).mesh().uv(48, 24))),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color: Color::srgb(0.95, 0.93, 0.85),
            emissive: LinearRgba::rgb(2.2, 2.1, 1.8),
            fog_enabled: false,
            ..default()
        })),
        Transform::from_translation(MOON_HOME),
        bevy::light::NotShadowCaster,
        DespawnOnExit(Chapter::Garden),
    ));
}

/// The moon leans down toward the dreamer and grows, then drifts back up at dawn.
fn lean_down(
    ending: Res<Ending>,
    dreamers: Query<&Dreamer>,
    cameras: Query<&Transform, (With<DreamCamera>, Without<MoonBody>)>,
    mut moons: Query<&mut Transform, With<MoonBody>>,
) {
    let Ok(dreamer) = dreamers.single() else {
        return;
    };
    // She comes down low and close before the dreamer, huge: the heart's glass hangs against
    // her light.
    let near = {
        let ahead = dreamer.position + forward(dreamer.yaw) * 42.0 + right(dreamer.yaw) * 11.0;
        Vec3::new(ahead.x, 13.0, ahead.y)
    };
    // She has come down before she lets the shawl go, and stays close while she speaks.
    let down = (ending.progress(Scene::Moon) / SHAWL_LEAVES_THE_MOON).min(1.0);
    let up = ending.progress(Scene::Dawn);
    let eased = down * down * (3.0 - 2.0 * down) * (1.0 - up);
    for mut transform in &mut moons {
        transform.translation = MOON_HOME.lerp(near, eased);
        let size = 1.0 - 0.25 * eased;
        (transform.rotation, transform.scale) = match cameras.single() {
            Ok(eye) => round_to_the_eye(eye, transform.translation, size),
            Err(_) => (Quat::IDENTITY, Vec3::splat(size)),
        };
    }
}

/// The shawl's silk, with its shader's `params` (see `Shawl`).
fn silk(params: Vec4) -> ShawlMaterial {
    ShawlMaterial {
        base: StandardMaterial {
            base_color: Color::WHITE,
            perceptual_roughness: 0.35,
            reflectance: 0.6,
            alpha_mode: AlphaMode::Blend,
            double_sided: true,
            cull_mode: None,
            ..default()
        },
        extension: Shawl { params },
    }
}

/// The moon lets the shawl go as she leans down: silk billowing through the air from her to
/// the dreamer, in a long arc, until it reaches their shoulders and settles (`wrap_in_shawl`).
#[expect(
    clippy::too_many_arguments,
    reason = "the shawl flies between the moon and the eye, and is made of silk"
)]
fn carry_shawl_down(
    mut commands: Commands,
    ending: Res<Ending>,
    ambient: Res<Ambient>,
    cameras: Query<&Transform, (With<DreamCamera>, Without<ShawlInFlight>)>,
    moons: Query<&Transform, (With<MoonBody>, Without<ShawlInFlight>)>,
    mut flying: Query<(Entity, &mut Transform), With<ShawlInFlight>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut shawls: ResMut<Assets<ShawlMaterial>>,
) {
    let placed = match (cameras.single(), moons.single()) {
        (Ok(eye), Ok(moon)) if ending.scene == Some(Scene::Moon) && !ending.shawl => {
            shawl_in_the_air(ending.progress(Scene::Moon), moon.translation, eye)
                .map(|at| Transform::from_translation(at).looking_at(eye.translation, Vec3::Y))
        }
        _ => None,
    };
    let Some(placed) = placed else {
        for (entity, _) in &flying {
            commands.entity(entity).despawn();
        }
        return;
    };
    if let Ok((_, mut transform)) = flying.single_mut() {
        *transform = placed;
        return;
    }
    commands.spawn((
        Name::new("The shawl, on its way down from the moon"),
        ShawlInFlight,
        Mesh3d(meshes.add(shapes::cloth::shawl_in_flight(3.4, 1.7).into_mesh())),
        // Whole and glowing softly; it stirs as it flies (still under reduced motion).
        MeshMaterial3d(shawls.add(silk(Vec4::new(1.0, shawl_stir(ambient.still), 1.4, 0.0)))),
        placed,
        bevy::light::NotShadowCaster,
        bevy::light::NotShadowReceiver,
        DespawnOnExit(Chapter::Garden),
    ));
}

/// Where the shawl is, `progress` through the moon's scene, on its way from the moon at `moon`
/// to the dreamer seeing through `eye`: nowhere before she lets it go or once it has reached
/// their shoulders. It leaves from just before her face and swings out wide on the air, up and
/// round the heart, then sinks to a little before the dreamer's chest.
pub fn shawl_in_the_air(progress: f32, moon: Vec3, eye: &Transform) -> Option<Vec3> {
    let settles_at = 1.0 - SHAWL_SETTLES_BEFORE_END as f32 / MOON_SCENE_TICKS as f32;
    if !(SHAWL_LEAVES_THE_MOON..settles_at).contains(&progress) {
        return None;
    }
    let flight = (progress - SHAWL_LEAVES_THE_MOON) / (settles_at - SHAWL_LEAVES_THE_MOON);
    let eased = flight * flight * (3.0 - 2.0 * flight);
    let toward_eye = (eye.translation - moon).normalize_or(Vec3::Z);
    let from = moon + toward_eye * 20.0;
    let ahead = eye.forward().with_y(0.0).normalize_or(Vec3::NEG_Z);
    let to = eye.translation + ahead * 1.2 - Vec3::Y * 0.5;
    let swing = (eased * PI).sin();
    Some(from.lerp(to, eased) + Vec3::Y * swing * 4.0 + eye.left() * swing * 5.0)
}

/// How to turn and scale the moon (a sphere `size` across at `at`) so she looks round from
/// `eye`: a wide lens stretches what lies off the middle of the view away from it, by
/// 1 / cos of the angle off the middle; she is squeezed by as much along that line.
pub(crate) fn round_to_the_eye(eye: &Transform, at: Vec3, size: f32) -> (Quat, Vec3) {
    let look = *eye.forward();
    let toward = (at - eye.translation).normalize_or(look);
    let off_middle = toward.dot(look);
    let inward = (look - toward * off_middle).normalize_or_zero();
    if off_middle <= 0.2 || inward == Vec3::ZERO {
        return (Quat::IDENTITY, Vec3::splat(size));
    }
    (
        Quat::from_rotation_arc(Vec3::X, inward),
        Vec3::new(size * off_middle, size, size),
    )
}

/// The silk shawl woven from hope settles around the dreamer's shoulders: cloth at the
/// edges of the view (its warmth on the screen is a wash).
#[expect(
    clippy::too_many_arguments,
    reason = "the shawl's cloth: the ending, its material and mesh, the camera it hangs from"
)]
fn wrap_in_shawl(
    mut commands: Commands,
    ending: Res<Ending>,
    ambient: Res<Ambient>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut shawls: ResMut<Assets<ShawlMaterial>>,
    cameras: Query<Entity, With<DreamCamera>>,
    mut cloth: Query<&mut ShawlCloth>,
    settings: Res<Settings>,
) {
    if !ending.shawl {
        return;
    }
    if cloth.is_empty() {
        let material = shawls.add(silk(Vec4::new(0.0, shawl_stir(ambient.still), 0.7, 0.0)));
        for camera in &cameras {
            commands.entity(camera).with_child((
                Name::new("The shawl of hope"),
                ShawlCloth(material.clone()),
                Mesh3d(meshes.add(shawl_in_view(&settings).into_mesh())),
                MeshMaterial3d(material.clone()),
                bevy::light::NotShadowCaster,
                bevy::light::NotShadowReceiver,
                DespawnOnExit(AppState::Playing),
            ));
        }
        return;
    }
    // As the dreamer wakes it fades with the rest of the night, into the morning's light.
    let faded = (ending.progress(Scene::Dawn) / 0.6).clamp(0.0, 1.0);
    // It rises onto the shoulders over the half second after the moon gives it (at once when
    // her scene is skipped); still, it is simply there, unstirring.
    let given_at = 1.0 - SHAWL_SETTLES_BEFORE_END as f32 / MOON_SCENE_TICKS as f32;
    let settled = ((ending.progress(Scene::Moon) - given_at) / 0.05).clamp(0.0, 1.0);
    for cloth in &mut cloth {
        if let Some(mut material) = shawls.get_mut(&cloth.0) {
            let params = &mut material.extension.params;
            params.x = if ambient.still { 1.0 } else { settled };
            params.w = faded;
            params.y = shawl_stir(ambient.still);
        }
    }
}

/// The shawl rests on the shoulders, not on the eyes: it turns with the dreamer but not with
/// the look up or down, so looking down shows more of it and looking up lets it fall away.
fn keep_shawl_on_shoulders(
    cameras: Query<&Transform, (With<DreamCamera>, Without<ShawlCloth>)>,
    mut cloth: Query<(&ChildOf, &mut Transform), With<ShawlCloth>>,
) {
    for (parent, mut transform) in &mut cloth {
        let Ok(camera) = cameras.get(parent.parent()) else {
            continue;
        };
        let (yaw, _, _) = camera.rotation.to_euler(EulerRot::YXZ);
        transform.rotation = camera.rotation.inverse() * Quat::from_rotation_y(yaw);
    }
}

/// The shawl's cloth laid out for the player's field of view, a hand's breadth from the eyes.
fn shawl_in_view(settings: &Settings) -> shapes::MeshParts {
    const DISTANCE: f32 = 0.3;
    let half_height = DISTANCE * (settings.vertical_field_of_view().to_radians() / 2.0).tan();
    shapes::cloth::shawl(DISTANCE, half_height * 16.0 / 9.0, half_height)
}

/// Morning: the indigo turns to sunrise, the light warms and the flowers open (the view's fade
/// to white is a screen's wash).
#[expect(
    clippy::too_many_arguments,
    reason = "the dawn changes the whole garden"
)]
fn break_dawn(
    mut commands: Commands,
    ending: Res<Ending>,
    sky: Option<Res<GardenSky>>,
    look: Option<Res<GardenLook>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut sways: ResMut<Assets<SwayMaterial>>,
    mut lights: Query<&mut DirectionalLight, With<Moonlight>>,
    mut fogs: Query<&mut DistanceFog, With<DreamCamera>>,
    mut painted: Local<Option<f32>>,
) {
    let t = ending.progress(Scene::Dawn);
    // Paint only when the dawn has moved on, not every frame of the results that follow.
    if t <= 0.0 || *painted == Some(t) {
        return;
    }
    if sky.is_some() {
        *painted = Some(t);
    }
    let light = (t / 0.7).min(1.0);
    let mood = indigo_night().mix(&sunrise(), light);
    if let Some(sky) = &sky {
        for mut fog in &mut fogs {
            repaint(&mut commands, &mut meshes, &sky.0, &mood, &mut fog);
        }
    }
    let mix =
        |a: Color, b: Color| Color::from(LinearRgba::from(a).mix(&LinearRgba::from(b), light));
    for mut sun in &mut lights {
        sun.color = mix(Color::srgb(0.7, 0.75, 1.0), Color::srgb(1.0, 0.8, 0.6));
        sun.illuminance = 2600.0 + 6000.0 * light;
    }
    if let Some(mut sway) = look.and_then(|look| sways.get_mut(&look.sway)) {
        sway.extension.params.z = light;
    }
}
