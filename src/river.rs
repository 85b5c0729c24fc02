//! The river of memories: once it wakes, shimmering fragments of lost self-compassion lie
//! along it (chosen from the level's candidates by the dream's seed); reaching in makes
//! droplets cling; walking into a fragment gathers it into a pane of the stained-glass heart.

use bevy::prelude::*;
use rand::RngExt;

use crate::flow::{AppState, Chapter, DreamSystems};
use crate::garden::distance_to_path;
use crate::level::Levels;
use crate::lotus::{River, RiverAwakened};
use crate::rng::DreamRng;
use crate::voices::InteractEdge;
use crate::walking::Dreamer;

/// How close (metres) the dreamer must come to gather a fragment.
pub const GATHER_RADIUS: f32 = 1.2;
/// How far from the water's edge (metres) the dreamer can reach in.
pub const BANK_REACH: f32 = 1.5;

/// The shapes fragments take, so they are told apart without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shard {
    Triangle,
    Diamond,
    Teardrop,
    Crescent,
    Star,
    Leaf,
    Circle,
}

pub const SHARDS: [Shard; 7] = [
    Shard::Triangle,
    Shard::Diamond,
    Shard::Teardrop,
    Shard::Crescent,
    Shard::Star,
    Shard::Leaf,
    Shard::Circle,
];

/// A fragment of lost self-compassion, shimmering beside the river.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Fragment {
    /// Its pane in the heart.
    pub index: u32,
    pub position: Vec2,
    pub shard: Shard,
}

/// Where this dream's fragments lie, chosen when the garden begins.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct FragmentPlan(pub Vec<Vec2>);

/// The stained-glass heart: which panes are filled.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct Heart {
    pub panes: Vec<bool>,
}

impl Heart {
    pub fn filled(&self) -> usize {
        self.panes.iter().filter(|&&p| p).count()
    }

    pub fn whole(&self) -> bool {
        !self.panes.is_empty() && self.panes.iter().all(|&p| p)
    }
}

/// A fragment was gathered into its pane.
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub struct FragmentCollected {
    pub index: u32,
    pub shard: Shard,
}

/// The last pane is filled: the heart assembles.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeartAssembled;

/// The dreamer reached into the river: droplets cling.
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub struct ReachedIn {
    pub at: Vec2,
}

pub struct RiverPlugin;

impl Plugin for RiverPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<FragmentPlan>()
            .init_resource::<Heart>()
            .add_message::<FragmentCollected>()
            .add_message::<HeartAssembled>()
            .add_message::<ReachedIn>()
            .add_systems(OnEnter(AppState::Playing), |mut heart: ResMut<Heart>| {
                *heart = Heart::default();
            })
            .add_systems(OnEnter(Chapter::Garden), plan_fragments)
            .add_systems(
                FixedUpdate,
                (
                    scatter_fragments.run_if(on_message::<RiverAwakened>),
                    reach_in,
                    gather_fragments,
                )
                    .chain()
                    .after(crate::lotus::plant_worries)
                    .in_set(DreamSystems::React),
            );
    }
}

/// Chooses this dream's fragment places: a seeded pick of the level's candidates.
pub fn choose_fragment_places(
    candidates: &[Vec2],
    count: usize,
    rng: &mut impl rand::Rng,
) -> Vec<Vec2> {
    let mut pool = candidates.to_vec();
    let count = count.min(pool.len());
    for i in 0..count {
        let j = rng.random_range(i..pool.len());
        pool.swap(i, j);
    }
    pool.truncate(count);
    pool
}

fn plan_fragments(
    levels: Res<Levels>,
    mut rng: ResMut<DreamRng>,
    mut plan: ResMut<FragmentPlan>,
    mut heart: ResMut<Heart>,
) {
    let Some(fragments) = &levels.garden.fragments else {
        return;
    };
    let candidates: Vec<Vec2> = fragments.candidates.iter().map(|p| p.vec()).collect();
    plan.0 = choose_fragment_places(&candidates, fragments.count as usize, rng.generator());
    *heart = Heart {
        panes: vec![false; plan.0.len()],
    };
}

