//! The ending: the stained-glass heart assembles, the moon leans down with a shawl woven from
//! hope, and the garden merges with morning. Each scene can be skipped with Interact, and
//! skipping leaves exactly the state that watching leaves.

use bevy::prelude::*;

use crate::flow::{AppState, DreamClock, DreamSystems};
use crate::level::Levels;
use crate::river::HeartAssembled;
use crate::voices::{InteractEdge, VoiceTriggered, show_subtitles};
use crate::walking::{Dreamer, forward};

/// Seconds each scene lasts when watched, in ticks.
pub const HEART_SCENE_TICKS: u32 = 4 * 60;
pub const MOON_SCENE_TICKS: u32 = 10 * 60;
pub const DAWN_SCENE_TICKS: u32 = 14 * 60;
/// Ticks before the moon's scene ends when the shawl settles on the dreamer's shoulders.
pub const SHAWL_SETTLES_BEFORE_END: u32 = 3 * 60;

/// Which part of the ending is playing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scene {
    /// The fragments fly together into the heart.
    Heart,
    /// The moon descends and wraps the dreamer in the shawl.
    Moon,
    /// The indigo turns to sunrise and the view fades to white.
    Dawn,
}

/// The ending's progress: the scene playing and its ticks left, and what has happened.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct Ending {
    pub scene: Option<Scene>,
    pub ticks_left: u32,
    pub shawl: bool,
    /// The tick the dreamer woke (the first frame of the dawn), if they have.
    pub woke_on_tick: Option<u64>,
    /// The whole ending has played (or been skipped) to its last frame.
    pub finished: bool,
}

impl Ending {
    /// Movement stops while a scene plays.
    pub fn holds_still(&self) -> bool {
        self.scene.is_some() || self.finished
    }
}

/// The moon wrapped the dreamer in the shawl woven from hope.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShawlReceived;

/// The dreamer woke: the first frame of the dawn. The run's time ends here.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Awoke {
    pub tick: u64,
}

/// The dream is over; the results can show.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct DreamEnded;

/// A scene was skipped.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct SceneSkipped(pub Scene);

pub struct EndingPlugin;

impl Plugin for EndingPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Ending>()
            .add_message::<ShawlReceived>()
            .add_message::<Awoke>()
            .add_message::<DreamEnded>()
            .add_message::<SceneSkipped>()
            .add_systems(OnEnter(AppState::Playing), |mut ending: ResMut<Ending>| {
                *ending = Ending::default();
            })
            .add_systems(
                FixedUpdate,
                play_ending
                    .after(crate::river::gather_fragments)
                    .before(show_subtitles)
                    .in_set(DreamSystems::React),
            );
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "the ending moves the whole dream to its close"
)]
fn play_ending(
    clock: Res<DreamClock>,
    levels: Res<Levels>,
    edge: Res<InteractEdge>,
    dreamers: Query<&Dreamer>,
    mut assembled: MessageReader<HeartAssembled>,
    mut ending: ResMut<Ending>,
    mut shawl: MessageWriter<ShawlReceived>,
    mut awoke: MessageWriter<Awoke>,
    mut ended: MessageWriter<DreamEnded>,
    mut skipped: MessageWriter<SceneSkipped>,
    mut voices: MessageWriter<VoiceTriggered>,
) {
    if assembled.read().last().is_some() && ending.scene.is_none() && !ending.finished {
        ending.scene = Some(Scene::Heart);
        ending.ticks_left = HEART_SCENE_TICKS;
        return;
    }
    let Some(scene) = ending.scene else {
        return;
    };
    // A fresh press of Interact skips to the scene's last tick; the same ending follows.
    if edge.pressed_now {
        ending.ticks_left = 0;
        skipped.write(SceneSkipped(scene));
    } else {
        ending.ticks_left = ending.ticks_left.saturating_sub(1);
    }
    // The shawl settles while the moon is still near (or at once, when her scene is skipped).
    if scene == Scene::Moon && !ending.shawl && ending.ticks_left <= SHAWL_SETTLES_BEFORE_END {
        ending.shawl = true;
        shawl.write(ShawlReceived);
    }
    if ending.ticks_left > 0 {
        return;
    }
    let here = dreamers
        .single()
        .map_or(Vec2::ZERO, |d| d.position + forward(d.yaw) * 4.0);
    let garden = &levels.garden;
    match scene {
        Scene::Heart => {
            ending.scene = Some(Scene::Moon);
            ending.ticks_left = MOON_SCENE_TICKS;
            voices.write(VoiceTriggered {
                flower: None,
                spoken: garden.moon.clone().expect("a garden has the moon's words"),
                position: here,
            });
        }
        Scene::Moon => {
            ending.scene = Some(Scene::Dawn);
            ending.ticks_left = DAWN_SCENE_TICKS;
            ending.woke_on_tick = Some(clock.tick);
            awoke.write(Awoke { tick: clock.tick });
            voices.write(VoiceTriggered {
                flower: None,
                spoken: garden
                    .waking
                    .clone()
                    .expect("a garden has the waking lines"),
                position: here,
            });
        }
        Scene::Dawn => {
            ending.scene = None;
            ending.finished = true;
            ended.write(DreamEnded);
        }
    }
}

