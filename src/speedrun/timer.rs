//! The run's clock and splits: categories, the run timer (game time in fixed ticks, real time from the
//! wall clock), splits on the dream's beats, the instant reset, and the pause of game time
//! while a chapter loads. Headless, so a replay verifies to the same time the player saw.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::core::flow::{
    AppState, BeginDream, Chapter, DreamClock, DreamSystems, begin_dream, count_tick,
};
use crate::core::input::InputFrame;
use crate::core::rng::{DreamRng, fresh_seed};
use crate::core::ticks::TICK_HZ;
use crate::dream::ending::{Awoke, MoonLeansDown};
use crate::dream::lotus::RiverAwakened;
use crate::dream::portal::{DoorAppeared, PortalEntered};
use crate::dream::river::HeartAssembled;
use crate::dream::voices::VoicesHeard;
use crate::level::Levels;

/// Which way through the dream.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Route {
    /// The shortest way to waking.
    Any,
    /// Every voice heard, every worry planted, every fragment gathered.
    Full,
}

impl Route {
    pub fn label(self) -> &'static str {
        match self {
            Route::Any => "Any%",
            Route::Full => "100%",
        }
    }
}

/// Where a run's seed comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SeedChoice {
    /// A fresh seed for every attempt.
    Random,
    /// The same seed every attempt, so the door and fragments stand in the same places.
    Set(u64),
}

/// A speedrun category: its route and its seed rule. Each has its own personal best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub route: Route,
    pub seed: SeedChoice,
}

impl Category {
    /// As shown to the player and written into LiveSplit files.
    pub fn name(&self) -> String {
        match self.seed {
            SeedChoice::Random => format!("{} (random seed)", self.route.label()),
            SeedChoice::Set(seed) => format!("{} (seed {seed})", self.route.label()),
        }
    }

    /// A name fit for file names.
    pub fn slug(&self) -> String {
        let route = match self.route {
            Route::Any => "any",
            Route::Full => "full",
        };
        match self.seed {
            SeedChoice::Random => format!("{route}-random"),
            SeedChoice::Set(seed) => format!("{route}-seed-{seed}"),
        }
    }
}

/// One split per beat of the dream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Split {
    /// The blue door appears in the darkened city.
    Door,
    /// Through the door, into the garden.
    Garden,
    /// Every worry planted beside the lotus.
    Lotus,
    /// Every fragment gathered from the river: the heart is whole.
    River,
    /// The moon leans down: her scene begins, once the heart has been seen (or skipped).
    Moon,
    /// The first frame of the dawn: the run's time ends.
    Waking,
}

/// The splits in the order a run meets them.
pub const SPLITS: [Split; 6] = [
    Split::Door,
    Split::Garden,
    Split::Lotus,
    Split::River,
    Split::Moon,
    Split::Waking,
];

impl Split {
    pub fn name(self) -> &'static str {
        match self {
            Split::Door => "The Door",
            Split::Garden => "The Garden",
            Split::Lotus => "The Lotus",
            Split::River => "The River",
            Split::Moon => "The Moon",
            Split::Waking => "Waking",
        }
    }
}

/// The speedrun in progress, if the dream is one.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Speedrun(pub Option<Category>);

/// A split time: game time in ticks, real time in (rounded) ticks of the wall clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SplitTime {
    pub game: u64,
    pub real: u64,
}

/// The run's clock. Game time counts fixed ticks from the first movement to the first frame
/// of the dawn, so it leaves out the pause menu and chapter loading; real time is the wall
/// clock over the same span, everything included.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct RunTimer {
    /// The dream tick just before the first movement: game time is `tick - origin`.
    pub origin: Option<u64>,
    /// The wall clock (seconds of `Time<Real>`) when the run started.
    pub real_origin: Option<f64>,
    /// The splits reached, in order.
    pub splits: Vec<SplitTime>,
    /// Why a finished run does not count for its category (100% with something missed).
    pub incomplete: Option<String>,
}

impl RunTimer {
    pub fn started(&self) -> bool {
        self.origin.is_some()
    }

    /// The final time, once the dreamer has woken.
    pub fn finished(&self) -> Option<SplitTime> {
        (self.splits.len() == SPLITS.len()).then(|| self.splits[SPLITS.len() - 1])
    }

