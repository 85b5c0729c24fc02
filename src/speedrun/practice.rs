//! Practice: any segment of a category, begun from the exact state a run has at the split
//! before it. The dream is played up to there by a route (the personal best's replay, or the
//! pilot's way when there is none) hundreds of ticks a frame, then the hands are the
//! player's; each segment finished is timed against practice bests kept apart from the real
//! records (never the personal best, golds or attempts). Restart puts the player back at the
//! segment's start at once.

use bevy::prelude::*;

use super::bests::SegmentPractised;
pub use super::bests::{PracticeBests, load_practice, practice_path};
use super::pilot::{Pilot, fly};
use super::records::{Records, RecordsPlace};
use super::runs::{MAX_RUN_TICKS, read_run_file};
use super::timer::{
    Category, Practising, ResetRun, RunTimer, SPLITS, SeedChoice, Speedrun, SplitReached,
    StartSpeedrun, reach_splits,
};
use crate::core::flow::{AppState, BeginDream, Chapter, DreamClock, DreamSystems, begin_dream};
use crate::core::input::{InputFrame, InputRecording, InputSource};
use crate::core::rng::DreamRng;
use crate::core::ticks;
use crate::level::LevelsSource;
use crate::saving::Notices;

/// How much faster than play the dream runs while it hurries to the segment's start.
pub(crate) const HURRY_SPEED: f64 = 400.0;

/// A request to practise the segment that ends at split `segment` (0: from the first step).
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct StartPractice {
    pub category: Category,
    pub segment: usize,
}

/// The dream has reached the segment's start: from here the player plays.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PracticeReady {
    pub segment: usize,
}

/// Where a practice's route to its segment came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteFrom {
    /// The category's personal best, replayed.
    PersonalBest,
    /// The autoplay pilot's way (no personal best yet, or its replay could not be used).
    Pilot,
}

/// The practice in progress.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeRun {
    pub category: Category,
    pub seed: u64,
    /// The segment practised: it ends at `SPLITS[segment]`.
    pub segment: usize,
    /// The input frames that play the dream to the segment's start.
    pub route: Vec<InputFrame>,
    pub route_from: RouteFrom,
    /// The dream tick the player took over on (`None` while the dream hurries there).
    pub ready_on_tick: Option<u64>,
}

impl PracticeRun {
    pub fn hurrying(&self) -> bool {
        self.ready_on_tick.is_none()
    }
}

/// Practice, when the dream is one.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Practice(pub Option<PracticeRun>);

impl Practice {
    pub fn hurrying(&self) -> bool {
        self.0.as_ref().is_some_and(PracticeRun::hurrying)
    }

    /// Game time into the segment being run, at dream tick `tick`.
    pub fn segment_ticks(&self, timer: &RunTimer, tick: u64) -> Option<u64> {
        let run = self.0.as_ref()?;
        run.ready_on_tick?;
        let begun = match run.segment {
            0 => 0,
            n => timer.splits.get(n - 1)?.game,
        };
        let now = match timer.splits.get(run.segment) {
            Some(done) => done.game,
            None => timer.game_ticks(tick),
        };
        Some(now.saturating_sub(begun))
    }
}

/// True while a practice hurries to its segment (what it passes is not shown or heard).
pub fn hurrying(practice: Option<Res<Practice>>) -> bool {
    practice.is_some_and(|p| p.hurrying())
}

/// Practice's logic: headless, so tests run it as the game does.
pub fn plugin(app: &mut App) {
    app.init_resource::<Practice>()
        .init_resource::<Practising>()
        .add_message::<StartPractice>()
        .add_message::<PracticeReady>()
        .add_message::<SegmentPractised>()
        .add_systems(
            Update,
            (
                restart_segment.before(super::timer::reset_run),
                start_practice.after(super::timer::start_speedrun),
                hurry,
            )
                .before(begin_dream),
        )
        .add_systems(
            FixedUpdate,
            (arrive, time_segments)
                .chain()
                .after(reach_splits)
                .in_set(DreamSystems::Record),
        )
        .add_systems(
            OnEnter(AppState::Title),
            |mut practice: ResMut<Practice>, mut practising: ResMut<Practising>| {
                practice.0 = None;
                practising.0 = false;
            },
        )
        .add_systems(Update, stop_on_a_real_run);
}