// ---------------------------------------------------------------------------------------
// What the player sees of the ending.

/// How far through the scene playing now, 0..1.
fn scene_progress(ending: &Ending, scene: Scene) -> f32 {
    let total = match scene {
        Scene::Heart => HEART_SCENE_TICKS,
        Scene::Moon => MOON_SCENE_TICKS,
        Scene::Dawn => DAWN_SCENE_TICKS,
    };
    match ending.scene {
        Some(now) if now == scene => 1.0 - ending.ticks_left as f32 / total as f32,
        _ => {
            let order = |s: Scene| match s {
                Scene::Heart => 0,
                Scene::Moon => 1,
                Scene::Dawn => 2,
            };
            let past = ending.finished || ending.scene.is_some_and(|now| order(now) > order(scene));
            if past { 1.0 } else { 0.0 }
        }
    }
}

#[derive(Component)]
struct MoonBody;

/// A pane of the heart flying to its place.
#[derive(Component)]
struct HeartPiece {
    from: Vec3,
    to: Vec3,
}

#[derive(Component)]
struct ShawlGlow;

#[derive(Component)]
struct MorningLight;

#[derive(Component)]
struct Results;

/// Where the moon rests in the sky before she leans down.
const MOON_HOME: Vec3 = Vec3::new(260.0, 230.0, -380.0);

pub struct EndingViewPlugin;

impl Plugin for EndingViewPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(OnEnter(crate::flow::Chapter::Garden), raise_moon)
            .add_systems(
                Update,
                (
                    assemble_heart.run_if(on_message::<HeartAssembled>),
                    fly_heart_pieces,
                    lean_down,
                    wrap_in_shawl,
                    break_dawn,
                    show_results.run_if(on_message::<DreamEnded>),
                )
                    .run_if(in_state(crate::flow::Chapter::Garden)),
            );
    }
}

fn raise_moon(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    commands.spawn((
        Name::new("The moon"),
        MoonBody,
        Mesh3d(meshes.add(Sphere::new(16.0).mesh().uv(48, 24))),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color: Color::srgb(0.95, 0.93, 0.85),
            emissive: LinearRgba::rgb(2.2, 2.1, 1.8),
            fog_enabled: false,
            ..default()
        })),
        Transform::from_translation(MOON_HOME),
        bevy::light::NotShadowCaster,
        DespawnOnExit(crate::flow::Chapter::Garden),
        children![(
            // Her soft halo.
            Mesh3d(meshes.add(Sphere::new(30.0).mesh().uv(32, 16))),
            MeshMaterial3d(materials.add(StandardMaterial {
                base_color: Color::BLACK,
                emissive: LinearRgba::rgb(0.05, 0.05, 0.08),
                alpha_mode: AlphaMode::Add,
                unlit: true,
                fog_enabled: false,
                ..default()
            })),
            bevy::light::NotShadowCaster,
        )],
    ));
}

/// Where the heart hangs before the dreamer's eyes.
fn heart_place(dreamer: &Dreamer) -> Vec3 {
    let ahead = dreamer.position + forward(dreamer.yaw) * 3.2;
    Vec3::new(ahead.x, crate::walking::EYE_HEIGHT + 0.1, ahead.y)
}

