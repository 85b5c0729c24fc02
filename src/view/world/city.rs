//! The Silver City at late dusk, as the player sees it: towers of molten silver rippling like
//! satin and mirroring the sky, light and darkness passing between them, avenues of
//! twinkling stardust, and the chill that creeps in as the warmth drains.

use std::f32::consts::TAU;

use bevy::asset::RenderAssetUsages;
use bevy::light::{GeneratedEnvironmentMapLight, NotShadowCaster, NotShadowReceiver};
use bevy::prelude::*;
use bevy::render::render_resource::{
    Extent3d, TextureDimension, TextureFormat, TextureViewDescriptor, TextureViewDimension,
};
use bevy::render::view::ColorGrading;
use rand::RngExt;

use crate::core::flow::Chapter;
use crate::core::rng::scenery_rng;
use crate::core::settings::Settings;
use crate::dream::darkening::{Footstep, Warmth};
use crate::level::{LevelDef, Levels};
use crate::view::world::camera::DreamCamera;
use crate::view::world::materials::{CloudMaterial, Satin, SatinMaterial, StardustMaterial};
use crate::view::world::mood::{Mood, apply_mood, chill, dusk, repaint};
use crate::view::world::motion::{cloud_drift, satin_params, stardust_twinkle};
use crate::view::world::shapes::{self, MeshParts};
use crate::view::world::whispers::{LIGHT_WHISPER, THREAD_GLOW, spawn_whispers};

const SILVER_WARM: Vec3 = Vec3::new(0.92, 0.9, 0.88);
const SILVER_COLD: Vec3 = Vec3::new(0.56, 0.57, 0.62);

/// Handles to everything the chill changes.
#[derive(Resource)]
struct CityLook {
    sky: Handle<Mesh>,
    /// Which tenth of the chill the mirrored sky was last painted for.
    reflected_chill: u32,
    satin: Handle<SatinMaterial>,
    dust: Handle<StardustMaterial>,
    clouds: Handle<CloudMaterial>,
    light_whisper: Handle<StandardMaterial>,
    /// The threads of light the towers' secrets run along, fading as the city cools.
    whisper_threads: Handle<StandardMaterial>,
}

#[derive(Component)]
struct SettingSun;

/// Recent footsteps for the stardust glow.
#[derive(Resource, Default)]
struct RecentSteps(Vec<(Vec2, f32)>);

pub fn plugin(app: &mut App) {
    app.init_resource::<RecentSteps>()
        .add_systems(OnEnter(Chapter::City), build_city)
        .add_systems(OnExit(Chapter::City), leave_city)
        .add_systems(
            Update,
            (feel_the_chill, glow_under_steps).run_if(in_state(Chapter::City)),
        );
}

/// A small cube map of the dusk sky, for the silver to mirror.
fn sky_cubemap(mood: &Mood, sun: Vec3, sun_glow: f32) -> Image {
    const SIZE: u32 = 64;
    let mut data = Vec::with_capacity((SIZE * SIZE * 6 * 8) as usize);
    for face in 0..6 {
        for y in 0..SIZE {
            for x in 0..SIZE {
                let u = (x as f32 + 0.5) / SIZE as f32 * 2.0 - 1.0;
                let v = (y as f32 + 0.5) / SIZE as f32 * 2.0 - 1.0;
                let direction = match face {
                    0 => Vec3::new(1.0, -v, -u),
                    1 => Vec3::new(-1.0, -v, u),
                    2 => Vec3::new(u, 1.0, v),
                    3 => Vec3::new(u, -1.0, -v),
                    4 => Vec3::new(u, -v, 1.0),
                    _ => Vec3::new(-u, -v, -1.0),
                }
                .normalize();
                let mut color = shapes::gradient(&mood.sky, direction.y);
                // The low sun's glow on the horizon.
                let glow = direction.dot(-sun).max(0.0).powf(12.0) * 3.0 * sun_glow;
                color += LinearRgba::rgb(1.0, 0.55, 0.3) * glow;
                // Silver mirrors the sky's light more than its hue: a fifth of its colour, so the
                // towers read as molten silver at dusk, not lavender.
                let grey = color.luminance();
                color = color.mix(&LinearRgba::rgb(grey, grey, grey), 0.8);
                // Below the horizon it mirrors the dark avenues: the hard line between bright
                // sky and dark ground running through every fold is what reads as metal.
                let ground = LinearRgba::rgb(0.012, 0.011, 0.016);
                color = color.mix(&ground, ((0.02 - direction.y) / 0.06).clamp(0.0, 1.0));
                for channel in [color.red, color.green, color.blue, 1.0] {
                    data.extend_from_slice(&half::f16::from_f32(channel).to_le_bytes());
                }
            }
        }
    }
    Image {
        texture_view_descriptor: Some(TextureViewDescriptor {
            dimension: Some(TextureViewDimension::Cube),
            ..default()
        }),
        ..Image::new(
            Extent3d {
                width: SIZE,
                height: SIZE,
                depth_or_array_layers: 6,
            },
            TextureDimension::D2,
            data,
            TextureFormat::Rgba16Float,
            RenderAssetUsages::RENDER_WORLD,
        )
    }
}

