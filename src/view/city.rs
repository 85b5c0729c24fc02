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

use super::camera::DreamCamera;
use super::materials::{CloudMaterial, Satin, SatinMaterial, StardustMaterial};
use super::mood::{Mood, apply_mood, chill, dusk, repaint};
use super::motion::{Ambient, cloud_drift, satin_params, stardust_twinkle, whisper_travel};
use super::shapes::{self, MeshParts};
use crate::core::flow::Chapter;
use crate::core::rng::scenery_rng;
use crate::core::settings::Settings;
use crate::dream::darkening::{Footstep, Warmth};
use crate::level::nav::NavGrid;
use crate::level::{LevelDef, Levels, Obstacle};

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

/// Recent footsteps for the stardust glow.
#[derive(Resource, Default)]
struct RecentSteps(Vec<(Vec2, f32)>);

pub fn plugin(app: &mut App) {
    app.init_resource::<RecentSteps>()
        .add_systems(OnEnter(Chapter::City), build_city)
        .add_systems(OnExit(Chapter::City), leave_city)
        .add_systems(
            Update,
            (feel_the_chill, pass_whispers, glow_under_steps).run_if(in_state(Chapter::City)),
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

/// The glow of the threads of light between the towers at dusk (added to what lies behind).
const THREAD_GLOW: LinearRgba = LinearRgba::new(3.2, 2.1, 1.1, 0.5);

/// A pulse of light, bright enough to bloom into a glow.
const LIGHT_WHISPER: LinearRgba = LinearRgba::rgb(14.0, 8.5, 4.0);

/// Where a whisper is, `t` of the way along its path: it arcs a little between the towers.
fn along_whisper(from: Vec3, to: Vec3, t: f32) -> Vec3 {
    from.lerp(to, t) + Vec3::Y * (t * std::f32::consts::PI).sin() * 1.5
}

/// Secrets in light and darkness passing between the towers, light along faint threads of
/// light strung from tower to tower; returns the light's and the threads' materials, which
/// dim as the city cools.
fn spawn_whispers(
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