/// The seed a practice of `category` plays: the personal best's, else the set seed, else 1.
fn practice_seed(category: Category, records: Option<&Records>) -> u64 {
    let pb_seed = records
        .and_then(|r| r.get(category))
        .and_then(|r| r.personal_best.as_ref())
        .map(|pb| pb.seed);
    match category.seed {
        SeedChoice::Set(seed) => seed,
        SeedChoice::Random => pb_seed.unwrap_or(1),
    }
}

/// Plays `frames` (or the pilot, with none) headless until the split before `segment` is
/// reached; returns the frames that got there.
fn route_to(
    levels: &LevelsSource,
    category: Category,
    seed: u64,
    segment: usize,
    frames: Option<Vec<InputFrame>>,
) -> Result<Vec<InputFrame>, String> {
    // One tick an update, as the tests and a played dream begin: the pilot's hands are on the
    // controls from the same first tick, so its way is the same run everywhere.
    let mut app = super::headless::resimulation_app(levels, seed, 1);
    app.insert_resource(Speedrun(Some(category)));
    let mut pilot = Pilot::new(category.route);
    let replayed = frames.is_some();
    if let Some(frames) = frames {
        app.insert_resource(InputSource::replay(frames));
    }
    crate::dream::begin(&mut app)?;
    let reached = move |world: &World| world.resource::<RunTimer>().splits.len() >= segment;
    if replayed {
        let most = MAX_RUN_TICKS;
        while !reached(app.world()) {
            if app.world().resource::<DreamClock>().tick > most {
                return Err("the replay never reaches it".into());
            }
            app.update();
        }
    } else {
        fly(&mut app, &mut pilot, MAX_RUN_TICKS, reached)?;
    }
    Ok(app.world().resource::<InputRecording>().0.clone())
}

/// The personal best's frames for `category` on `seed`, if its replay can be read.
fn personal_best_frames(
    category: Category,
    seed: u64,
    records: Option<&Records>,
    place: Option<&RecordsPlace>,
) -> Result<Option<Vec<InputFrame>>, String> {
    let (Some(records), Some(place)) = (records, place) else {
        return Ok(None);
    };
    let Some(pb) = records.get(category).and_then(|r| r.personal_best.as_ref()) else {
        return Ok(None);
    };
    if pb.seed != seed {
        return Ok(None);
    }
    let recording = read_run_file(&place.dir.join("runs").join(&pb.run_file))?;
    Ok(Some(recording.frames))
}

#[expect(
    clippy::too_many_arguments,
    reason = "a practice sets the run, the seed, the input and the dream at once"
)]
fn start_practice(
    mut requests: MessageReader<StartPractice>,
    levels: Res<LevelsSource>,
    records: Option<Res<Records>>,
    place: Option<Res<RecordsPlace>>,
    mut practice: ResMut<Practice>,
    mut practising: ResMut<Practising>,
    mut speedrun: ResMut<Speedrun>,
    mut rng: ResMut<DreamRng>,
    mut source: ResMut<InputSource>,
    mut notices: Option<ResMut<Notices>>,
    mut begin: MessageWriter<BeginDream>,
) {
    let Some(request) = requests.read().last().copied() else {
        return;
    };
    let segment = request.segment.min(SPLITS.len() - 1);
    let category = request.category;
    let seed = practice_seed(category, records.as_deref());
    // The same practice again (a restart) keeps its route: nothing to work out.
    let known = practice
        .0
        .take()
        .filter(|run| run.category == category && run.seed == seed && run.segment == segment);
    let (route, route_from) = match known {
        Some(run) => (run.route, run.route_from),
        None => {
            let mut tell = |line: String| {
                warn!("{line}");
                if let Some(notices) = notices.as_mut() {
                    notices.tell(line);
                }
            };
            let from_pb =
                match personal_best_frames(category, seed, records.as_deref(), place.as_deref()) {
                    Ok(frames) => frames,
                    Err(why) => {
                        tell(format!("{why}; practising by the pilot's way"));
                        None
                    }
                };
            let pb_route = from_pb.and_then(|frames| {
                route_to(&levels, category, seed, segment, Some(frames))
                    .map_err(|why| {
                        tell(format!(
                            "the personal best's replay cannot reach {}: {why}; practising by the pilot's way",
                            SPLITS[segment].name()
                        ));
                    })
                    .ok()
            });
            match pb_route {
                Some(route) => (route, RouteFrom::PersonalBest),
                None => match route_to(&levels, category, seed, segment, None) {
                    Ok(route) => (route, RouteFrom::Pilot),
                    Err(why) => {
                        tell(format!(
                            "cannot practise {}: no way there ({why})",
                            SPLITS[segment].name()
                        ));
                        practising.0 = false;
                        return;
                    }
                },
            }
        }
    };
    info!(
        "practice: {} of {} on seed {seed}, {} frames to its start",
        SPLITS[segment].name(),
        category.name(),
        route.len()
    );
    *source = if segment == 0 {
        InputSource::Live
    } else {
        InputSource::replay(route.clone())
    };
    practising.0 = true;
    practice.0 = Some(PracticeRun {
        category,
        seed,
        segment,
        route,
        route_from,
        ready_on_tick: (segment == 0).then_some(0),
    });
    speedrun.0 = Some(category);
    rng.seed_next_dream(seed);
    begin.write(BeginDream {
        chapter: Chapter::City,
    });
}

