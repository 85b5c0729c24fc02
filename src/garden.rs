//! The Garden under a velvet, indigo sky: stars, soft earth, moonlight, and flowers the colour
//! of longing and comfort.

use std::f32::consts::TAU;

use bevy::light::{NotShadowCaster, NotShadowReceiver};
use bevy::prelude::*;
use rand::RngExt;

use chacha20::ChaCha8Rng;
use rand::SeedableRng;

use bevy::pbr::{ExtendedMaterial, MaterialExtension};
use bevy::render::render_resource::AsBindGroup;
use bevy::shader::ShaderRef;

use crate::flow::{AppState, Chapter, DreamSystems};
use crate::level::{LevelDef, Levels};
use crate::lotus::WorryTree;
use crate::rng::DreamRng;
use crate::rng::scenery_rng;
use crate::settings::Settings;
use crate::shapes::{self, MeshParts};
use crate::visuals::{DreamCamera, Mood, apply_mood};
use crate::voices::VoiceFlower;
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
/// Of those, how many grow where the dreamer can walk; the rest reach toward the horizon.
pub const MEADOW_NEAR: usize = 46_000;
/// Flowers in the meadow, the unreachable far field included.
pub const MEADOW_FLOWERS: usize = 60_000;
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
    let mut near = 0;
    while spots.len() < MEADOW_FLOWERS {
        // Fill the walkable garden first, then the far field out to the horizon.
        let (lo, hi) = if near < MEADOW_NEAR {
            (level.bounds.min.vec(), level.bounds.max.vec())
        } else {
            (min, max)
        };
        let p = Vec2::new(rng.random_range(lo.x..hi.x), rng.random_range(lo.y..hi.y));
        let inside = level.bounds.contains(p, 0.0);
        if near >= MEADOW_NEAR && inside {
            continue;
        }
        // Soft drifts: denser in some places, sparse in others, never empty.
        let drift =
            ((p.x * 0.045 + drift_phase.x).sin() * (p.y * 0.05 + drift_phase.y).cos()) * 0.5 + 0.5;
        let density = if inside {
            0.3 + 0.7 * drift
        } else {
            0.2 + 0.5 * drift
        };
        if rng.random_range(0.0..1.0f32) > density || !room_for_a_flower(level, p) {
            continue;
        }
        if inside {
            near += 1;
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
            scale: rng.random_range(1.0..1.9),
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
        app.add_plugins(MaterialPlugin::<SwayMaterial>::default())
            .add_systems(OnEnter(Chapter::Garden), build_garden)
            .add_observer(draw_tree)
            .add_observer(draw_voice_flower)
            .add_systems(
                Update,
                (
                    open_voice_flowers,
                    swirl_wisps,
                    grow_trees,
                    keep_sway_settings,
                )
                    .run_if(in_state(Chapter::Garden)),
            );
    }
}

/// A gentle sway on top of the standard PBR material.
#[derive(Asset, AsBindGroup, Reflect, Debug, Clone, Default)]
pub struct Sway {
    /// x: sway at the top of a stem (m), y: gust speed, z: how open the blooms are (dawn).
    #[uniform(100)]
    pub params: Vec4,
}

impl MaterialExtension for Sway {
    fn vertex_shader() -> ShaderRef {
        "shaders/sway.wgsl".into()
    }
}

pub type SwayMaterial = ExtendedMaterial<StandardMaterial, Sway>;

const SWAY: f32 = 0.06;

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
        ambient_brightness: 420.0,
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

/// The garden's sky, so the dawn can repaint it.
#[derive(Resource)]
pub struct GardenSky(pub Handle<Mesh>);

/// The garden's directional light: moonlight, warming to sunlight at dawn.
#[derive(Component)]
pub struct Moonlight;

/// Handles the garden's moving parts need.
#[derive(Resource)]
pub struct GardenLook {
    pub sway: Handle<SwayMaterial>,
}

/// A voice flower's bloom, opening while its voice speaks.
#[derive(Component)]
struct VoiceBloom {
    glow: Handle<StandardMaterial>,
    openness: f32,
}

/// A wisp of fragrance circling its zone.
#[derive(Component)]
struct Wisp {
    centre: Vec2,
    radius: f32,
    height: f32,
    speed: f32,
    phase: f32,
}

