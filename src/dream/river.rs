//! The river of memories: once it wakes, shimmering fragments of lost self-compassion lie
//! along it (chosen from the level's candidates by the dream's seed); reaching in makes
//! droplets cling; walking into a fragment gathers it into a pane of the stained-glass heart.

use bevy::prelude::*;
use rand::RngExt;

use super::lotus::{River, RiverAwakened};
use super::voices::VoiceTriggered;
use super::walking::Dreamer;
use crate::core::flow::{AppState, Chapter, DreamSystems};
use crate::core::input::InteractEdge;
use crate::core::rng::DreamRng;
use crate::level::{Levels, Spoken};

/// How close (metres) the dreamer must come to gather a fragment.
pub(crate) const GATHER_RADIUS: f32 = 1.2;
/// How far from the water's edge (metres) the dreamer can reach in.
pub(crate) const BANK_REACH: f32 = 1.5;

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
    /// The level's place it lies at, which holds its memory.
    pub place: usize,
}

/// One fragment this dream holds: where it lies and which of the level's places (and so
/// which memory) it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlannedFragment {
    pub position: Vec2,
    pub place: usize,
}

/// Where this dream's fragments lie, chosen when the garden begins; the heart's panes
/// follow this order.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct FragmentPlan(pub Vec<PlannedFragment>);

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

/// A fragment was gathered into its pane, and its memory comes back.
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub struct FragmentCollected {
    pub index: u32,
    pub shard: Shard,
    /// The level's place it lay at: whose memory it holds.
    pub place: usize,
}

/// The last pane is filled: the heart assembles.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeartAssembled;

/// The dreamer reached into the river: droplets cling.
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub(crate) struct ReachedIn {
    pub at: Vec2,
}

/// The memories gathered this dream, in the order they came back (listed on waking).
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct GatheredMemories(pub Vec<Spoken>);

pub fn plugin(app: &mut App) {
    app.init_resource::<FragmentPlan>()
        .init_resource::<Heart>()
        .add_message::<FragmentCollected>()
        .add_message::<HeartAssembled>()
        .add_message::<ReachedIn>()
        .init_resource::<GatheredMemories>()
        .add_systems(
            OnEnter(AppState::Playing),
            |mut heart: ResMut<Heart>, mut memories: ResMut<GatheredMemories>| {
                *heart = Heart::default();
                memories.0.clear();
            },
        )
        .add_systems(OnEnter(Chapter::Garden), plan_fragments)
        .add_systems(
            FixedUpdate,
            (
                scatter_fragments.run_if(on_message::<RiverAwakened>),
                reach_in,
                gather_fragments,
            )
                .chain()
                .in_set(DreamSystems::River),
        );
}

/// Chooses this dream's fragment places: a seeded pick of `count` of the level's
/// `candidates` places, as their indices.
pub(crate) fn choose_fragment_places(
    candidates: usize,
    count: usize,
    rng: &mut impl rand::Rng,
) -> Vec<usize> {
    let mut pool: Vec<usize> = (0..candidates).collect();
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
    let chosen = choose_fragment_places(
        fragments.candidates.len(),
        fragments.count as usize,
        rng.generator(),
    );
    plan.0 = chosen
        .into_iter()
        .map(|place| PlannedFragment {
            position: fragments.candidates[place].at.vec(),
            place,
        })
        .collect();
    *heart = Heart {
        panes: vec![false; plan.0.len()],
    };
}

/// When the river wakes, the fragments appear along it.
fn scatter_fragments(mut commands: Commands, plan: Res<FragmentPlan>) {
    spawn_fragments(&mut commands, &plan, &[]);
}

/// The fragments of `plan` not yet `gathered`, lying where it says (also how a screenshot
/// stages the river).
pub(crate) fn spawn_fragments(commands: &mut Commands, plan: &FragmentPlan, gathered: &[usize]) {
    for (index, planned) in plan.0.iter().enumerate() {
        if gathered.contains(&index) {
            continue;
        }
        commands.spawn((
            Name::new(format!("Fragment {index}")),
            Fragment {
                index: index as u32,
                position: planned.position,
                shard: SHARDS[index % SHARDS.len()],
                place: planned.place,
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
        && water.distance(dreamer.position) <= water.width * 0.5 + BANK_REACH
    {
        reached.write(ReachedIn {
            at: dreamer.position,
        });
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "a gathered shard fills its pane and gives back its memory"
)]
fn gather_fragments(
    mut commands: Commands,
    dreamers: Query<&Dreamer>,
    fragments: Query<(Entity, &Fragment)>,
    levels: Res<Levels>,
    mut heart: ResMut<Heart>,
    mut memories: ResMut<GatheredMemories>,
    mut collected: MessageWriter<FragmentCollected>,
    mut assembled: MessageWriter<HeartAssembled>,
    mut voices: MessageWriter<VoiceTriggered>,
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
            place: fragment.place,
        });
        // Its memory comes back: said softly where the shard lay, and kept for the waking.
        if let Some(place) = levels
            .garden
            .fragments
            .as_ref()
            .and_then(|f| f.candidates.get(fragment.place))
        {
            memories.0.push(place.memory.clone());
            voices.write(VoiceTriggered {
                flower: None,
                spoken: place.memory.clone(),
                position: fragment.position,
                lingers: false,
            });
        }
        if heart.whole() {
            assembled.write(HeartAssembled);
        }
    }
}