/// When the river wakes, the fragments appear along it.
fn scatter_fragments(mut commands: Commands, plan: Res<FragmentPlan>) {
    for (index, &position) in plan.0.iter().enumerate() {
        commands.spawn((
            Name::new(format!("Fragment {index}")),
            Fragment {
                index: index as u32,
                position,
                shard: SHARDS[index % SHARDS.len()],
            },
            DespawnOnExit(Chapter::Garden),
            DespawnOnExit(AppState::Playing),
        ));
    }
}

fn reach_in(
    edge: Res<InteractEdge>,
    river: Res<River>,
    levels: Res<Levels>,
    dreamers: Query<&Dreamer>,
    mut reached: MessageWriter<ReachedIn>,
) {
    let (Some(water), Ok(dreamer)) = (&levels.garden.river, dreamers.single()) else {
        return;
    };
    if river.awake
        && edge.pressed_now
        && distance_to_path(&water.path, dreamer.position) <= water.width * 0.5 + BANK_REACH
    {
        reached.write(ReachedIn {
            at: dreamer.position,
        });
    }
}

pub fn gather_fragments(
    mut commands: Commands,
    dreamers: Query<&Dreamer>,
    fragments: Query<(Entity, &Fragment)>,
    mut heart: ResMut<Heart>,
    mut collected: MessageWriter<FragmentCollected>,
    mut assembled: MessageWriter<HeartAssembled>,
) {
    let Ok(dreamer) = dreamers.single() else {
        return;
    };
    // Gathered in a fixed order when two are in reach at once, so replays agree.
    let mut near: Vec<(Entity, Fragment)> = fragments
        .iter()
        .filter(|(_, f)| f.position.distance(dreamer.position) <= GATHER_RADIUS)
        .map(|(e, f)| (e, *f))
        .collect();
    near.sort_by_key(|(_, f)| f.index);
    for (entity, fragment) in near {
        commands.entity(entity).despawn();
        if let Some(pane) = heart.panes.get_mut(fragment.index as usize) {
            *pane = true;
        }
        collected.write(FragmentCollected {
            index: fragment.index,
            shard: fragment.shard,
        });
        if heart.whole() {
            assembled.write(HeartAssembled);
        }
    }
}

/// The river's flowing water.
#[derive(Asset, bevy::render::render_resource::AsBindGroup, TypePath, Debug, Clone, Default)]
pub struct FlowMaterial {
    /// x: awake (0..1), y: flow speed, z: motion on (1) or still (0).
    #[uniform(0)]
    pub params: Vec4,
}

impl Material for FlowMaterial {
    fn fragment_shader() -> bevy::shader::ShaderRef {
        "shaders/river.wgsl".into()
    }
}

/// The stained-glass colours of the heart's panes, one per fragment.
pub const PANE_COLORS: [Color; 7] = [
    Color::srgb(0.9, 0.15, 0.25),
    Color::srgb(0.98, 0.55, 0.12),
    Color::srgb(0.98, 0.85, 0.25),
    Color::srgb(0.2, 0.8, 0.4),
    Color::srgb(0.15, 0.75, 0.8),
    Color::srgb(0.2, 0.35, 0.95),
    Color::srgb(0.65, 0.3, 0.9),
];

pub fn pane_color(index: u32) -> Color {
    PANE_COLORS[index as usize % PANE_COLORS.len()]
}

#[derive(Resource)]
struct RiverLook {
    flow: Handle<FlowMaterial>,
}

/// A shard shimmering above the bank.
#[derive(Component)]
struct Shimmer {
    phase: f32,
}

/// One droplet clinging to the view.
#[derive(Component)]
struct Droplet {
    age: f32,
    fall: f32,
}

/// The heart on the HUD and its panes.
#[derive(Component)]
struct HeartPane(u32);

/// The river, its fragments and the heart on the HUD, as the player sees them.
pub struct RiverViewPlugin;

