//! The personal best's ghost as the player sees it: a faint, unlit figure walking the best
//! run's track beside this one, in the chapter it was in then.

use bevy::light::NotShadowCaster;
use bevy::prelude::*;

use crate::core::flow::{AppState, Chapter, DreamClock};
use crate::core::settings::Settings;
use crate::dream::walking::EYE_HEIGHT;
use crate::speedrun::ghost::Ghost;
use crate::speedrun::timer::RunTimer;

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(AppState::Playing), spawn_ghost)
        .add_systems(Update, walk_ghost.run_if(in_state(AppState::Playing)));
}

#[derive(Component)]
struct GhostFigure;

fn spawn_ghost(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    // Always there, hidden until a personal best's track has it walk.
    let material = materials.add(StandardMaterial {
        base_color: Color::srgba(0.75, 0.85, 1.0, 0.22),
        emissive: LinearRgba::rgb(0.25, 0.35, 0.6),
        alpha_mode: AlphaMode::Blend,
        unlit: true,
        ..default()
    });
    let body = meshes.add(Capsule3d::new(0.26, 1.0));
    let head = meshes.add(Sphere::new(0.17));
    commands.spawn((
        Name::new("Ghost of the personal best"),
        GhostFigure,
        Transform::default(),
        Visibility::Hidden,
        DespawnOnExit(AppState::Playing),
        children![
            (
                Mesh3d(body),
                MeshMaterial3d(material.clone()),
                NotShadowCaster,
                Transform::from_xyz(0.0, 0.78, 0.0),
            ),
            (
                Mesh3d(head),
                MeshMaterial3d(material),
                NotShadowCaster,
                Transform::from_xyz(0.0, EYE_HEIGHT - 0.05, 0.0),
            ),
        ],
    ));
}

fn walk_ghost(
    ghost: Res<Ghost>,
    settings: Res<Settings>,
    timer: Res<RunTimer>,
    clock: Res<DreamClock>,
    chapter: Option<Res<State<Chapter>>>,
    mut figures: Query<(&mut Transform, &mut Visibility), With<GhostFigure>>,
) {
    let garden = chapter.is_some_and(|c| *c.get() == Chapter::Garden);
    let place = match &ghost.0 {
        Some(track) if timer.started() && settings.ghost => {
            track.at(timer.game_ticks(clock.tick), garden)
        }
        _ => None,
    };
    for (mut transform, mut visibility) in &mut figures {
        match place {
            Some((at, yaw)) => {
                transform.translation = Vec3::new(at.x, 0.0, at.y);
                transform.rotation = Quat::from_rotation_y(yaw);
                visibility.set_if_neq(Visibility::Inherited);
            }
            None => {
                visibility.set_if_neq(Visibility::Hidden);
            }
        }
    }
}
