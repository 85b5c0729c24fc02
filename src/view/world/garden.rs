//! The Garden under a velvet, indigo sky, as the player sees it: stars, soft earth,
//! moonlight, a meadow of flowers the colour of longing and comfort swaying to the horizon,
//! the moss-grown boulders, the luminous lotus, fragrance wisps, and the voice flowers opening.

use std::f32::consts::TAU;

use bevy::light::{NotShadowCaster, NotShadowReceiver};
use bevy::prelude::*;
use rand::RngExt;

use crate::core::flow::Chapter;
use crate::core::rng::{DreamRng, scenery_rng};
use crate::core::settings::Settings;
use crate::dream::garden::{FlowerSpot, MEADOW_BEYOND, meadow_layout};
use crate::dream::voices::VoiceFlower;
use crate::level::{LevelDef, Levels};
use crate::view::world::camera::DreamCamera;
use crate::view::world::materials::{Sway, SwayMaterial};
use crate::view::world::mood::{apply_mood, indigo_night};
use crate::view::world::motion::{Ambient, meadow_sway, wisp_place};
use crate::view::world::quality::{Look, RenderQuality};
use crate::view::world::scene::SOFT_EARTH;
use crate::view::world::shapes::{self, MeshParts};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Chapter::Garden), build_garden)
        .add_observer(draw_voice_flower)
        .add_systems(
            Update,
            (
                open_voice_flowers,
                swirl_wisps,
                keep_sway_settings,
                replant_for_quality.run_if(resource_changed::<RenderQuality>),
            )
                .run_if(in_state(Chapter::Garden)),
        );
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
pub(crate) struct GardenSky(pub Handle<Mesh>);

/// The garden's directional light: moonlight, warming to sunlight at dawn.
#[derive(Component)]
pub(crate) struct Moonlight;

/// Handles the garden's moving parts need.
#[derive(Resource)]
pub(crate) struct GardenLook {
    pub sway: Handle<SwayMaterial>,
    /// One mesh per species of the meadow's flowers.
    species: Vec<Handle<Mesh>>,
}

/// One flower of the meadow (not a voice flower): as many are drawn as the quality allows.
#[derive(Component)]
struct MeadowFlower;

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
    quality: Res<RenderQuality>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut sways: ResMut<Assets<SwayMaterial>>,
    mut fogs: Query<&mut DistanceFog, With<DreamCamera>>,
) {
    let level = &levels.garden;
    let sky = apply_mood(
        &mut commands,
        &mut meshes,
        &mut materials,
        &indigo_night(),
        &mut fogs,
        DespawnOnExit(Chapter::Garden),
    );
    commands.insert_resource(GardenSky(sky));
    spawn_stars(
        &mut commands,
        &mut meshes,
        &mut materials,
        DespawnOnExit(Chapter::Garden),
    );
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
        DespawnOnExit(Chapter::Garden),
    ));
    let size = level.bounds.size() + Vec2::splat(2.0 * MEADOW_BEYOND + 400.0);
    let centre = level.bounds.center();
    commands.spawn((
        Name::new("Soft earth"),
        Mesh3d(meshes.add(Plane3d::default().mesh().size(size.x, size.y))),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color: SOFT_EARTH,
            perceptual_roughness: 0.95,
            ..default()
        })),
        Transform::from_xyz(centre.x, 0.0, centre.y),
        DespawnOnExit(Chapter::Garden),
    ));
    let look = GardenLook {
        sway: meadow_material(&settings, &mut sways),
        species: meadow_species(&mut meshes),
    };
    spawn_meadow(&mut commands, level, rng.seed(), &look, quality.look());
    spawn_stones(&mut commands, level, &mut meshes, &mut materials);
    spawn_lotus(&mut commands, level, &mut meshes, &mut materials);
    spawn_wisps(&mut commands, level, &mut meshes, &mut materials);
    commands.insert_resource(look);
}

/// One mesh per species of flower.
fn meadow_species(meshes: &mut Assets<Mesh>) -> Vec<Handle<Mesh>> {
    PALETTE
        .iter()
        .enumerate()
        .map(|(i, &(petal, heart))| {
            let petals = 5 + (i as u32 % 3);
            let length = 0.16 + 0.03 * (i % 2) as f32;
            let stem = 0.35 + 0.08 * (i % 3) as f32;
            meshes.add(shapes::plants::flower(petals, length, stem, petal, heart).into_mesh())
        })
        .collect()
}

/// How brightly the meadow's flowers glow in their own colours: rose, amber and cream show
/// through the indigo night as well as violet and blue.
const FLOWERS_OWN_GLOW: f32 = 0.18;

/// The swaying material every meadow flower shares.
fn meadow_material(settings: &Settings, sways: &mut Assets<SwayMaterial>) -> Handle<SwayMaterial> {
    sways.add(SwayMaterial {
        base: StandardMaterial {
            base_color: Color::WHITE,
            perceptual_roughness: 0.6,
            double_sided: true,
            cull_mode: None,
            ..default()
        },
        extension: Sway {
            params: {
                let (bend, rate) = meadow_sway(settings.reduced_motion);
                Vec4::new(bend, rate, 0.0, FLOWERS_OWN_GLOW)
            },
        },
    })
}