    /// Game time at dream tick `tick`.
    pub fn game_ticks(&self, tick: u64) -> u64 {
        self.finished()
            .map(|end| end.game)
            .or_else(|| self.origin.map(|origin| tick.saturating_sub(origin)))
            .unwrap_or(0)
    }

    /// Real time with the wall clock at `now` (seconds of `Time<Real>`).
    pub fn real_ticks(&self, now: f64) -> u64 {
        self.finished()
            .map(|end| end.real)
            .or_else(|| {
                self.real_origin
                    .map(|origin| ((now - origin).max(0.0) * TICK_HZ).round() as u64)
            })
            .unwrap_or(0)
    }

    /// The split the run is heading for.
    pub fn next_split(&self) -> Option<Split> {
        SPLITS.get(self.splits.len()).copied()
    }
}

/// The timer started: the first movement of a new dream.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimerStarted;

/// A split was reached.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SplitReached {
    pub split: Split,
    pub index: usize,
    pub time: SplitTime,
}

/// A request to throw this attempt away and start a fresh one of the same category.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResetRun;

/// A request to start a speedrun of a category from the title.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct StartSpeedrun(pub Category);

/// Game time stands still while a chapter's world is built: the frames it takes are not the
/// player's. Counts the frames left to hold (`u32::MAX`: until the chapter is entered).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadingHold {
    pub frames_left: u32,
}

/// The frames game time holds still when a chapter is entered (the heavy frame, the one that
/// renders it, and one to spare).
pub const LOADING_HOLD_FRAMES: u32 = 3;

/// Loading began or ended (for LiveSplit's game time).
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loading {
    Began,
    /// With the run's game time as loading ended (unchanged since it began).
    Ended {
        game_ticks: u64,
    },
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Speedrun>()
        .init_resource::<RunTimer>()
        .init_resource::<LoadingHold>()
        .add_message::<TimerStarted>()
        .add_message::<SplitReached>()
        .add_message::<ResetRun>()
        .add_message::<StartSpeedrun>()
        .add_message::<Loading>()
        .add_systems(OnEnter(AppState::Playing), restart_timer)
        .add_systems(OnEnter(Chapter::Garden), hold_for_loading)
        .add_systems(OnEnter(AppState::Title), |mut run: ResMut<Speedrun>| {
            run.0 = None;
        })
        .add_systems(
            FixedUpdate,
            (
                start_timer.after(count_tick).in_set(DreamSystems::Clock),
                (reach_splits, hold_at_portal).in_set(DreamSystems::Record),
            ),
        )
        .add_systems(
            Update,
            (reset_run, start_speedrun).chain().before(begin_dream),
        )
        .add_systems(Last, release_loading_hold);
}

fn restart_timer(
    mut timer: ResMut<RunTimer>,
    mut hold: ResMut<LoadingHold>,
    mut time: ResMut<Time<Virtual>>,
) {
    *timer = RunTimer::default();
    // A reset during a load must not leave time held.
    *hold = LoadingHold::default();
    time.unpause();
}

/// Through the door: from this tick no more run until the garden stands (not even the
/// catch-up ticks of a slow frame).
fn hold_at_portal(
    mut portal: MessageReader<PortalEntered>,
    mut hold: ResMut<LoadingHold>,
    mut time: ResMut<Time<Virtual>>,
    mut fixed: ResMut<Time<Fixed>>,
    mut loading: MessageWriter<Loading>,
) {
    if portal.read().count() == 0 {
        return;
    }
    let overstep = fixed.overstep();
    fixed.discard_overstep(overstep);
    // Held until a few frames after the garden is entered (see `hold_for_loading`).
    hold.frames_left = u32::MAX;
    time.pause();
    loading.write(Loading::Began);
}

fn hold_for_loading(
    mut hold: ResMut<LoadingHold>,
    mut time: ResMut<Time<Virtual>>,
    mut loading: MessageWriter<Loading>,
) {
    if hold.frames_left == 0 {
        time.pause();
        loading.write(Loading::Began);
    }
    hold.frames_left = LOADING_HOLD_FRAMES;
}