/// The silver dulls as the city cools.
fn silver_roughness(coldness: f32) -> f32 {
    0.16 + 0.2 * coldness
}

const SUN_DIRECTION: Vec3 = Vec3::new(0.85, -0.22, -0.35);

#[expect(
    clippy::too_many_arguments,
    reason = "building the city touches every kind of asset"
)]
fn build_city(
    mut commands: Commands,
    levels: Res<Levels>,
    settings: Res<Settings>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut satins: ResMut<Assets<SatinMaterial>>,
    mut dusts: ResMut<Assets<StardustMaterial>>,
    mut cloud_materials: ResMut<Assets<CloudMaterial>>,
    mut images: ResMut<Assets<Image>>,
    mut fogs: Query<&mut DistanceFog, With<DreamCamera>>,
    cameras: Query<Entity, With<DreamCamera>>,
    mut recent: ResMut<RecentSteps>,
) {
    let level = &levels.city;
    let mood = dusk();
    let sky = apply_mood(
        &mut commands,
        &mut meshes,
        &mut materials,
        &mood,
        &mut fogs,
        DespawnOnExit(Chapter::City),
    );
    recent.0.clear();
    let reflections = images.add(sky_cubemap(&mood, SUN_DIRECTION.normalize(), 1.0));
    for camera in &cameras {
        commands
            .entity(camera)
            .insert(GeneratedEnvironmentMapLight {
                environment_map: reflections.clone(),
                intensity: 900.0,
                ..default()
            });
    }
    commands.spawn((
        Name::new("Setting sun"),
        SettingSun,
        DirectionalLight {
            color: Color::srgb(1.0, 0.62, 0.45),
            illuminance: 5000.0,
            shadow_maps_enabled: true,
            ..default()
        },
        Transform::default().looking_to(SUN_DIRECTION, Vec3::Y),
        DespawnOnExit(Chapter::City),
    ));
    let satin = spawn_towers(
        &mut commands,
        level,
        &settings,
        &mood,
        &mut meshes,
        &mut satins,
    );
    let dust = spawn_avenues(
        &mut commands,
        level,
        &settings,
        &mut meshes,
        &mut materials,
        &mut dusts,
    );
    let (light_whisper, whisper_threads) =
        spawn_whispers(&mut commands, level, &mut meshes, &mut materials);
    let clouds = spawn_cloud_deck(&mut commands, &settings, &mut meshes, &mut cloud_materials);
    commands.insert_resource(CityLook {
        sky,
        reflected_chill: 0,
        satin,
        dust,
        clouds,
        light_whisper,
        whisper_threads,
    });
}

/// Just above the tallest towers: the heavy sky presses down on the roofs.
const CLOUD_DECK_HEIGHT: f32 = 125.0;

/// The cloud deck, clear at dusk; it thickens as the city cools (`feel_the_chill`).
fn spawn_cloud_deck(
    commands: &mut Commands,
    settings: &Settings,
    meshes: &mut Assets<Mesh>,
    cloud_materials: &mut Assets<CloudMaterial>,
) -> Handle<CloudMaterial> {
    let clouds = cloud_materials.add(CloudMaterial {
        params: cloud_params(0.0, settings.reduced_motion),
    });
    commands.spawn((
        Name::new("Cloud deck"),
        // Facing down, to be seen from the avenues.
        Mesh3d(meshes.add(Plane3d::new(Vec3::NEG_Y, Vec2::splat(900.0)))),
        MeshMaterial3d(clouds.clone()),
        Transform::from_xyz(0.0, CLOUD_DECK_HEIGHT, 0.0),
        NotShadowCaster,
        NotShadowReceiver,
        DespawnOnExit(Chapter::City),
    ));
    clouds
}

/// The cloud shader's uniforms: how heavy the sky is (it gathers over the second half of the
/// chill, when the sky is said to grow heavy), its drift, and how far out it thins away so the
/// cold light at the horizon shows beneath it.
fn cloud_params(coldness: f32, still: bool) -> Vec4 {
    let heaviness = ((coldness - 0.25) / 0.6).clamp(0.0, 1.0);
    Vec4::new(heaviness, cloud_drift(still), 300.0, 750.0)
}

