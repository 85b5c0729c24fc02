//! The Garden under a velvet, indigo sky: stars, soft earth, moonlight, and flowers the colour
//! of longing and comfort.

use std::f32::consts::TAU;

use bevy::light::{NotShadowCaster, NotShadowReceiver};
use bevy::prelude::*;
use rand::RngExt;

use chacha20::ChaCha8Rng;
use rand::SeedableRng;

use crate::flow::{AppState, Chapter, DreamSystems};
use crate::level::{LevelDef, Levels};
use crate::rng::scenery_rng;
use crate::shapes::{self, MeshParts};
use crate::visuals::{DreamCamera, Mood, apply_mood};
use crate::walking::Dreamer;

/// A flower of the meadow: where it grows, which of the species, how big and how turned.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlowerSpot {
    pub position: Vec2,
    pub species: u8,
    pub scale: f32,
    pub turn: f32,
}

/// Number of flower species in the meadow.
pub const SPECIES: u8 = 6;
/// Flowers in the meadow, the unreachable far field included.
pub const MEADOW_FLOWERS: usize = 24_000;
/// How far past the walkable bounds the meadow runs toward the horizon, metres.
pub const MEADOW_BEYOND: f32 = 140.0;

/// The meadow for a dream: scattered by its seed in soft drifts, clear of stones, the lotus
/// clearing, the river and the voice flowers.
pub fn meadow_layout(level: &LevelDef, seed: u64) -> Vec<FlowerSpot> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6d65_6164_6f77); // "meadow"
    let min = level.bounds.min.vec() - Vec2::splat(MEADOW_BEYOND);
    let max = level.bounds.max.vec() + Vec2::splat(MEADOW_BEYOND);
    let drift_phase = Vec2::new(rng.random_range(0.0..TAU), rng.random_range(0.0..TAU));
    let mut spots = Vec::with_capacity(MEADOW_FLOWERS);
    while spots.len() < MEADOW_FLOWERS {
        let p = Vec2::new(
            rng.random_range(min.x..max.x),
            rng.random_range(min.y..max.y),
        );
        // Soft drifts: denser in some places, sparse in others, never empty.
        let drift =
            ((p.x * 0.045 + drift_phase.x).sin() * (p.y * 0.05 + drift_phase.y).cos()) * 0.5 + 0.5;
        let inside = level.bounds.contains(p, 0.0);
        let density = if inside {
            0.25 + 0.75 * drift
        } else {
            0.1 + 0.4 * drift
        };
        if rng.random_range(0.0..1.0f32) > density || !room_for_a_flower(level, p) {
            continue;
        }
        // Each drift favours a colour, with strays of the others.
        let favoured = ((drift * 2.999 + (p.x * 0.01).sin()) * 2.0) as u8 % SPECIES;
        let species = if rng.random_range(0.0..1.0f32) < 0.7 {
            favoured
        } else {
            rng.random_range(0..SPECIES)
        };
        spots.push(FlowerSpot {
            position: p,
            species,
            scale: rng.random_range(0.75..1.45),
            turn: rng.random_range(0.0..TAU),
        });
    }
    spots
}

fn room_for_a_flower(level: &LevelDef, p: Vec2) -> bool {
    if level.obstacles.iter().any(|o| o.clearance(p).0 < 0.4) {
        return false;
    }
    if let Some(lotus) = &level.lotus
        && p.distance(lotus.at.vec()) < lotus.radius + 7.0
    {
        return false;
    }
    if let Some(river) = &level.river
        && distance_to_path(&river.path, p) < river.width * 0.5 + 0.6
    {
        return false;
    }
    level.voices.iter().all(|v| p.distance(v.at.vec()) > 1.2)
}

/// Distance from `p` to the polyline through `path`.
pub fn distance_to_path(path: &[crate::level::Point], p: Vec2) -> f32 {
    path.windows(2)
        .map(|pair| {
            let (a, b) = (pair[0].vec(), pair[1].vec());
            let ab = b - a;
            let t = ((p - a).dot(ab) / ab.length_squared().max(1e-6)).clamp(0.0, 1.0);
            p.distance(a + ab * t)
        })
        .fold(f32::MAX, f32::min)
}

/// The dreamer walked into a fragrance's air.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct FragranceNoticed {
    pub name: String,
}

/// The fragrance the dreamer stands in, if any.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct CurrentFragrance(pub Option<String>);

/// What happens in the garden regardless of how it looks: the fragrances.
pub struct GardenLogicPlugin;