#[expect(
    clippy::too_many_arguments,
    reason = "building the garden touches every kind of asset"
)]
fn build_garden(
    mut commands: Commands,
    levels: Res<Levels>,
    rng: Res<DreamRng>,
    settings: Res<Settings>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut sways: ResMut<Assets<SwayMaterial>>,
    mut fogs: Query<&mut DistanceFog, With<DreamCamera>>,
) {
    let level = &levels.garden;
    let scope = DespawnOnExit(Chapter::Garden);
    let sky = apply_mood(
        &mut commands,
        &mut meshes,
        &mut materials,
        &indigo_night(),
        &mut fogs,
        scope.clone(),
    );
    commands.insert_resource(GardenSky(sky));
    spawn_stars(&mut commands, &mut meshes, &mut materials, scope.clone());

    commands.spawn((
        Name::new("Moonlight"),
        Moonlight,
        DirectionalLight {
            color: Color::srgb(0.7, 0.75, 1.0),
            illuminance: 2600.0,
            shadow_maps_enabled: true,
            ..default()
        },
        Transform::default().looking_to(Vec3::new(-0.3, -0.6, -0.5), Vec3::Y),
        scope.clone(),
    ));

    let size = level.bounds.size() + Vec2::splat(2.0 * MEADOW_BEYOND + 400.0);
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

    // The meadow: one mesh per species, every flower an instance of it, so the whole field
    // is drawn in a handful of instanced draws.
    let species: Vec<Handle<Mesh>> = PALETTE
        .iter()
        .enumerate()
        .map(|(i, &(petal, heart))| {
            let petals = 5 + (i as u32 % 3);
            let length = 0.16 + 0.03 * (i % 2) as f32;
            let stem = 0.35 + 0.08 * (i % 3) as f32;
            meshes.add(shapes::flower(petals, length, stem, petal, heart).into_mesh())
        })
        .collect();
    let sway = sways.add(SwayMaterial {
        base: StandardMaterial {
            base_color: Color::WHITE,
            perceptual_roughness: 0.6,
            double_sided: true,
            cull_mode: None,
            ..default()
        },
        extension: Sway {
            params: Vec4::new(
                if settings.reduced_motion { 0.0 } else { SWAY },
                0.8,
                0.0,
                0.0,
            ),
        },
    });
    let flowers: Vec<_> = meadow_layout(level, rng.seed())
        .into_iter()
        .map(|spot| {
            (
                Mesh3d(species[spot.species as usize].clone()),
                MeshMaterial3d(sway.clone()),
                Transform::from_xyz(spot.position.x, 0.0, spot.position.y)
                    .with_rotation(Quat::from_rotation_y(spot.turn))
                    .with_scale(Vec3::splat(spot.scale)),
                NotShadowCaster,
                scope.clone(),
            )
        })
        .collect();
    commands.spawn_batch(flowers);

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

    if let Some(lotus) = &level.lotus {
        commands.spawn((
            Name::new("The lotus"),
            Mesh3d(meshes.add(shapes::lotus_petals(lotus.radius).into_mesh())),
            MeshMaterial3d(materials.add(StandardMaterial {
                base_color: Color::WHITE,
                emissive: LinearRgba::rgb(1.2, 0.8, 1.0),
                perceptual_roughness: 0.5,
                double_sided: true,
                cull_mode: None,
                ..default()
            })),
            Transform::from_xyz(lotus.at.x, 0.0, lotus.at.z),
            NotShadowCaster,
            scope.clone(),
            children![
                (
                    PointLight {
                        color: Color::srgb(1.0, 0.8, 0.95),
                        intensity: 250_000.0,
                        range: 28.0,
                        ..default()
                    },
                    Transform::from_xyz(0.0, 1.6, 0.0),
                ),
                (
                    // The broad dark pad it floats on.
                    Mesh3d(meshes.add(Circle::new(lotus.radius * 1.1).mesh().resolution(40))),
                    MeshMaterial3d(materials.add(StandardMaterial {
                        base_color: Color::srgb(0.03, 0.1, 0.07),
                        perceptual_roughness: 0.35,
                        ..default()
                    })),
                    Transform::from_xyz(0.0, 0.02, 0.0)
                        .with_rotation(Quat::from_rotation_x(-std::f32::consts::FRAC_PI_2)),
                ),
            ],
        ));
    }

    // Fragrances: coloured wisps circling each zone.
    let wisp_mesh = meshes.add(Sphere::new(0.07).mesh().ico(1).expect("a small icosphere"));
    let mut scatter = scenery_rng("garden wisps");
    for fragrance in &level.fragrances {
        let (r, g, b) = fragrance.color;
        let material = materials.add(StandardMaterial {
            base_color: Color::BLACK,
            emissive: LinearRgba::rgb(r, g, b) * 2.5,
            alpha_mode: AlphaMode::Add,
            unlit: true,
            ..default()
        });
        for _ in 0..36 {
            commands.spawn((
                Name::new(format!("Wisp of {}", fragrance.name)),
                Wisp {
                    centre: fragrance.at.vec(),
                    radius: scatter.random_range(0.2..1.0) * fragrance.radius,
                    height: scatter.random_range(0.4..2.6),
                    speed: scatter.random_range(0.08..0.25)
                        * if scatter.random_bool(0.5) { 1.0 } else { -1.0 },
                    phase: scatter.random_range(0.0..TAU),
                },
                Mesh3d(wisp_mesh.clone()),
                MeshMaterial3d(material.clone()),
                Transform::from_xyz(fragrance.at.x, 1.0, fragrance.at.z),
                NotShadowCaster,
                NotShadowReceiver,
                scope.clone(),
            ));
        }
    }

    commands.insert_resource(GardenLook { sway });
}

