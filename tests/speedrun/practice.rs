//! Practice: a segment begun in the exact state a run has at the split before it, timed on
//! its own, its bests kept apart from the real records, begun again at once.

use begin_again::core::input::{InputFrame, InputSource};
use begin_again::saving::write_atomically;
use begin_again::speedrun::autoplay::autoplay;
use begin_again::speedrun::pilot::{Pilot, fly};
use begin_again::speedrun::practice::{
    Practice, PracticeBests, RouteFrom, StartPractice, load_practice, practice_path,
};
use begin_again::speedrun::records::{self, Records, RecordsDir, records_path};
use begin_again::speedrun::timer::{ResetRun, Route, RunTimer, SPLITS, Speedrun};

use crate::reset::exact_state;
use crate::support::*;
use crate::*;
use bevy::prelude::*;

const SEED: u64 = 2;

/// The state of a pilot's run at the end of each split's tick, one tick an update.
fn states_at_splits() -> Vec<String> {
    states_of_run(None)
}

/// The same for the run `frames` play (the pilot's with none).
fn states_of_run(frames: Option<Vec<InputFrame>>) -> Vec<String> {
    let replayed = frames.is_some();
    let mut app = speedrun_app(any_on(SEED), SEED, |app| {
        if let Some(frames) = frames {
            app.insert_resource(InputSource::replay(frames));
        }
    });
    let mut pilot = Pilot::new(Route::Any);
    let mut states = Vec::new();
    for reached in 1..SPLITS.len() {
        let done = |world: &World| world.resource::<RunTimer>().splits.len() >= reached;
        if replayed {
            while !done(app.world()) {
                assert!(clock(&app) < 60 * 60 * 20, "the replay reaches every split");
                app.update();
            }
        } else {
            fly(&mut app, &mut pilot, 60 * 60 * 20, done).unwrap();
        }
        states.push(exact_state(&mut app));
    }
    states
}

/// A dream with the records (and practice bests) kept in `dir`.
fn practice_app(dir: &std::path::Path) -> App {
    let dir = dir.to_path_buf();
    speedrun_app(any_on(SEED), SEED, |app| {
        app.insert_resource(RecordsDir(dir))
            .add_plugins(records::plugin);
    })
}

/// Asks for practice of `segment` and updates until the player's hands take over.
fn practise(app: &mut App, segment: usize) {
    app.world_mut().write_message(StartPractice {
        category: any_on(SEED),
        segment,
    });
    for _ in 0..400 {
        app.update();
        if practice(app).is_some_and(|run| !run.hurrying()) {
            return;
        }
    }
    panic!("practice of segment {segment} never became the player's");
}

fn practice(app: &App) -> Option<begin_again::speedrun::practice::PracticeRun> {
    app.world().resource::<Practice>().0.clone()
}

#[test]
fn practice_begins_bit_for_bit_where_a_run_is_at_the_split() {
    let run_states = states_at_splits();
    let dir = scratch("practice-exact");
    let mut app = practice_app(&dir);
    for segment in 1..SPLITS.len() {
        practise(&mut app, segment);
        assert_eq!(
            exact_state(&mut app),
            run_states[segment - 1],
            "practice of {} begins in the run's state at {}",
            SPLITS[segment].name(),
            SPLITS[segment - 1].name()
        );
        let run = practice(&app).unwrap();
        assert_eq!(run.route_from, RouteFrom::Pilot, "no personal best yet");
        assert_eq!(*app.world().resource::<InputSource>(), InputSource::Live);
        assert_eq!(
            app.world().resource::<Speedrun>().0,
            Some(any_on(SEED)),
            "the run's splits go on in practice"
        );
        // The segment's timer starts at zero and counts this segment alone.
        let timer = timer(&app);
        let practice = app.world().resource::<Practice>();
        assert_eq!(practice.segment_ticks(&timer, clock(&app)), Some(0));
        hold(&mut app, forward_frame(), 30);
        let timer = crate::timer(&app);
        let practice = app.world().resource::<Practice>();
        assert_eq!(practice.segment_ticks(&timer, clock(&app)), Some(30));
    }
}

