//! The towers' secrets: pulses of light and darkness passing from one tower to another along
//! threads of light strung across the avenues; as the city cools, light grows rarer and the
//! threads go out.

use bevy::light::{NotShadowCaster, NotShadowReceiver};
use bevy::prelude::*;
use rand::RngExt;

use crate::core::flow::Chapter;
use crate::core::rng::scenery_rng;
use crate::dream::darkening::Warmth;
use crate::level::nav::NavGrid;
use crate::level::{LevelDef, Obstacle};
use crate::view::world::motion::{Ambient, whisper_travel};
use crate::view::world::shapes::{self, MeshParts};

pub fn plugin(app: &mut App) {
    app.add_systems(Update, pass_whispers.run_if(in_state(Chapter::City)));
}

/// A pulse of light or darkness passing from one tower to another.
#[derive(Component)]
struct Whisper {
    from: Vec3,
    to: Vec3,
    progress: f32,
    wait: f32,
    dark: bool,
    seed: u32,
}

/// The glow of the threads of light between the towers at dusk (added to what lies behind).
pub(crate) const THREAD_GLOW: LinearRgba = LinearRgba::new(3.2, 2.1, 1.1, 0.5);

/// A pulse of light, bright enough to bloom into a glow.
pub(crate) const LIGHT_WHISPER: LinearRgba = LinearRgba::rgb(14.0, 8.5, 4.0);

/// Where a whisper is, `t` of the way along its path: it arcs a little between the towers.
fn along_whisper(from: Vec3, to: Vec3, t: f32) -> Vec3 {
    from.lerp(to, t) + Vec3::Y * (t * std::f32::consts::PI).sin() * 1.5
}

/// Secrets in light and darkness passing between the towers, light along faint threads of
/// light strung from tower to tower; returns the light's and the threads' materials, which
/// dim as the city cools.
pub(crate) fn spawn_whispers(
    commands: &mut Commands,
    level: &LevelDef,
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<StandardMaterial>,
) -> (Handle<StandardMaterial>, Handle<StandardMaterial>) {
    let light_whisper = materials.add(StandardMaterial {
        // Unlit draws its base colour alone (an emissive would be ignored): the glow is it.
        base_color: Color::from(LIGHT_WHISPER),
        unlit: true,
        ..default()
    });
    // Darkness as smoke, not a solid: a faint violet core in a fainter veil.
    let dark_whisper = materials.add(StandardMaterial {
        base_color: Color::srgba(0.02, 0.01, 0.05, 0.3),
        alpha_mode: AlphaMode::Blend,
        unlit: true,
        ..default()
    });
    let dark_veil = materials.add(StandardMaterial {
        base_color: Color::srgba(0.03, 0.015, 0.06, 0.1),
        alpha_mode: AlphaMode::Blend,
        unlit: true,
        ..default()
    });
    let orb = meshes.add(Sphere::new(0.26).mesh().uv(16, 8));
    let veil = meshes.add(Sphere::new(0.6).mesh().uv(16, 8));
    let mut rng = scenery_rng("city whispers");
    let mut threads = MeshParts::default();
    for (index, (from, to)) in whisper_paths(level).into_iter().enumerate() {
        let dark = index % 3 == 2;
        if !dark {
            const SEGMENTS: u32 = 24;
            for segment in 0..SEGMENTS {
                let t = segment as f32 / SEGMENTS as f32;
                let next = (segment + 1) as f32 / SEGMENTS as f32;
                shapes::limb(
                    &mut threads,
                    along_whisper(from, to, t),
                    along_whisper(from, to, next),
                    0.07,
                    0.07,
                    LinearRgba::WHITE,
                );
            }
        }
        let mut whisper = commands.spawn((
            Name::new(if dark {
                "Whisper of darkness"
            } else {
                "Whisper of light"
            }),
            Whisper {
                from,
                to,
                progress: rng.random_range(0.0..1.0),
                wait: 0.0,
                dark,
                seed: index as u32,
            },
            Mesh3d(orb.clone()),
            MeshMaterial3d(if dark {
                dark_whisper.clone()
            } else {
                light_whisper.clone()
            }),
            Transform::from_translation(from),
            NotShadowCaster,
            DespawnOnExit(Chapter::City),
        ));
        if dark {
            whisper.with_child((
                Mesh3d(veil.clone()),
                MeshMaterial3d(dark_veil.clone()),
                NotShadowCaster,
            ));
        }
    }
    let whisper_threads = materials.add(StandardMaterial {
        base_color: Color::from(THREAD_GLOW),
        alpha_mode: AlphaMode::Add,
        unlit: true,
        ..default()
    });
    commands.spawn((
        Name::new("Threads of light between the towers"),
        Mesh3d(meshes.add(threads.into_mesh())),
        MeshMaterial3d(whisper_threads.clone()),
        NotShadowCaster,
        NotShadowReceiver,
        DespawnOnExit(Chapter::City),
    ));
    (light_whisper, whisper_threads)
}