/// Voice flowers: taller blooms with a glowing heart, one material each so each can open.
fn draw_voice_flower(
    added: On<Add, VoiceFlower>,
    voices: Query<&VoiceFlower>,
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let Ok(voice) = voices.get(added.entity) else {
        return;
    };
    let bloom = shapes::flower(
        7,
        0.42,
        0.95,
        LinearRgba::rgb(0.85, 0.6, 1.0),
        LinearRgba::rgb(1.5, 1.2, 0.7),
    );
    let glow = materials.add(StandardMaterial {
        base_color: Color::WHITE,
        emissive: LinearRgba::rgb(0.2, 0.12, 0.3),
        double_sided: true,
        cull_mode: None,
        ..default()
    });
    commands.entity(added.entity).insert((
        Transform::from_xyz(voice.position.x, 0.0, voice.position.y)
            .with_scale(Vec3::new(0.8, 1.0, 0.8)),
        Visibility::default(),
        VoiceBloom {
            glow: glow.clone(),
            openness: 0.0,
        },
        children![(
            Mesh3d(meshes.add(bloom.into_mesh())),
            MeshMaterial3d(glow),
            NotShadowCaster
        )],
    ));
}

/// A voice flower opens while it speaks and settles closed when the dreamer walks away.
fn open_voice_flowers(
    time: Res<Time>,
    mut blooms: Query<(&VoiceFlower, &mut VoiceBloom, &mut Transform)>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    for (voice, mut bloom, mut transform) in &mut blooms {
        let target = if voice.open { 1.0 } else { 0.0 };
        bloom.openness += (target - bloom.openness) * (1.0 - (-time.delta_secs() * 2.5).exp());
        let open = bloom.openness;
        transform.scale = Vec3::new(0.8 + 0.6 * open, 1.0 + 0.2 * open, 0.8 + 0.6 * open);
        if let Some(mut glow) = materials.get_mut(&bloom.glow) {
            glow.emissive =
                LinearRgba::rgb(0.2, 0.12, 0.3).mix(&LinearRgba::rgb(1.6, 1.1, 2.2), open);
        }
    }
}

fn swirl_wisps(
    time: Res<Time>,
    settings: Res<Settings>,
    mut wisps: Query<(&Wisp, &mut Transform)>,
) {
    let t = if settings.reduced_motion {
        0.0
    } else {
        time.elapsed_secs()
    };
    for (wisp, mut transform) in &mut wisps {
        let angle = wisp.phase + t * wisp.speed;
        let wobble = (t * 0.7 + wisp.phase * 3.0).sin();
        let r = wisp.radius * (0.85 + 0.15 * wobble);
        transform.translation = Vec3::new(
            wisp.centre.x + angle.cos() * r,
            wisp.height + 0.3 * (t * 0.9 + wisp.phase).sin(),
            wisp.centre.y + angle.sin() * r,
        );
    }
}