fn assemble_heart(
    mut commands: Commands,
    dreamers: Query<&Dreamer>,
    heart: Res<crate::river::Heart>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let Ok(dreamer) = dreamers.single() else {
        return;
    };
    let centre = heart_place(dreamer);
    let facing = Quat::from_rotation_y(dreamer.yaw);
    // Seven panes of a heart: two lobes, a middle row, and the lower panes toward the tip.
    const LAYOUT: [(f32, f32); 7] = [
        (-0.32, 0.3),
        (0.32, 0.3),
        (-0.55, 0.02),
        (0.0, 0.05),
        (0.55, 0.02),
        (-0.25, -0.28),
        (0.25, -0.28),
    ];
    for index in 0..heart.panes.len() as u32 {
        let (x, y) = LAYOUT[index as usize % LAYOUT.len()];
        let to = centre + facing * Vec3::new(x, y, 0.0);
        let spin = index as f32 * 0.9;
        let from = centre
            + facing
                * Vec3::new(
                    spin.cos() * 4.0,
                    -1.2 + (index % 3) as f32,
                    spin.sin() * 4.0 + 2.0,
                );
        let color = LinearRgba::from(crate::river::pane_color(index));
        commands.spawn((
            Name::new(format!("Heart pane {index}")),
            HeartPiece { from, to },
            Mesh3d(
                meshes.add(
                    crate::shapes::shard_pane(
                        crate::river::SHARDS[index as usize % 7],
                        LinearRgba::WHITE,
                    )
                    .into_mesh(),
                ),
            ),
            MeshMaterial3d(materials.add(StandardMaterial {
                base_color: Color::from(color.with_alpha(0.9)),
                emissive: color * 4.0,
                alpha_mode: AlphaMode::Blend,
                unlit: true,
                double_sided: true,
                cull_mode: None,
                ..default()
            })),
            Transform::from_translation(from)
                .with_rotation(facing)
                .with_scale(Vec3::splat(0.16)),
            bevy::light::NotShadowCaster,
            DespawnOnExit(crate::flow::Chapter::Garden),
        ));
    }
    commands.spawn((
        Name::new("The heart's glow"),
        PointLight {
            color: Color::srgb(1.0, 0.75, 0.85),
            intensity: 60_000.0,
            range: 12.0,
            ..default()
        },
        Transform::from_translation(centre),
        DespawnOnExit(crate::flow::Chapter::Garden),
    ));
}

fn fly_heart_pieces(ending: Res<Ending>, mut pieces: Query<(&HeartPiece, &mut Transform)>) {
    let t = scene_progress(&ending, Scene::Heart);
    let eased = t * t * (3.0 - 2.0 * t);
    for (piece, mut transform) in &mut pieces {
        let arc = Vec3::Y * (eased * std::f32::consts::PI).sin() * 0.8;
        transform.translation = piece.from.lerp(piece.to, eased) + arc;
    }
}

/// The moon leans down toward the dreamer and grows, then drifts back up at dawn.
fn lean_down(
    ending: Res<Ending>,
    dreamers: Query<&Dreamer>,
    mut moons: Query<&mut Transform, With<MoonBody>>,
) {
    let Ok(dreamer) = dreamers.single() else {
        return;
    };
    let near = {
        let ahead = dreamer.position + forward(dreamer.yaw) * 70.0;
        Vec3::new(ahead.x, 26.0, ahead.y)
    };
    let down = scene_progress(&ending, Scene::Moon);
    let up = scene_progress(&ending, Scene::Dawn);
    let eased = down * down * (3.0 - 2.0 * down) * (1.0 - up);
    for mut transform in &mut moons {
        transform.translation = MOON_HOME.lerp(near, eased);
        transform.scale = Vec3::splat(1.0 - 0.35 * eased);
    }
}

