//! The game's states: Loading → Title → Playing (chapter City or Garden, running or paused),
//! the messages that move between them, the dream's clock, and the one order in which the
//! dream's logic runs each fixed tick.

use bevy::prelude::*;

use super::ticks::TICK_HZ;

#[derive(States, Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum AppState {
    #[default]
    Loading,
    Title,
    Playing,
    /// A level could not be read: the problems are shown instead of the game.
    Broken,
}

/// Which part of the dream is being walked.
#[derive(SubStates, Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[source(AppState = AppState::Playing)]
pub enum Chapter {
    #[default]
    City,
    Garden,
}

#[derive(SubStates, Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[source(AppState = AppState::Playing)]
pub enum Pause {
    #[default]
    Running,
    Paused,
}

/// Where the game goes once the levels are loaded.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AfterLoading {
    #[default]
    Title,
    /// Straight into a dream (screenshots, scripted play).
    Dream(Chapter),
}

/// What the game still waits for before it leaves Loading: the view's sounds, which hold the
/// gate closed until they have loaded (a headless dream waits for nothing).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LoadingGate {
    pub waiting: bool,
}

/// A request to start a new dream at a chapter.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct BeginDream {
    pub chapter: Chapter,
}

/// A request to leave the dream for the title screen.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReturnToTitle;

/// The fact that a new dream has started (after the seed is set).
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct DreamBegan {
    pub seed: u64,
    pub chapter: Chapter,
}

/// Gameplay time: fixed 60 Hz ticks since the dream began, counted only while running.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DreamClock {
    pub tick: u64,
}

/// The dreamer stands still and lets the story come (the ending's scenes and after). Set by
/// the ending, read by walking, so the first beat never needs to know the last.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct HoldStill(pub bool);

/// The dream's logic, in the order it runs each fixed tick: said once, here.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum DreamSystems {
    /// The clock counts the tick; the run timer notices a first step.
    Clock,
    /// What Interact does this tick: a fresh press or a hold.
    Senses,
    /// The dreamer drifts, looks and collides.
    Move,
    /// Warmth drains with distance, footsteps ring, worries cling.
    Darkening,
    /// The door appears and is walked through.
    Door,
    /// The garden's air: which fragrance the dreamer stands in.
    Garden,
    /// Voice flowers open and speak.
    Voices,
    /// Worries planted beside the lotus.
    Lotus,
    /// The river: fragments scattered, reached for, gathered into the heart.
    River,
    /// The heart, the moon and the dawn.
    Ending,
    /// What is being said, for the subtitles.
    Subtitles,
    /// What the run makes of the tick: splits, the ghost's track.
    Record,
}

pub fn plugin(app: &mut App) {
    app.insert_resource(Time::<Fixed>::from_hz(TICK_HZ))
        .init_state::<AppState>()
        .add_sub_state::<Chapter>()
        .add_sub_state::<Pause>()
        .init_resource::<AfterLoading>()
        .init_resource::<LoadingGate>()
        .init_resource::<DreamClock>()
        .init_resource::<HoldStill>()
        .add_message::<BeginDream>()
        .add_message::<ReturnToTitle>()
        .add_message::<DreamBegan>()
        .configure_sets(
            FixedUpdate,
            (
                DreamSystems::Clock,
                DreamSystems::Senses,
                DreamSystems::Move,
                DreamSystems::Darkening,
                DreamSystems::Door,
                DreamSystems::Garden,
                DreamSystems::Voices,
                DreamSystems::Lotus,
                DreamSystems::River,
                DreamSystems::Ending,
                DreamSystems::Subtitles,
                DreamSystems::Record,
            )
                .chain()
                .run_if(in_state(Pause::Running)),
        )
        // A beat's systems run only in its chapter: nothing to do elsewhere.
        .configure_sets(
            FixedUpdate,
            DreamSystems::Door.run_if(in_state(Chapter::City)),
        )
        .configure_sets(
            FixedUpdate,
            (
                DreamSystems::Garden,
                DreamSystems::Voices,
                DreamSystems::Lotus,
                DreamSystems::River,
                DreamSystems::Ending,
            )
                .run_if(in_state(Chapter::Garden)),
        )
        .add_systems(FixedUpdate, count_tick.in_set(DreamSystems::Clock))
        .add_systems(Update, (begin_dream, return_to_title))
        .add_systems(OnEnter(AppState::Playing), restart_clock);
}

fn restart_clock(mut clock: ResMut<DreamClock>, mut hold: ResMut<HoldStill>) {
    *clock = DreamClock::default();
    *hold = HoldStill::default();
}

pub fn count_tick(mut clock: ResMut<DreamClock>) {
    clock.tick += 1;
}

pub fn begin_dream(
    mut requests: MessageReader<BeginDream>,
    state: Res<State<AppState>>,
    mut next_app: ResMut<NextState<AppState>>,
    mut next_chapter: ResMut<NextState<Chapter>>,
    mut rng: ResMut<super::rng::DreamRng>,
    mut began: MessageWriter<DreamBegan>,
) {
    let Some(request) = requests.read().last().copied() else {
        return;
    };
    if matches!(state.get(), AppState::Broken) {
        return;
    }
    let seed = rng.begin();
    info!(
        "a new dream begins at {:?} with seed {seed}",
        request.chapter
    );
    // Leaving and re-entering Playing despawns everything of the last dream.
    next_app.set(AppState::Playing);
    next_chapter.set(request.chapter);
    began.write(DreamBegan {
        seed,
        chapter: request.chapter,
    });
}

fn return_to_title(
    mut requests: MessageReader<ReturnToTitle>,
    mut next_app: ResMut<NextState<AppState>>,
) {
    if requests.read().last().is_some() {
        next_app.set(AppState::Title);
    }
}