impl Plugin for RiverViewPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins(MaterialPlugin::<FlowMaterial>::default())
            .add_systems(OnEnter(Chapter::Garden), (draw_river, draw_heart_hud))
            .add_observer(draw_fragment)
            .add_systems(
                Update,
                (
                    flow,
                    shimmer,
                    fill_panes.run_if(resource_changed::<Heart>),
                    cling_droplets.run_if(on_message::<ReachedIn>),
                    run_droplets,
                )
                    .run_if(in_state(Chapter::Garden)),
            );
    }
}

fn draw_river(
    mut commands: Commands,
    levels: Res<Levels>,
    settings: Res<crate::settings::Settings>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut flows: ResMut<Assets<FlowMaterial>>,
) {
    let Some(water) = &levels.garden.river else {
        return;
    };
    let flow = flows.add(FlowMaterial {
        params: Vec4::new(
            0.0,
            0.35,
            if settings.reduced_motion { 0.0 } else { 1.0 },
            0.0,
        ),
    });
    let path: Vec<Vec2> = water.path.iter().map(|p| p.vec()).collect();
    commands.spawn((
        Name::new("The river of memories"),
        Mesh3d(meshes.add(crate::shapes::ribbon(&path, water.width, 0.03))),
        MeshMaterial3d(flow.clone()),
        bevy::light::NotShadowCaster,
        DespawnOnExit(Chapter::Garden),
    ));
    commands.insert_resource(RiverLook { flow });
}

fn flow(
    river: Res<River>,
    settings: Res<crate::settings::Settings>,
    time: Res<Time>,
    look: Option<Res<RiverLook>>,
    mut flows: ResMut<Assets<FlowMaterial>>,
) {
    let Some(mut material) = look.and_then(|look| flows.get_mut(&look.flow)) else {
        return;
    };
    let target = if river.awake { 1.0 } else { 0.0 };
    let params = &mut material.params;
    params.x += (target - params.x) * (time.delta_secs() * 0.6).min(1.0);
    params.z = if settings.reduced_motion { 0.0 } else { 1.0 };
}

fn draw_fragment(
    added: On<Add, Fragment>,
    fragments: Query<&Fragment>,
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let Ok(fragment) = fragments.get(added.entity) else {
        return;
    };
    let color = LinearRgba::from(pane_color(fragment.index));
    let glass = materials.add(StandardMaterial {
        base_color: Color::from(color.with_alpha(0.85)),
        emissive: color * 3.0,
        alpha_mode: AlphaMode::Blend,
        double_sided: true,
        cull_mode: None,
        unlit: true,
        ..default()
    });
    commands.entity(added.entity).insert((
        Transform::from_xyz(fragment.position.x, 1.1, fragment.position.y)
            .with_scale(Vec3::splat(0.28)),
        Visibility::default(),
        Shimmer {
            phase: fragment.index as f32 * 0.9,
        },
        Mesh3d(
            meshes.add(crate::shapes::shard_pane(fragment.shard, LinearRgba::WHITE).into_mesh()),
        ),
        MeshMaterial3d(glass),
        bevy::light::NotShadowCaster,
        children![(
            PointLight {
                color: Color::from(color),
                intensity: 20_000.0,
                range: 6.0,
                ..default()
            },
            Transform::from_xyz(0.0, 0.0, 0.5),
        )],
    ));
}

fn shimmer(
    time: Res<Time>,
    settings: Res<crate::settings::Settings>,
    mut shards: Query<(&Shimmer, &mut Transform)>,
) {
    let t = if settings.reduced_motion {
        0.0
    } else {
        time.elapsed_secs()
    };
    for (shimmer, mut transform) in &mut shards {
        transform.translation.y = 1.1 + 0.12 * (t * 1.3 + shimmer.phase).sin();
        transform.rotation = Quat::from_rotation_y(t * 0.8 + shimmer.phase);
    }
}