/// Marks a tree that should show fully grown at once (screenshots, scene skips).
#[derive(Component)]
pub struct FullyGrown;

/// A tree's growth from its cracked worry, 0..1.
#[derive(Component)]
struct Growth {
    age: f32,
}

const GROWTH_SECONDS: f32 = 4.5;

fn draw_tree(
    added: On<Add, WorryTree>,
    trees: Query<&WorryTree>,
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let Ok(tree) = trees.get(added.entity) else {
        return;
    };
    let material = materials.add(StandardMaterial {
        base_color: Color::WHITE,
        emissive: LinearRgba::rgb(0.05, 0.06, 0.04),
        perceptual_roughness: 0.8,
        double_sided: true,
        cull_mode: None,
        ..default()
    });
    let stone = materials.add(StandardMaterial {
        base_color: Color::srgb(0.06, 0.05, 0.08),
        perceptual_roughness: 0.4,
        ..default()
    });
    let half = meshes.add(Sphere::new(0.22).mesh().uv(12, 6));
    commands.entity(added.entity).insert((
        Transform::from_xyz(tree.position.x, 0.0, tree.position.y)
            .with_rotation(Quat::from_rotation_y(tree.index as f32 * 1.7)),
        Visibility::default(),
        Growth { age: 0.0 },
        children![
            (
                Mesh3d(meshes.add(shapes::young_tree(tree.index + 1).into_mesh())),
                MeshMaterial3d(material),
                Transform::from_scale(Vec3::splat(0.01)),
                TreeBody,
            ),
            // The worry, cracking open into two halves.
            (
                Mesh3d(half.clone()),
                MeshMaterial3d(stone.clone()),
                Transform::from_xyz(-0.05, 0.15, 0.0),
                WorryHalf(-1.0)
            ),
            (
                Mesh3d(half),
                MeshMaterial3d(stone),
                Transform::from_xyz(0.05, 0.15, 0.0),
                WorryHalf(1.0)
            ),
        ],
    ));
}

#[derive(Component)]
struct TreeBody;

#[derive(Component)]
struct WorryHalf(f32);

fn grow_trees(
    time: Res<Time>,
    settings: Res<Settings>,
    mut trees: Query<(&mut Growth, &Children, Has<FullyGrown>)>,
    mut bodies: Query<&mut Transform, (With<TreeBody>, Without<WorryHalf>)>,
    mut halves: Query<(&WorryHalf, &mut Transform), Without<TreeBody>>,
) {
    for (mut growth, children, fully_grown) in &mut trees {
        if growth.age >= GROWTH_SECONDS + 1.0 {
            continue;
        }
        growth.age = if fully_grown || settings.reduced_motion {
            GROWTH_SECONDS + 1.0
        } else {
            growth.age + time.delta_secs()
        };
        // First the worry cracks open, then roots and trunk rise out of it.
        let crack = (growth.age / 1.0).clamp(0.0, 1.0);
        let rise = ((growth.age - 0.6) / GROWTH_SECONDS).clamp(0.0, 1.0);
        let eased = 1.0 - (1.0 - rise).powi(3);
        for child in children.iter() {
            if let Ok(mut body) = bodies.get_mut(child) {
                body.scale = Vec3::splat(eased.max(0.01));
            }
            if let Ok((half, mut transform)) = halves.get_mut(child) {
                transform.translation =
                    Vec3::new(half.0 * (0.05 + 0.35 * crack), 0.15 - 0.25 * rise, 0.0);
                transform.rotation = Quat::from_rotation_z(-half.0 * crack * 0.9);
            }
        }
    }
}

fn keep_sway_settings(
    settings: Res<Settings>,
    look: Option<Res<GardenLook>>,
    mut sways: ResMut<Assets<SwayMaterial>>,
) {
    if !settings.is_changed() {
        return;
    }
    if let Some(mut sway) = look.and_then(|look| sways.get_mut(&look.sway)) {
        sway.extension.params.x = if settings.reduced_motion { 0.0 } else { SWAY };
    }
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