/// A warm glow at the edges of the view: the silk shawl woven from hope.
fn wrap_in_shawl(
    mut commands: Commands,
    ending: Res<Ending>,
    time: Res<Time<Real>>,
    mut images: ResMut<Assets<Image>>,
    mut glows: Query<&mut ImageNode, With<ShawlGlow>>,
) {
    if !ending.shawl {
        return;
    }
    if glows.is_empty() {
        commands.spawn((
            Name::new("Shawl"),
            ShawlGlow,
            ImageNode::new(images.add(shawl_image())).with_color(Color::srgba(1.0, 1.0, 1.0, 0.0)),
            Node {
                position_type: PositionType::Absolute,
                width: percent(100),
                height: percent(100),
                ..default()
            },
            GlobalZIndex(10),
            DespawnOnExit(AppState::Playing),
        ));
        return;
    }
    for mut glow in &mut glows {
        let alpha = (glow.color.alpha() + time.delta_secs() * 0.5).min(1.0);
        glow.color = Color::srgba(1.0, 1.0, 1.0, alpha);
    }
}

/// The shawl's glow: warm gold at the edges, clear in the middle, with a silken sheen.
fn shawl_image() -> Image {
    const W: u32 = 256;
    const H: u32 = 144;
    let mut data = Vec::with_capacity((W * H * 4) as usize);
    for y in 0..H {
        for x in 0..W {
            let u = x as f32 / W as f32 * 2.0 - 1.0;
            let v = y as f32 / H as f32 * 2.0 - 1.0;
            let edge = (u.abs().powf(4.0) + v.abs().powf(4.0)).min(1.0);
            // Soft folds of silk falling from the shoulders.
            let sheen = 0.85 + 0.15 * ((u * 9.0 + v * 4.0).sin());
            let alpha = (edge * 0.55 * sheen).clamp(0.0, 1.0);
            data.extend([
                255,
                (205.0 * sheen) as u8,
                (150.0 * sheen) as u8,
                (alpha * 255.0) as u8,
            ]);
        }
    }
    crate::shapes::rgba_image(W, H, data)
}

/// Morning: the indigo turns to sunrise, the light warms, the flowers open, and the view
/// fades to white.
#[expect(
    clippy::too_many_arguments,
    reason = "the dawn changes the whole garden"
)]
fn break_dawn(
    mut commands: Commands,
    ending: Res<Ending>,
    sky: Option<Res<crate::garden::GardenSky>>,
    look: Option<Res<crate::garden::GardenLook>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut sways: ResMut<Assets<crate::garden::SwayMaterial>>,
    mut lights: Query<&mut DirectionalLight, With<crate::garden::Moonlight>>,
    mut fogs: Query<&mut DistanceFog, With<crate::visuals::DreamCamera>>,
    mut whites: Query<&mut BackgroundColor, With<MorningLight>>,
    mut painted: Local<Option<f32>>,
) {
    let t = scene_progress(&ending, Scene::Dawn);
    // Paint only when the dawn has moved on, not every frame of the results that follow.
    if t <= 0.0 || *painted == Some(t) {
        return;
    }
    if sky.is_some() {
        *painted = Some(t);
    }
    let light = (t / 0.7).min(1.0);
    let mood = crate::garden::indigo_night().mix(&sunrise(), light);
    if let Some(sky) = &sky {
        for mut fog in &mut fogs {
            crate::visuals::repaint(&mut commands, &mut meshes, &sky.0, &mood, &mut fog);
        }
    }
    let mix =
        |a: Color, b: Color| Color::from(LinearRgba::from(a).mix(&LinearRgba::from(b), light));
    for mut sun in &mut lights {
        sun.color = mix(Color::srgb(0.7, 0.75, 1.0), Color::srgb(1.0, 0.8, 0.6));
        sun.illuminance = 2600.0 + 6000.0 * light;
    }
    if let Some(mut sway) = look.and_then(|look| sways.get_mut(&look.sway)) {
        sway.extension.params.z = light;
    }
    // The last part of the dawn fades to white.
    let white = ((t - 0.65) / 0.3).clamp(0.0, 1.0);
    if whites.is_empty() {
        commands.spawn((
            Name::new("Morning"),
            MorningLight,
            Node {
                position_type: PositionType::Absolute,
                width: percent(100),
                height: percent(100),
                ..default()
            },
            BackgroundColor(Color::srgba(1.0, 0.98, 0.95, white)),
            GlobalZIndex(30),
            DespawnOnExit(AppState::Playing),
        ));
    }
    for mut background in &mut whites {
        background.0 = Color::srgba(1.0, 0.98, 0.95, white);
    }
}