fn draw_heart_hud(
    mut commands: Commands,
    mut images: ResMut<Assets<Image>>,
    plan: Res<FragmentPlan>,
) {
    // Seven panes laid out as a heart: two lobes, a middle row, and the lower panes.
    const LAYOUT: [(f32, f32); 7] = [
        (-30.0, 0.0),
        (30.0, 0.0),
        (-52.0, 34.0),
        (0.0, 30.0),
        (52.0, 34.0),
        (-22.0, 64.0),
        (22.0, 64.0),
    ];
    let root = commands
        .spawn((
            Name::new("Stained-glass heart"),
            Node {
                position_type: PositionType::Absolute,
                right: px(40),
                bottom: px(40),
                width: px(150),
                height: px(130),
                ..default()
            },
            DespawnOnExit(AppState::Playing),
        ))
        .id();
    for index in 0..plan.0.len() as u32 {
        let (x, y) = LAYOUT[index as usize % LAYOUT.len()];
        let shard = SHARDS[index as usize % SHARDS.len()];
        let image = images.add(crate::shapes::shard_image(shard, pane_color(index), false));
        commands.entity(root).with_child((
            HeartPane(index),
            ImageNode::new(image),
            Node {
                position_type: PositionType::Absolute,
                left: px(51.0 + x),
                top: px(10.0 + y),
                width: px(48),
                height: px(48),
                ..default()
            },
        ));
    }
}

fn fill_panes(
    heart: Res<Heart>,
    mut images: ResMut<Assets<Image>>,
    mut panes: Query<(&HeartPane, &mut ImageNode)>,
) {
    for (pane, mut node) in &mut panes {
        let filled = heart.panes.get(pane.0 as usize).copied().unwrap_or(false);
        let shard = SHARDS[pane.0 as usize % SHARDS.len()];
        node.image = images.add(crate::shapes::shard_image(
            shard,
            pane_color(pane.0),
            filled,
        ));
    }
}

fn cling_droplets(
    mut commands: Commands,
    settings: Res<crate::settings::Settings>,
    time: Res<Time>,
) {
    if settings.reduced_motion {
        return;
    }
    // Cool, clean droplets bead at the edges of the view, then slide away.
    let seed = time.elapsed_secs();
    for i in 0..16 {
        let k = i as f32 + seed * 7.3;
        let x = (k * 12.9898).sin().abs() * 100.0;
        let edge = (k * 78.233).sin().abs();
        let y = if i % 2 == 0 {
            edge * 25.0
        } else {
            75.0 + edge * 20.0
        };
        let size = 10.0 + (k * 3.7).sin().abs() * 22.0;
        commands.spawn((
            Droplet {
                age: 0.0,
                fall: 2.0 + (k * 1.9).sin().abs() * 5.0,
            },
            Node {
                position_type: PositionType::Absolute,
                left: percent(x.min(97.0)),
                top: percent(y.min(95.0)),
                width: px(size * 0.8),
                height: px(size),
                border: UiRect::all(px(1.5)),
                border_radius: BorderRadius::all(px(size)),
                ..default()
            },
            BackgroundColor(Color::srgba(0.75, 0.88, 1.0, 0.16)),
            BorderColor::all(Color::srgba(0.9, 0.95, 1.0, 0.45)),
            GlobalZIndex(20),
            DespawnOnExit(AppState::Playing),
        ));
    }
}

fn run_droplets(
    mut commands: Commands,
    time: Res<Time>,
    mut droplets: Query<(
        Entity,
        &mut Droplet,
        &mut Node,
        &mut BackgroundColor,
        &mut BorderColor,
    )>,
) {
    for (entity, mut droplet, mut node, mut background, mut border) in &mut droplets {
        droplet.age += time.delta_secs();
        let t = droplet.age / 2.8;
        if t >= 1.0 {
            commands.entity(entity).despawn();
            continue;
        }
        if let Val::Percent(top) = node.top {
            node.top = percent(top + droplet.fall * time.delta_secs());
        }
        let fade = 1.0 - t * t;
        background.0 = Color::srgba(0.75, 0.88, 1.0, 0.16 * fade);
        *border = BorderColor::all(Color::srgba(0.9, 0.95, 1.0, 0.45 * fade));
    }
}