pub fn release_loading_hold(
    clock: Res<DreamClock>,
    timer: Res<RunTimer>,
    mut hold: ResMut<LoadingHold>,
    mut time: ResMut<Time<Virtual>>,
    mut loading: MessageWriter<Loading>,
) {
    if hold.frames_left == 0 || hold.frames_left == u32::MAX {
        return;
    }
    hold.frames_left -= 1;
    if hold.frames_left == 0 {
        time.unpause();
        loading.write(Loading::Ended {
            game_ticks: timer.game_ticks(clock.tick),
        });
    }
}

fn start_timer(
    frame: Res<InputFrame>,
    clock: Res<DreamClock>,
    real: Res<Time<Real>>,
    mut timer: ResMut<RunTimer>,
    mut started: MessageWriter<TimerStarted>,
) {
    if timer.started() || frame.movement == [0, 0] {
        return;
    }
    timer.origin = Some(clock.tick - 1);
    timer.real_origin = Some(real.elapsed_secs_f64());
    started.write(TimerStarted);
}

#[expect(
    clippy::too_many_arguments,
    reason = "each split listens for its own beat"
)]
pub(crate) fn reach_splits(
    clock: Res<DreamClock>,
    real: Res<Time<Real>>,
    speedrun: Res<Speedrun>,
    heard: Res<VoicesHeard>,
    levels: Res<Levels>,
    mut door: MessageReader<DoorAppeared>,
    mut portal: MessageReader<PortalEntered>,
    mut river: MessageReader<RiverAwakened>,
    mut heart: MessageReader<HeartAssembled>,
    mut moon: MessageReader<MoonLeansDown>,
    mut awoke: MessageReader<Awoke>,
    mut timer: ResMut<RunTimer>,
    mut reached: MessageWriter<SplitReached>,
) {
    // Read every reader each tick so nothing stale is left to count later.
    let beats = [
        door.read().count() > 0,
        portal.read().count() > 0,
        river.read().count() > 0,
        heart.read().count() > 0,
        moon.read().count() > 0,
        awoke.read().count() > 0,
    ];
    if !timer.started() {
        return;
    }
    // Splits come in story order, each on a tick of its own (every beat takes at least one).
    while let Some(next) = timer.next_split() {
        let index = timer.splits.len();
        if !beats[index] {
            break;
        }
        let time = SplitTime {
            game: timer.game_ticks(clock.tick),
            real: timer.real_ticks(real.elapsed_secs_f64()),
        };
        timer.splits.push(time);
        if next == Split::Waking
            && speedrun.0.is_some_and(|c| c.route == Route::Full)
            && heard.0.len() < levels.garden.voices.len()
        {
            timer.incomplete = Some(format!(
                "100% needs every voice: {} of {} heard",
                heard.0.len(),
                levels.garden.voices.len()
            ));
        }
        reached.write(SplitReached {
            split: next,
            index,
            time,
        });
    }
}

/// The seed for the next attempt of `category`.
fn seed_for(category: Category) -> u64 {
    match category.seed {
        SeedChoice::Random => fresh_seed(),
        SeedChoice::Set(seed) => seed,
    }
}

pub fn start_speedrun(
    mut requests: MessageReader<StartSpeedrun>,
    mut speedrun: ResMut<Speedrun>,
    mut rng: ResMut<DreamRng>,
    mut begin: MessageWriter<BeginDream>,
) {
    let Some(StartSpeedrun(category)) = requests.read().last().copied() else {
        return;
    };
    speedrun.0 = Some(category);
    rng.seed_next_dream(seed_for(category));
    begin.write(BeginDream {
        chapter: Chapter::City,
    });
}

pub fn reset_run(
    mut requests: MessageReader<ResetRun>,
    speedrun: Res<Speedrun>,
    practising: Option<Res<Practising>>,
    mut start: MessageWriter<StartSpeedrun>,
) {
    if requests.read().last().is_none() {
        return;
    }
    // In practice a reset puts the player back at the segment's start (see `practice`).
    if practising.is_some_and(|p| p.0) {
        return;
    }
    if let Some(category) = speedrun.0 {
        info!("instant reset: a fresh attempt at {}", category.name());
        start.write(StartSpeedrun(category));
    }
}

/// Whether the dream is a practice (set by `practice` as it begins and ends one): the real
/// records, LiveSplit and an instant reset leave a practice alone.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Practising(pub bool);

/// A run condition: the dream is not a practice.
pub(crate) fn not_practising(practising: Option<Res<Practising>>) -> bool {
    practising.is_none_or(|p| !p.0)
}