/// The garden at sunrise.
pub fn sunrise() -> crate::visuals::Mood {
    crate::visuals::Mood {
        sky: vec![
            (-1.0, LinearRgba::rgb(0.05, 0.04, 0.06)),
            (-0.05, LinearRgba::rgb(0.4, 0.3, 0.3)),
            (0.0, LinearRgba::rgb(1.6, 0.8, 0.45)),
            (0.12, LinearRgba::rgb(1.1, 0.7, 0.6)),
            (0.45, LinearRgba::rgb(0.45, 0.55, 0.85)),
            (1.0, LinearRgba::rgb(0.25, 0.4, 0.8)),
        ],
        fog: Color::srgb(0.95, 0.75, 0.65),
        fog_start: 40.0,
        fog_end: 320.0,
        ambient: Color::srgb(1.0, 0.9, 0.85),
        ambient_brightness: 700.0,
    }
}

/// Results and credits over the white morning; "Begin again" returns to the title.
#[expect(
    clippy::too_many_arguments,
    reason = "the results gather the whole dream"
)]
fn show_results(
    mut commands: Commands,
    ending: Res<Ending>,
    heart: Res<crate::river::Heart>,
    heard: Res<crate::voices::VoicesHeard>,
    levels: Res<Levels>,
    worries: Res<crate::darkening::Worries>,
    existing: Query<(), With<Results>>,
    run: Res<crate::speedrun::RunTimer>,
    speedrun: Res<crate::speedrun::Speedrun>,
    mut focus: ResMut<crate::menus::MenuFocus>,
) {
    if !existing.is_empty() {
        return;
    }
    focus.0 = 0;
    // The run's time: from the first step to the waking (as the speedrun timer counts it).
    let time = run
        .finished()
        .map(|end| end.game)
        .or(ending.woke_on_tick)
        .map_or_else(|| "-".to_string(), crate::autoplay::format_ticks);
    // Beside a speedrun's table the results take the right half.
    let (left, width) = if speedrun.0.is_some() {
        (percent(48), percent(52))
    } else {
        (percent(0), percent(100))
    };
    let ink = Color::srgb(0.25, 0.2, 0.35);
    let soft = Color::srgb(0.45, 0.4, 0.55);
    let text = |line: String, size: f32, color: Color| {
        (
            Text::new(line),
            TextFont {
                font_size: FontSize::Px(size),
                ..default()
            },
            TextColor(color),
        )
    };
    commands.spawn((
        Name::new("Results"),
        Results,
        Node {
            position_type: PositionType::Absolute,
            left,
            width,
            height: percent(100),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            row_gap: px(12),
            ..default()
        },
        GlobalZIndex(40),
        DespawnOnExit(AppState::Playing),
        children![
            text("You woke.".into(), 56.0, ink),
            text(format!("Time to waking  {time}"), 26.0, ink),
            text(format!("Fragments gathered  {} of {}", heart.filled(), heart.panes.len()), 24.0, soft),
            text(format!("Voices heard  {} of {}", heard.0.len(), levels.garden.voices.len()), 24.0, soft),
            text(format!("Worries planted  {} of {}", worries.planted, worries.total), 24.0, soft),
            Node {
                height: px(24),
                ..default()
            },
            text("Begin Again: made in Rust with Bevy; every shape, shader and sound made for this dream.".into(), 18.0, soft),
            text("Words from a dream of kindness. Thank you for walking it.".into(), 18.0, soft),
            Node {
                height: px(16),
                ..default()
            },
        ],
    ))
    .with_children(|results| {
        // A speedrunner's next attempt is one press away; anyone else returns to the title.
        if speedrun.0.is_some() {
            results.spawn(crate::menus::button(
                "Run again",
                crate::menus::MenuAction::RunAgain,
                0,
            ));
            results.spawn(crate::menus::button(
                "Back to the title",
                crate::menus::MenuAction::ReturnToTitle,
                1,
            ));
        } else {
            results.spawn(crate::menus::button(
                "Begin again",
                crate::menus::MenuAction::ReturnToTitle,
                0,
            ));
        }
    });
}