/// Restart in practice: the same segment again, at once.
fn restart_segment(
    mut requests: MessageReader<ResetRun>,
    practice: Res<Practice>,
    mut start: MessageWriter<StartPractice>,
) {
    if requests.is_empty() {
        return;
    }
    if let Some(run) = &practice.0 {
        requests.clear();
        start.write(StartPractice {
            category: run.category,
            segment: run.segment,
        });
    }
}

/// A real run started from the speedrun screen ends any practice.
fn stop_on_a_real_run(
    mut starts: MessageReader<StartSpeedrun>,
    mut practice: ResMut<Practice>,
    mut practising: ResMut<Practising>,
    mut source: ResMut<InputSource>,
) {
    if starts.read().count() > 0 && practice.0.take().is_some() {
        practising.0 = false;
        *source = InputSource::Live;
    }
}

/// While the dream hurries to the segment, virtual time runs many times faster than play.
fn hurry(practice: Res<Practice>, mut time: ResMut<Time<Virtual>>) {
    let speed = if practice.hurrying() {
        HURRY_SPEED
    } else {
        1.0
    };
    if time.relative_speed_f64() != speed {
        time.set_relative_speed_f64(speed);
    }
}

/// The split before the segment is reached: the rest of this frame's hurried ticks are
/// dropped and the player's hands take over from the next tick.
fn arrive(
    mut reached: MessageReader<SplitReached>,
    clock: Res<DreamClock>,
    mut practice: ResMut<Practice>,
    mut source: ResMut<InputSource>,
    mut fixed: ResMut<Time<Fixed>>,
    mut virtual_time: ResMut<Time<Virtual>>,
    mut ready: MessageWriter<PracticeReady>,
) {
    let Some(run) = practice.0.as_mut().filter(|run| run.hurrying()) else {
        return;
    };
    if !reached.read().any(|split| split.index + 1 == run.segment) {
        return;
    }
    let overstep = fixed.overstep();
    fixed.discard_overstep(overstep);
    virtual_time.set_relative_speed_f64(1.0);
    run.ready_on_tick = Some(clock.tick);
    *source = InputSource::Live;
    ready.write(PracticeReady {
        segment: run.segment,
    });
}

/// Each segment finished after the player took over is timed and offered to the practice
/// bests.
fn time_segments(
    mut reached: MessageReader<SplitReached>,
    practice: Res<Practice>,
    timer: Res<RunTimer>,
    bests: Option<ResMut<PracticeBests>>,
    mut practised: MessageWriter<SegmentPractised>,
) {
    let Some(run) = practice.0.as_ref().filter(|run| !run.hurrying()) else {
        reached.clear();
        return;
    };
    let mut bests = bests;
    for split in reached.read() {
        if split.index < run.segment {
            continue;
        }
        let begun = split
            .index
            .checked_sub(1)
            .and_then(|i| timer.splits.get(i))
            .map_or(0, |s| s.game);
        let ticks = split.time.game.saturating_sub(begun);
        let best_before = match bests.as_mut() {
            Some(bests) => bests.offer(run.category, split.index, ticks),
            None => None,
        };
        info!(
            "practice: {} in {}{}",
            SPLITS[split.index].name(),
            ticks::format(ticks),
            best_before.map_or(String::new(), |b| format!(
                " (practice best {})",
                ticks::format(b)
            ))
        );
        practised.write(SegmentPractised {
            segment: split.index,
            ticks,
            best_before,
        });
    }
}