/// The meadow: every flower an instance of its species' mesh, so the whole field is drawn in
/// a handful of instanced draws; as many as the quality allows, the far field thinned first.
/// (Baking the flowers into patch meshes was tried: their vertices took more memory than the
/// renderer's data per instance, 1.35 GB at the peak against 1.08 GB.)
fn spawn_meadow(
    commands: &mut Commands,
    level: &LevelDef,
    seed: u64,
    garden: &GardenLook,
    look: Look,
) {
    let flowers: Vec<_> = meadow_drawn(level, seed, look)
        .into_iter()
        .map(|spot| {
            (
                MeadowFlower,
                Mesh3d(garden.species[spot.species as usize].clone()),
                MeshMaterial3d(garden.sway.clone()),
                Transform::from_xyz(spot.position.x, 0.0, spot.position.y)
                    .with_rotation(Quat::from_rotation_y(spot.turn))
                    .with_scale(Vec3::splat(spot.scale)),
                NotShadowCaster,
                DespawnOnExit(Chapter::Garden),
            )
        })
        .collect();
    commands.spawn_batch(flowers);
}

/// The meadow's flowers a quality draws: the walkable garden and the far field thinned as its
/// look says, the far field cut at its reach.
pub fn meadow_drawn(level: &LevelDef, seed: u64, look: Look) -> Vec<FlowerSpot> {
    let (mut near, mut far) = (0usize, 0usize);
    meadow_layout(level, seed)
        .into_iter()
        .filter(|spot| {
            if level.bounds.contains(spot.position, 0.0) {
                near += 1;
                near % look.near_flowers_one_in == 0
            } else {
                far += 1;
                far % look.far_flowers_one_in == 0
                    && level.bounds.contains(spot.position, -look.meadow_reach)
            }
        })
        .collect()
}

/// A new quality in the garden: the meadow is planted again, as thick as it now allows.
fn replant_for_quality(
    mut commands: Commands,
    quality: Res<RenderQuality>,
    levels: Res<Levels>,
    rng: Res<DreamRng>,
    garden: Option<Res<GardenLook>>,
    flowers: Query<Entity, With<MeadowFlower>>,
) {
    let Some(garden) = garden else {
        return;
    };
    if quality.is_added() {
        return;
    }
    for flower in &flowers {
        commands.entity(flower).despawn();
    }
    spawn_meadow(
        &mut commands,
        &levels.garden,
        rng.seed(),
        &garden,
        quality.look(),
    );
}

/// The meadow's obstacles: moss-grown boulders resting in the flowers, a little wider than
/// their footprint and never taller than a person, so they read as part of the garden.
fn spawn_stones(
    commands: &mut Commands,
    level: &LevelDef,
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<StandardMaterial>,
) {
    let rock = materials.add(StandardMaterial {
        perceptual_roughness: 0.92,
        ..default()
    });
    for (seed, obstacle) in level.obstacles.iter().enumerate() {
        commands.spawn((
            Name::new(format!("Boulder {}", obstacle.id)),
            Mesh3d(
                meshes.add(
                    shapes::plants::mossy_boulder(
                        obstacle.footprint.width * 1.15,
                        obstacle.footprint.depth * 1.15,
                        (obstacle.height * 0.45).min(1.8),
                        seed as u32 + 1,
                    )
                    .into_mesh(),
                ),
            ),
            MeshMaterial3d(rock.clone()),
            Transform::from_xyz(obstacle.at.x, 0.0, obstacle.at.z)
                .with_rotation(Quat::from_rotation_y(obstacle.turn.to_radians())),
            DespawnOnExit(Chapter::Garden),
        ));
    }
}

/// The luminous lotus on its dark pad.
fn spawn_lotus(
    commands: &mut Commands,
    level: &LevelDef,
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<StandardMaterial>,
) {
    let Some(lotus) = &level.lotus else {
        return;
    };
    commands.spawn((
        Name::new("The lotus"),
        Mesh3d(meshes.add(shapes::plants::lotus_petals(lotus.radius).into_mesh())),
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
        DespawnOnExit(Chapter::Garden),
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

/// Fragrances: coloured wisps circling each zone.
fn spawn_wisps(
    commands: &mut Commands,
    level: &LevelDef,
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<StandardMaterial>,
) {
    let wisp_mesh = meshes.add(Sphere::new(0.07).mesh().ico(1).expect("a small icosphere"));
    let mut scatter = scenery_rng("garden wisps");
    for fragrance in &level.fragrances {
        let (r, g, b) = fragrance.color;
        // Unlit draws its base colour alone (an emissive would be ignored): the glow is it.
        let material = materials.add(StandardMaterial {
            base_color: Color::from(LinearRgba::rgb(r, g, b) * 2.5),
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
                DespawnOnExit(Chapter::Garden),
            ));
        }
    }
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
    // Only the bloom glows; its stem stays a stem (a glowing one showed through the words).
    let stem = shapes::plants::flower_stem(0.95);
    let bloom = shapes::plants::flower_bloom(
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
    let green = materials.add(StandardMaterial {
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
        children![
            (
                Mesh3d(meshes.add(bloom.into_mesh())),
                MeshMaterial3d(glow),
                NotShadowCaster
            ),
            (
                Mesh3d(meshes.add(stem.into_mesh())),
                MeshMaterial3d(green),
                NotShadowCaster
            )
        ],
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

fn swirl_wisps(ambient: Res<Ambient>, mut wisps: Query<(&Wisp, &mut Transform)>) {
    for (wisp, mut transform) in &mut wisps {
        transform.translation = wisp_place(
            wisp.centre,
            wisp.radius,
            wisp.height,
            wisp.speed,
            wisp.phase,
            *ambient,
        );
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
        let (bend, rate) = meadow_sway(settings.reduced_motion);
        sway.extension.params.x = bend;
        sway.extension.params.y = rate;
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
        let star = shapes::plants::glint(
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