impl Plugin for GardenLogicPlugin {
    fn build(&self, app: &mut App) {
        app.add_message::<FragranceNoticed>()
            .init_resource::<CurrentFragrance>()
            .add_systems(
                OnEnter(AppState::Playing),
                |mut current: ResMut<CurrentFragrance>| {
                    current.0 = None;
                },
            )
            .add_systems(FixedUpdate, breathe_fragrances.in_set(DreamSystems::React));
    }
}

fn breathe_fragrances(
    levels: Res<Levels>,
    chapter: Res<State<Chapter>>,
    dreamers: Query<&Dreamer>,
    mut current: ResMut<CurrentFragrance>,
    mut noticed: MessageWriter<FragranceNoticed>,
) {
    let Ok(dreamer) = dreamers.single() else {
        return;
    };
    let here = if *chapter.get() == Chapter::Garden {
        levels
            .garden
            .fragrances
            .iter()
            .filter(|f| dreamer.position.distance(f.at.vec()) <= f.radius)
            .min_by(|a, b| {
                let da = dreamer.position.distance(a.at.vec()) / a.radius;
                let db = dreamer.position.distance(b.at.vec()) / b.radius;
                da.total_cmp(&db)
            })
            .map(|f| f.name.clone())
    } else {
        None
    };
    if here != current.0 {
        if let Some(name) = &here {
            noticed.write(FragranceNoticed { name: name.clone() });
        }
        current.0 = here;
    }
}

pub struct GardenPlugin;

impl Plugin for GardenPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(OnEnter(Chapter::Garden), build_garden);
    }
}

/// The garden's night: deep indigo overhead, a violet glow at the horizon.
pub fn indigo_night() -> Mood {
    Mood {
        sky: vec![
            (-1.0, LinearRgba::rgb(0.01, 0.01, 0.03)),
            (-0.05, LinearRgba::rgb(0.04, 0.03, 0.12)),
            (0.0, LinearRgba::rgb(0.2, 0.12, 0.42)),
            (0.12, LinearRgba::rgb(0.08, 0.05, 0.3)),
            (0.45, LinearRgba::rgb(0.025, 0.02, 0.16)),
            (1.0, LinearRgba::rgb(0.008, 0.006, 0.07)),
        ],
        fog: Color::srgb(0.1, 0.07, 0.24),
        fog_start: 25.0,
        fog_end: 190.0,
        ambient: Color::srgb(0.55, 0.5, 1.0),
        ambient_brightness: 260.0,
    }
}

/// Flower colours: the colour of longing (rose, violet, deep blue) and of comfort (warm
/// amber, cream), each with the heart it opens around.
const PALETTE: [(LinearRgba, LinearRgba); 6] = [
    (
        LinearRgba::rgb(0.9, 0.25, 0.45),
        LinearRgba::rgb(1.4, 0.9, 0.4),
    ),
    (
        LinearRgba::rgb(0.55, 0.3, 0.95),
        LinearRgba::rgb(1.2, 1.0, 0.6),
    ),
    (
        LinearRgba::rgb(0.3, 0.45, 1.0),
        LinearRgba::rgb(1.0, 1.0, 1.3),
    ),
    (
        LinearRgba::rgb(1.0, 0.6, 0.25),
        LinearRgba::rgb(1.3, 0.5, 0.3),
    ),
    (
        LinearRgba::rgb(0.95, 0.85, 0.75),
        LinearRgba::rgb(1.3, 1.0, 0.5),
    ),
    (
        LinearRgba::rgb(0.75, 0.3, 0.7),
        LinearRgba::rgb(1.3, 0.8, 0.9),
    ),
];

