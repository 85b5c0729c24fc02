//! The dreamer's eyes: the HDR camera with bloom and fog, drawn smoothly between logic ticks,
//! head bob, and the sky and mood that each chapter sets.

use std::f32::consts::TAU;

use bevy::camera::Hdr;
use bevy::core_pipeline::tonemapping::Tonemapping;
use bevy::post_process::bloom::Bloom;
use bevy::prelude::*;

use crate::lotus::Kneeling;
use crate::settings::Settings;
use crate::shapes;
use crate::walking::{Dreamer, EYE_HEIGHT, STRIDE_LENGTH, WALK_SPEED};

/// The one camera: the dreamer's eyes, or the title's view.
#[derive(Component, Debug)]
pub struct DreamCamera;

/// How a chapter looks: its sky from the nadir up, fog and ambient light.
#[derive(Debug, Clone)]
pub struct Mood {
    pub sky: Vec<(f32, LinearRgba)>,
    pub fog: Color,
    pub fog_start: f32,
    pub fog_end: f32,
    pub ambient: Color,
    pub ambient_brightness: f32,
}

impl Mood {
    /// The mood `t` of the way from this one to `other` (the skies must have the same stops).
    pub fn mix(&self, other: &Mood, t: f32) -> Mood {
        let color =
            |a: Color, b: Color| Color::from(LinearRgba::from(a).mix(&LinearRgba::from(b), t));
        Mood {
            sky: self
                .sky
                .iter()
                .zip(&other.sky)
                .map(|(&(height, a), &(_, b))| (height, a.mix(&b, t)))
                .collect(),
            fog: color(self.fog, other.fog),
            fog_start: self.fog_start.lerp(other.fog_start, t),
            fog_end: self.fog_end.lerp(other.fog_end, t),
            ambient: color(self.ambient, other.ambient),
            ambient_brightness: self.ambient_brightness.lerp(other.ambient_brightness, t),
        }
    }
}

/// Repaints a chapter to `mood`: its sky (made by `apply_mood`), fog, ambient light and clear
/// colour.
pub fn repaint(
    commands: &mut Commands,
    meshes: &mut Assets<Mesh>,
    sky: &Handle<Mesh>,
    mood: &Mood,
    fog: &mut DistanceFog,
) {
    if let Some(mut mesh) = meshes.get_mut(sky) {
        mesh.insert_attribute(Mesh::ATTRIBUTE_COLOR, shapes::sky_colors(&mood.sky));
    }
    commands.insert_resource(GlobalAmbientLight {
        color: mood.ambient,
        brightness: mood.ambient_brightness,
        affects_lightmapped_meshes: true,
    });
    commands.insert_resource(ClearColor(mood.fog));
    fog.color = mood.fog;
    fog.falloff = FogFalloff::Linear {
        start: mood.fog_start,
        end: mood.fog_end,
    };
}

pub struct VisualsPlugin;

impl Plugin for VisualsPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(ClearColor(Color::srgb(0.02, 0.02, 0.05)))
            .add_systems(Startup, spawn_camera)
            .add_systems(
                PostUpdate,
                (follow_dreamer, apply_field_of_view).before(TransformSystems::Propagate),
            );
    }
}

fn spawn_camera(mut commands: Commands, settings: Res<Settings>) {
    commands.spawn((
        Name::new("Dream camera"),
        DreamCamera,
        Camera3d::default(),
        Hdr,
        Tonemapping::TonyMcMapface,
        Bloom::NATURAL,
        // Multisampling leaves black specks beside tiny HDR glints on some drivers; FXAA
        // smooths edges without them.
        Msaa::Off,
        bevy::anti_alias::fxaa::Fxaa::default(),
        Projection::Perspective(PerspectiveProjection {
            fov: settings.field_of_view.to_radians(),
            far: 2000.0,
            ..default()
        }),
        DistanceFog::default(),
        bevy::render::view::ColorGrading::default(),
        Transform::from_xyz(0.0, EYE_HEIGHT, 0.0),
    ));
}

fn apply_field_of_view(
    settings: Res<Settings>,
    mut projections: Query<&mut Projection, With<DreamCamera>>,
) {
    if !settings.is_changed() {
        return;
    }
    for mut projection in &mut projections {
        if let Projection::Perspective(perspective) = projection.as_mut() {
            perspective.fov = settings.field_of_view.clamp(50.0, 110.0).to_radians();
        }
    }
}

/// Places the camera at the dreamer's eyes, blended between the last two ticks so motion is
/// smooth at any frame rate.
fn follow_dreamer(
    fixed: Res<Time<Fixed>>,
    time: Res<Time>,
    settings: Res<Settings>,
    kneeling: Res<Kneeling>,
    mut kneel_depth: Local<f32>,
    dreamers: Query<&Dreamer>,
    mut cameras: Query<&mut Transform, With<DreamCamera>>,
) {
    let Ok(dreamer) = dreamers.single() else {
        return;
    };
    let blend = fixed.overstep_fraction();
    let position = dreamer.previous_position.lerp(dreamer.position, blend);
    let yaw = dreamer.previous_yaw + (dreamer.yaw - dreamer.previous_yaw) * blend;
    // Kneeling at the lotus lowers the view, softly.
    let kneel_target = if kneeling.kneeling { 1.0 } else { 0.0 };
    *kneel_depth += (kneel_target - *kneel_depth) * (1.0 - (-time.delta_secs() * 3.0).exp());
    let mut eye = Vec3::new(position.x, EYE_HEIGHT - 0.75 * *kneel_depth, position.y);
    let mut roll = 0.0;
    if settings.bob_enabled() {
        let phase = dreamer.distance_walked / STRIDE_LENGTH * TAU;
        let pace = (dreamer.velocity.length() / WALK_SPEED).min(1.0);
        // Weightless: a slow float, and only a soft dip with each stride.
        eye.y += (time.elapsed_secs() * 0.7).sin() * 0.03 + phase.cos() * 0.035 * pace;
        roll = (phase * 0.5).sin() * 0.006 * pace;
    }
    for mut transform in &mut cameras {
        transform.translation = eye;
        transform.rotation = Quat::from_euler(EulerRot::YXZ, yaw, dreamer.pitch, roll);
    }
}

/// Sets the fog, ambient light and clear colour for a chapter and spawns its sky; returns the
/// sky's mesh so its colours can change.
pub fn apply_mood(
    commands: &mut Commands,
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<StandardMaterial>,
    mood: &Mood,
    fogs: &mut Query<&mut DistanceFog, With<DreamCamera>>,
    scope: impl Bundle,
) -> Handle<Mesh> {
    for mut fog in fogs.iter_mut() {
        fog.color = mood.fog;
        fog.falloff = FogFalloff::Linear {
            start: mood.fog_start,
            end: mood.fog_end,
        };
    }
    commands.insert_resource(GlobalAmbientLight {
        color: mood.ambient,
        brightness: mood.ambient_brightness,
        affects_lightmapped_meshes: true,
    });
    commands.insert_resource(ClearColor(mood.fog));
    let sky = meshes.add(shapes::sky_dome(1500.0, &mood.sky));
    commands.spawn((
        Name::new("Sky"),
        Mesh3d(sky.clone()),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color: Color::WHITE,
            unlit: true,
            fog_enabled: false,
            cull_mode: None,
            ..default()
        })),
        bevy::light::NotShadowCaster,
        bevy::light::NotShadowReceiver,
        scope,
    ));
    sky
}