/// Pairs of towers facing each other across the avenues, and the heights where their
/// secrets pass.
fn whisper_paths(level: &LevelDef) -> Vec<(Vec3, Vec3)> {
    let grid = NavGrid::new(level);
    let mut rng = scenery_rng("city whisper paths");
    let mut paths = Vec::new();
    for (i, a) in level.obstacles.iter().enumerate() {
        for b in level.obstacles.iter().skip(i + 1) {
            let (pa, pb) = (a.at.vec(), b.at.vec());
            let distance = pa.distance(pb);
            // Across an avenue: near enough to whisper, with open ground between them.
            if !(12.0..=32.0).contains(&distance) || !grid.is_walkable((pa + pb) * 0.5) {
                continue;
            }
            let height = a.height.min(b.height) * rng.random_range(0.12..0.5);
            let lean_at = |o: &Obstacle| {
                let t = height / o.height;
                o.lean.vec() * t * t
            };
            let towards = (pb - pa).normalize();
            let from = pa + lean_at(a) + towards * a.footprint.width.max(a.footprint.depth) * 0.45;
            let to = pb + lean_at(b) - towards * b.footprint.width.max(b.footprint.depth) * 0.45;
            paths.push((
                Vec3::new(from.x, height, from.y),
                Vec3::new(to.x, height, to.y),
            ));
        }
    }
    paths.truncate(48);
    paths
}

/// Whispers travel from tower to tower; as the city cools, light grows rarer.
fn pass_whispers(
    time: Res<Time>,
    ambient: Res<Ambient>,
    warmth: Res<Warmth>,
    mut whispers: Query<(&mut Whisper, &mut Transform)>,
) {
    let dt = ambient.delta;
    let coldness = warmth.coldness();
    for (mut whisper, mut transform) in &mut whispers {
        if whisper.wait > 0.0 {
            whisper.wait -= dt;
            transform.scale = Vec3::ZERO;
            continue;
        }
        whisper.progress += whisper_travel(whisper.from.distance(whisper.to), *ambient);
        if whisper.progress >= 1.0 {
            whisper.progress = 0.0;
            // A pseudo-random pause of its own; light waits longer in the cold.
            let jitter =
                ((whisper.seed as f32 * 12.9898 + time.elapsed_secs()).sin() * 0.5 + 0.5) * 4.0;
            let cold_pause = if whisper.dark { 0.0 } else { coldness * 6.0 };
            whisper.wait = 0.5 + jitter + cold_pause;
            whisper.seed = whisper
                .seed
                .wrapping_mul(1_103_515_245)
                .wrapping_add(12_345);
        }
        let t = whisper.progress;
        let at = along_whisper(whisper.from, whisper.to, t);
        let direction = (whisper.to - whisper.from).normalize_or_zero();
        *transform = Transform::from_translation(at)
            .looking_to(direction, Vec3::Y)
            .with_scale(Vec3::new(1.0, 1.0, 2.5) * (t * std::f32::consts::PI).sin().max(0.2));
    }
}