fn build_garden(
    mut commands: Commands,
    levels: Res<Levels>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut fogs: Query<&mut DistanceFog, With<DreamCamera>>,
) {
    let level = &levels.garden;
    let scope = DespawnOnExit(Chapter::Garden);
    apply_mood(
        &mut commands,
        &mut meshes,
        &mut materials,
        &indigo_night(),
        &mut fogs,
        scope.clone(),
    );
    spawn_stars(&mut commands, &mut meshes, &mut materials, scope.clone());

    commands.spawn((
        Name::new("Moonlight"),
        DirectionalLight {
            color: Color::srgb(0.7, 0.75, 1.0),
            illuminance: 1800.0,
            shadow_maps_enabled: true,
            ..default()
        },
        Transform::default().looking_to(Vec3::new(-0.3, -0.6, -0.5), Vec3::Y),
        scope.clone(),
    ));

    let size = level.bounds.size() + Vec2::splat(600.0);
    let centre = level.bounds.center();
    commands.spawn((
        Name::new("Soft earth"),
        Mesh3d(meshes.add(Plane3d::default().mesh().size(size.x, size.y))),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color: Color::srgb(0.05, 0.04, 0.09),
            perceptual_roughness: 0.95,
            ..default()
        })),
        Transform::from_xyz(centre.x, 0.0, centre.y),
        scope.clone(),
    ));

    let flowers = meadow(level);
    commands.spawn((
        Name::new("Meadow"),
        Mesh3d(meshes.add(flowers.into_mesh())),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color: Color::WHITE,
            perceptual_roughness: 0.6,
            double_sided: true,
            cull_mode: None,
            ..default()
        })),
        NotShadowCaster,
        scope.clone(),
    ));

    for obstacle in &level.obstacles {
        commands.spawn((
            Name::new(format!("Standing stone {}", obstacle.id)),
            Mesh3d(meshes.add(shapes::leaning_tower(
                obstacle.footprint.width,
                obstacle.footprint.depth,
                obstacle.height,
                obstacle.lean.vec(),
            ))),
            MeshMaterial3d(materials.add(StandardMaterial {
                base_color: Color::srgb(0.22, 0.2, 0.32),
                perceptual_roughness: 0.8,
                ..default()
            })),
            Transform::from_xyz(obstacle.at.x, 0.0, obstacle.at.z)
                .with_rotation(Quat::from_rotation_y(obstacle.turn.to_radians())),
            scope.clone(),
        ));
    }
}

/// Flowers gathered in drifts around the garden, thickest near where the dreamer walks.
fn meadow(level: &LevelDef) -> MeshParts {
    let mut rng = scenery_rng("garden meadow");
    let species: Vec<MeshParts> = PALETTE
        .iter()
        .enumerate()
        .map(|(i, &(petal, heart))| {
            shapes::flower(
                5 + (i as u32 % 3),
                0.16 + 0.03 * (i % 2) as f32,
                0.35 + 0.08 * (i % 3) as f32,
                petal,
                heart,
            )
        })
        .collect();
    let mut field = MeshParts::default();
    let bounds = level.bounds;
    let mut planted = 0;
    while planted < 4000 {
        let p = Vec2::new(
            rng.random_range(bounds.min.x..bounds.max.x),
            rng.random_range(bounds.min.z..bounds.max.z),
        );
        if level.obstacles.iter().any(|o| o.clearance(p).0 < 0.3) {
            continue;
        }
        // Drifts: each area of the garden favours one colour.
        let drift = ((p.x * 0.05).sin() + (p.y * 0.043).cos() + 2.0) * 1.5;
        let kind = (drift as usize + rng.random_range(0..2usize)) % species.len();
        let scale = rng.random_range(0.8..1.4);
        field.append(
            &species[kind],
            &Transform::from_xyz(p.x, 0.0, p.y)
                .with_rotation(Quat::from_rotation_y(rng.random_range(0.0..TAU)))
                .with_scale(Vec3::splat(scale)),
        );
        planted += 1;
    }
    field
}

pub fn spawn_stars(
    commands: &mut Commands,
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<StandardMaterial>,
    scope: impl Bundle,
) {
    let mut rng = scenery_rng("garden stars");
    let mut sky = MeshParts::default();
    for _ in 0..1800 {
        let azimuth = rng.random_range(0.0..TAU);
        let height: f32 = rng.random_range(0.04..1.0f32).powf(0.7);
        let direction = Vec3::new(
            (1.0 - height * height).sqrt() * azimuth.cos(),
            height,
            (1.0 - height * height).sqrt() * azimuth.sin(),
        );
        let brightness = rng.random_range(1.0..6.0);
        let star = shapes::glint(
            rng.random_range(1.2..3.2),
            LinearRgba::rgb(0.9, 0.9, 1.2) * brightness,
        );
        sky.append(
            &star,
            &Transform::from_translation(direction * 1400.0)
                .with_rotation(Quat::from_rotation_arc(Vec3::Y, -direction)),
        );
    }
    commands.spawn((
        Name::new("Stars"),
        Mesh3d(meshes.add(sky.into_mesh())),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color: Color::WHITE,
            unlit: true,
            fog_enabled: false,
            cull_mode: None,
            ..default()
        })),
        NotShadowCaster,
        NotShadowReceiver,
        scope,
    ));
}