/// The leaning towers of molten silver, one satin material for them all.
fn spawn_towers(
    commands: &mut Commands,
    level: &LevelDef,
    settings: &Settings,
    mood: &Mood,
    meshes: &mut Assets<Mesh>,
    satins: &mut Assets<SatinMaterial>,
) -> Handle<SatinMaterial> {
    let mut satin = Satin {
        params: satin_params(0.0, settings.reduced_motion),
        ..default()
    };
    satin.mirroring(&mood.sky, SUN_DIRECTION, 1.0);
    let satin = satins.add(SatinMaterial {
        base: StandardMaterial {
            base_color: Color::srgb(SILVER_WARM.x, SILVER_WARM.y, SILVER_WARM.z),
            metallic: 1.0,
            perceptual_roughness: silver_roughness(0.0),
            reflectance: 0.8,
            ..default()
        },
        extension: satin,
    });
    for (facade, obstacle) in (0..).zip(&level.obstacles) {
        commands.spawn((
            Name::new(format!("Tower {}", obstacle.id)),
            Mesh3d(meshes.add(shapes::buildings::leaning_tower(
                obstacle.footprint.width,
                obstacle.footprint.depth,
                obstacle.height,
                obstacle.lean.vec(),
                facade,
            ))),
            MeshMaterial3d(satin.clone()),
            Transform::from_xyz(obstacle.at.x, 0.0, obstacle.at.z)
                .with_rotation(Quat::from_rotation_y(obstacle.turn.to_radians())),
            DespawnOnExit(Chapter::City),
        ));
    }
    satin
}

/// The avenues' dark, glossy ground and the stardust sown over it.
fn spawn_avenues(
    commands: &mut Commands,
    level: &LevelDef,
    settings: &Settings,
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<StandardMaterial>,
    dusts: &mut Assets<StardustMaterial>,
) -> Handle<StardustMaterial> {
    let size = level.bounds.size() + Vec2::splat(400.0);
    let centre = level.bounds.center();
    commands.spawn((
        Name::new("Avenues"),
        Mesh3d(meshes.add(Plane3d::default().mesh().size(size.x, size.y))),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color: Color::srgb(0.08, 0.07, 0.11),
            // Glossy enough to mirror the towers softly, rough enough that the low sun does
            // not draw a hard bright stripe down the avenue.
            metallic: 0.1,
            perceptual_roughness: 0.7,
            reflectance: 0.25,
            ..default()
        })),
        Transform::from_xyz(centre.x, 0.0, centre.y),
        DespawnOnExit(Chapter::City),
    ));
    let dust = dusts.add(StardustMaterial {
        steps: [Vec4::ZERO; 8],
        params: Vec4::new(1.0, stardust_twinkle(settings.reduced_motion), 0.0, 0.0),
    });
    commands.spawn((
        Name::new("Stardust"),
        Mesh3d(meshes.add(stardust(level).into_mesh())),
        MeshMaterial3d(dust.clone()),
        NotShadowCaster,
        NotShadowReceiver,
        DespawnOnExit(Chapter::City),
    ));
    dust
}

/// Glints sown over the open avenues, all in one mesh.
fn stardust(level: &LevelDef) -> MeshParts {
    let mut rng = scenery_rng("city stardust");
    let mut dust = MeshParts::default();
    let mut sown = 0;
    while sown < 40000 {
        let p = Vec2::new(
            rng.random_range(level.bounds.min.x..level.bounds.max.x),
            rng.random_range(level.bounds.min.z..level.bounds.max.z),
        );
        if level.obstacles.iter().any(|o| o.clearance(p).0 < 0.2) {
            continue;
        }
        let warmth = rng.random_range(0.0..1.0f32);
        let color = LinearRgba::rgb(2.2 + warmth, 2.0 + warmth * 0.4, 2.8 - warmth);
        let glint = shapes::plants::glint(rng.random_range(0.04..0.1), color);
        dust.append(
            &glint,
            &Transform::from_xyz(p.x, 0.01, p.y)
                .with_rotation(Quat::from_rotation_y(rng.random_range(0.0..TAU))),
        );
        sown += 1;
    }
    dust
}