#[test]
fn practice_times_its_segment_apart_from_the_records_and_begins_again_at_once() {
    let dir = scratch("practice-apart");
    let mut app = practice_app(&dir);
    let lotus = 2;
    practise(&mut app, lotus);
    let start = exact_state(&mut app);
    let begun = clock(&app);
    let mut pilot = Pilot::new(Route::Any);
    fly(&mut app, &mut pilot, 60 * 60 * 20, |world| {
        world.resource::<RunTimer>().splits.len() > lotus
    })
    .unwrap();
    let took = clock(&app) - begun;
    let bests = app.world().resource::<PracticeBests>().clone();
    assert_eq!(bests.best(any_on(SEED), lotus), Some(took));
    assert_eq!(
        bests.best(any_on(SEED), lotus - 1),
        None,
        "only what was played"
    );
    assert_eq!(load_practice(&practice_path(&dir)).0, bests, "saved");

    // The real records never heard of it: no attempt, no finish, no file.
    let records = app.world().resource::<Records>();
    assert!(records.get(any_on(SEED)).is_none_or(|r| r.attempts == 0));
    assert!(!records_path(&dir).exists());
    assert!(!dir.join("runs").exists());

    // Restart: back at the segment's start, in the same state, within a few frames.
    app.world_mut().write_message(ResetRun);
    let mut updates = 0;
    while practice(&app).is_none_or(|run| run.hurrying()) || updates == 0 {
        app.update();
        updates += 1;
        assert!(updates < 60, "a restart is quick");
    }
    assert_eq!(exact_state(&mut app), start);
    assert_eq!(practice(&app).unwrap().segment, lotus);

    // A slower segment leaves the practice best alone.
    hold(&mut app, InputFrame::default(), took as usize + 60);
    let mut pilot = Pilot::new(Route::Any);
    fly(&mut app, &mut pilot, 60 * 60 * 20, |world| {
        world.resource::<RunTimer>().splits.len() > lotus
    })
    .unwrap();
    let after = app.world().resource::<PracticeBests>();
    assert_eq!(after.best(any_on(SEED), lotus), Some(took));
}

#[test]
fn practice_follows_the_personal_best_when_there_is_one() {
    let dir = scratch("practice-pb");
    // The personal best: an autoplay run on the same seed, its replay in the runs folder.
    let outcome = autoplay(&levels(), Route::Any, SEED, 60 * 60 * 20).unwrap();
    let name = format!("any-seed-{SEED}-1-{}.ron", outcome.time_ticks);
    write_atomically(&dir.join("runs").join(&name), &outcome.recording.to_ron()).unwrap();
    let mut records = Records::new();
    records.count_attempt(any_on(SEED));
    let splits: Vec<_> = outcome
        .recording
        .splits
        .iter()
        .map(|&game| begin_again::speedrun::timer::SplitTime { game, real: game })
        .collect();
    records.record_finish(any_on(SEED), &splits, SEED, &name);
    records::save_records(&records_path(&dir), &records).unwrap();

    let pb_states = states_of_run(Some(outcome.recording.frames.clone()));
    let mut app = practice_app(&dir);
    let river = 3;
    practise(&mut app, river);
    assert_eq!(practice(&app).unwrap().route_from, RouteFrom::PersonalBest);
    assert_eq!(
        exact_state(&mut app),
        pb_states[river - 1],
        "the personal best's state at The Lotus"
    );
    let run_states = states_at_splits();
    assert_ne!(
        pb_states[river - 1],
        run_states[river - 1],
        "two different runs"
    );

    // A personal best whose replay is gone: the pilot's way, said on screen.
    std::fs::remove_file(dir.join("runs").join(&name)).unwrap();
    app.world_mut()
        .write_message(begin_again::core::flow::ReturnToTitle);
    app.update();
    app.update();
    practise(&mut app, river);
    assert_eq!(practice(&app).unwrap().route_from, RouteFrom::Pilot);
    assert_eq!(exact_state(&mut app), run_states[river - 1]);
    let notices = app.world().resource::<begin_again::saving::Notices>();
    assert!(
        format!("{notices:?}").contains(&name),
        "the missing replay is named: {notices:?}"
    );
}
