//! The title's view in the world: the garden's night sky, looking up from the horizon, and a
//! bloom for every finished dream, placed by its seed (the page's buttons are a screen).

use bevy::prelude::*;
use rand::RngExt;

use crate::core::flow::AppState;
use crate::core::rng::scenery_rng;
use crate::saving::title_garden::TitleGarden;
use crate::view::world::camera::DreamCamera;
use crate::view::world::garden::spawn_stars;
use crate::view::world::mood::{apply_mood, indigo_night};
use crate::view::world::shapes;

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(AppState::Title), title_view);
}

/// The title's view: the garden's night sky, looking up from the horizon, and a bloom for
/// every finished dream, placed by its seed.
fn title_view(
    mut commands: Commands,
    garden: Option<Res<TitleGarden>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut fogs: Query<&mut DistanceFog, With<DreamCamera>>,
    mut cameras: Query<&mut Transform, With<DreamCamera>>,
) {
    let scope = DespawnOnExit(AppState::Title);
    apply_mood(
        &mut commands,
        &mut meshes,
        &mut materials,
        &indigo_night(),
        &mut fogs,
        scope.clone(),
    );
    spawn_stars(&mut commands, &mut meshes, &mut materials, scope.clone());
    if let Some(garden) = garden {
        for (index, bloom) in garden.blooms.iter().take(400).enumerate() {
            let mut rng = scenery_rng(&format!("bloom {} {index}", bloom.seed));
            let at = Vec3::new(
                rng.random_range(-9.0..9.0),
                0.0,
                -rng.random_range(4.0..22.0),
            );
            let (petal, heart) = [
                (
                    LinearRgba::rgb(0.9, 0.35, 0.55),
                    LinearRgba::rgb(1.4, 1.0, 0.5),
                ),
                (
                    LinearRgba::rgb(0.6, 0.4, 1.0),
                    LinearRgba::rgb(1.2, 1.0, 0.7),
                ),
                (
                    LinearRgba::rgb(1.0, 0.7, 0.35),
                    LinearRgba::rgb(1.3, 0.6, 0.4),
                ),
            ][index % 3];
            commands.spawn((
                Mesh3d(meshes.add(shapes::plants::flower(6, 0.2, 0.5, petal, heart).into_mesh())),
                MeshMaterial3d(materials.add(StandardMaterial {
                    base_color: Color::WHITE,
                    emissive: LinearRgba::rgb(0.15, 0.1, 0.2),
                    double_sided: true,
                    cull_mode: None,
                    ..default()
                })),
                Transform::from_translation(at).with_scale(Vec3::splat(1.6)),
                scope.clone(),
            ));
        }
    }
    for mut transform in &mut cameras {
        *transform =
            Transform::from_xyz(0.0, 1.6, 0.0).looking_to(Vec3::new(0.0, 0.18, -1.0), Vec3::Y);
    }
}