/// Applies the chill: sky, fog, light, silver, colour and stardust follow the warmth.
#[expect(
    clippy::too_many_arguments,
    reason = "the chill reaches into every part of the view"
)]
fn feel_the_chill(
    mut commands: Commands,
    warmth: Res<Warmth>,
    settings: Res<Settings>,
    look: Option<ResMut<CityLook>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut satins: ResMut<Assets<SatinMaterial>>,
    mut dusts: ResMut<Assets<StardustMaterial>>,
    mut cloud_materials: ResMut<Assets<CloudMaterial>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut images: ResMut<Assets<Image>>,
    mut cameras: Query<
        (
            &mut DistanceFog,
            Option<&mut GeneratedEnvironmentMapLight>,
            &mut ColorGrading,
        ),
        With<DreamCamera>,
    >,
    mut suns: Query<&mut DirectionalLight, With<SettingSun>>,
) {
    let Some(mut look) = look else {
        return;
    };
    if !warmth.is_changed() && !settings.is_changed() && !look.is_added() {
        return;
    }
    let coldness = warmth.coldness();
    let mood = dusk().mix(&chill(), coldness);
    // The silver mirrors the sky as it is: repaint the reflections at each tenth of the chill.
    let chill_step = (coldness * 10.0).round() as u32;
    let new_reflections = (chill_step != look.reflected_chill).then(|| {
        images.add(sky_cubemap(
            &mood,
            SUN_DIRECTION.normalize(),
            1.0 - coldness,
        ))
    });
    look.reflected_chill = chill_step;

    for (mut fog, reflections, mut grading) in &mut cameras {
        repaint(&mut commands, &mut meshes, &look.sky, &mood, &mut fog);
        if let Some(mut reflections) = reflections {
            reflections.intensity = 900.0 * (1.0 - 0.6 * coldness);
            if let Some(image) = &new_reflections {
                reflections.environment_map = image.clone();
            }
        }
        // A cooler, greyer grade as the warmth goes.
        grading.global.temperature = -0.04 * coldness;
        grading.global.post_saturation = 1.0 - 0.4 * coldness;
        grading.global.exposure = -0.6 * coldness;
    }
    for mut sun in &mut suns {
        sun.illuminance = 5000.0 * (1.0 - 0.8 * coldness);
        sun.color = Color::from(
            LinearRgba::rgb(1.0, 0.62, 0.45).mix(&LinearRgba::rgb(0.55, 0.58, 0.8), coldness),
        );
    }
    if let Some(mut satin) = satins.get_mut(&look.satin) {
        let silver = SILVER_WARM.lerp(SILVER_COLD, coldness);
        satin.base.base_color = Color::srgb(silver.x, silver.y, silver.z);
        satin.base.perceptual_roughness = silver_roughness(coldness);
        satin.extension.params = satin_params(coldness, settings.reduced_motion);
        satin
            .extension
            .mirroring(&mood.sky, SUN_DIRECTION, 1.0 - coldness);
    }
    if let Some(mut clouds) = cloud_materials.get_mut(&look.clouds) {
        clouds.params = cloud_params(coldness, settings.reduced_motion);
    }
    if let Some(mut dust) = dusts.get_mut(&look.dust) {
        dust.params.x = warmth.value;
        dust.params.y = stardust_twinkle(settings.reduced_motion);
    }
    if let Some(mut whisper) = materials.get_mut(&look.light_whisper) {
        whisper.base_color = Color::from(LIGHT_WHISPER * (1.0 - 0.7 * coldness));
    }
    // The threads between the towers go out with the warmth: the city stops sharing secrets.
    if let Some(mut threads) = materials.get_mut(&look.whisper_threads) {
        let fading = (1.0 - coldness / 0.7).clamp(0.0, 1.0);
        threads.base_color = Color::from(THREAD_GLOW.with_alpha(THREAD_GLOW.alpha * fading));
    }
}

/// The stardust glows brighter where the dreamer has just stepped.
fn glow_under_steps(
    time: Res<Time>,
    mut steps: MessageReader<Footstep>,
    mut recent: ResMut<RecentSteps>,
    look: Option<Res<CityLook>>,
    mut dusts: ResMut<Assets<StardustMaterial>>,
) {
    let now = time.elapsed_secs();
    for step in steps.read() {
        recent.0.push((step.position, now));
    }
    let keep_from = recent.0.len().saturating_sub(8);
    recent.0.drain(..keep_from);
    let Some(mut dust) = look.and_then(|look| dusts.get_mut(&look.dust)) else {
        return;
    };
    dust.steps = [Vec4::ZERO; 8];
    for (slot, (position, at)) in dust.steps.iter_mut().zip(&recent.0) {
        *slot = Vec4::new(position.x, position.y, now - at, 1.0);
    }
}

fn leave_city(
    mut commands: Commands,
    mut cameras: Query<(Entity, &mut ColorGrading), With<DreamCamera>>,
) {
    for (camera, mut grading) in &mut cameras {
        commands
            .entity(camera)
            .remove::<GeneratedEnvironmentMapLight>();
        *grading = ColorGrading::default();
    }
    commands.remove_resource::<CityLook>();
}
