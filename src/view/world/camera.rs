//! The dreamer's eyes: the HDR camera with bloom and fog, drawn smoothly between logic ticks,
//! kneeling and head bob, and the field of view.

use std::f32::consts::TAU;

use bevy::camera::Hdr;
use bevy::core_pipeline::tonemapping::Tonemapping;
use bevy::post_process::bloom::Bloom;
use bevy::prelude::*;

use crate::core::settings::Settings;
use crate::dream::lotus::Kneeling;
use crate::dream::walking::{Dreamer, EYE_HEIGHT, STRIDE_LENGTH, WALK_SPEED};
use crate::view::world::motion::{Ambient, breathing};

/// The one camera: the dreamer's eyes, or the title's view.
#[derive(Component, Debug)]
pub(crate) struct DreamCamera;

pub fn plugin(app: &mut App) {
    app.insert_resource(ClearColor(Color::srgb(0.02, 0.02, 0.05)))
        .add_systems(Startup, spawn_camera)
        .add_systems(
            PostUpdate,
            (follow_dreamer, apply_field_of_view).before(TransformSystems::Propagate),
        );
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
            fov: settings.vertical_field_of_view().to_radians(),
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
            perspective.fov = settings.vertical_field_of_view().to_radians();
        }
    }
}

/// Places the camera at the dreamer's eyes, blended between the last two ticks so motion is
/// smooth at any frame rate.
#[expect(
    clippy::too_many_arguments,
    reason = "the eye follows the dreamer, the kneel, the settings and the ambient float"
)]
pub(super) fn follow_dreamer(
    fixed: Res<Time<Fixed>>,
    time: Res<Time>,
    ambient: Res<Ambient>,
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
        eye.y += breathing(*ambient) + phase.cos() * 0.035 * pace;
        roll = (phase * 0.5).sin() * 0.006 * pace;
    }
    for mut transform in &mut cameras {
        transform.translation = eye;
        transform.rotation = Quat::from_euler(EulerRot::YXZ, yaw, dreamer.pitch, roll);
    }
}
