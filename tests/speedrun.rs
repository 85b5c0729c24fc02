//! The speedrun, driven headless through the real plugins: when the timer starts and stops,
//! what game time leaves out, where the splits land, personal bests, the instant reset,
//! replays that verify (and edited ones that do not), LiveSplit's file and server commands.

mod support;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::time::Duration;

use begin_again::autoplay::{self, Pilot, format_ticks, woken};
use begin_again::darkening::{Warmth, Worries};
use begin_again::ending::{Awoke, Ending, ShawlReceived};
use begin_again::flow::{Chapter, Pause};
use begin_again::input::{InputFrame, InputRecording};
use begin_again::livesplit::{LiveSplitClientPlugin, LiveSplitServer, lss};
use begin_again::lotus::{River, RiverAwakened};
use begin_again::portal::{DoorAppeared, DoorPlan, PortalEntered};
use begin_again::records::{
    Records, RecordsPlace, RecordsPlugin, ghost_path, load_records, records_path,
};
use begin_again::replay::{Recording, read_run_file, verify};
use begin_again::river::{Heart, HeartAssembled};
use begin_again::speedrun::{
    Category, LOADING_HOLD_FRAMES, ResetRun, Route, RunTimer, SPLITS, SeedChoice, Speedrun,
    SplitTime, TimerStarted,
};
use begin_again::voices::VoicesHeard;
use bevy::prelude::*;
use support::*;

fn any_on(seed: u64) -> Category {
    Category {
        route: Route::Any,
        seed: SeedChoice::Set(seed),
    }
}

/// A fresh folder for a test's saved files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("begin-again-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A speedrun of `category` begun headless, standing at the city's spawn.
fn speedrun_app(category: Category, seed: u64, extra: impl FnOnce(&mut App)) -> App {
    let mut app = logic_app(levels_dir(), seed);
    app.insert_resource(Speedrun(Some(category)));
    extra(&mut app);
    settle(&mut app);
    app
}

fn timer(app: &App) -> RunTimer {
    app.world().resource::<RunTimer>().clone()
}

#[test]
fn the_timer_starts_at_the_first_movement_and_stops_at_the_dawn() {
    let mut app = speedrun_app(any_on(5), 5, |app| {
        listen::<TimerStarted>(app);
        listen::<Awoke>(app);
    });
    let base = clock(&app);
    // Standing, looking about and pressing Interact start nothing.
    hold(&mut app, InputFrame::default(), 40);
    hold(
        &mut app,
        InputFrame::new(Vec2::ZERO, Vec2::new(0.02, 0.01), true),
        20,
    );
    assert!(!timer(&app).started(), "no movement yet");
    assert_eq!(timer(&app).game_ticks(clock(&app)), 0);

    hold(&mut app, forward_frame(), 1);
    let start = clock(&app);
    assert_eq!(start, base + 61);
    assert_eq!(heard::<TimerStarted>(&app), vec![(start, TimerStarted)]);
    assert_eq!(
        timer(&app).game_ticks(start),
        1,
        "the first moving tick counts"
    );

    autoplay::fly(&mut app, &mut Pilot::new(Route::Any), 60 * 60 * 20, woken).unwrap();
    let woke = app.world().resource::<Ending>().woke_on_tick.unwrap();
    let end = timer(&app).finished().expect("the run has its time");
    assert_eq!(heard::<Awoke>(&app), vec![(woke, Awoke { tick: woke })]);
    assert_eq!(end.game, woke - (start - 1), "game time ends on the dawn");
    // The clock stops there: the dawn and results add nothing.
    hold(&mut app, InputFrame::default(), 120);
    assert_eq!(timer(&app).game_ticks(clock(&app)), end.game);
    assert_eq!(format_ticks(60 * 61 + 30), "1:01.500");
}

#[test]
fn splits_land_on_the_beats_in_story_order() {
    let mut app = speedrun_app(any_on(2), 2, |app| {
        listen::<DoorAppeared>(app);
        listen::<PortalEntered>(app);
        listen::<RiverAwakened>(app);
        listen::<HeartAssembled>(app);
        listen::<ShawlReceived>(app);
        listen::<Awoke>(app);
    });
    autoplay::fly(&mut app, &mut Pilot::new(Route::Any), 60 * 60 * 20, woken).unwrap();
    let run = timer(&app);
    let origin = run.origin.unwrap();
    let beats = [
        heard::<DoorAppeared>(&app)[0].0,
        heard::<PortalEntered>(&app)[0].0,
        heard::<RiverAwakened>(&app)[0].0,
        heard::<HeartAssembled>(&app)[0].0,
        heard::<ShawlReceived>(&app)[0].0,
        heard::<Awoke>(&app)[0].0,
    ];
    let splits: Vec<u64> = run.splits.iter().map(|s| s.game).collect();
    let expected: Vec<u64> = beats.iter().map(|tick| tick - origin).collect();
    assert_eq!(splits, expected, "each split on its beat's tick");
    assert!(splits.windows(2).all(|w| w[0] <= w[1]), "in story order");
    assert_eq!(splits.len(), SPLITS.len());
    assert_eq!(run.incomplete, None);
}

#[test]
fn game_time_leaves_out_the_pause_menu_and_loading() {
    let mut app = speedrun_app(any_on(1), 1, |_| {});
    hold(&mut app, forward_frame(), 30);
    let before = timer(&app).game_ticks(clock(&app));
    assert_eq!(before, 30);

    app.world_mut()
        .resource_mut::<NextState<Pause>>()
        .set(Pause::Paused);
    for _ in 0..200 {
        app.update();
    }
    assert_eq!(
        timer(&app).game_ticks(clock(&app)),
        before,
        "paused: game time stands still"
    );
    app.world_mut()
        .resource_mut::<NextState<Pause>>()
        .set(Pause::Running);
    hold(&mut app, forward_frame(), 10);
    assert_eq!(timer(&app).game_ticks(clock(&app)), before + 10);

    // Through the door: while the garden is built, no tick runs however long it takes.
    listen::<PortalEntered>(&mut app);
    app.init_resource::<FrameLog>()
        .add_systems(Last, log_frames);
    walk_through_door(&mut app, 60 * 120);
    hold(&mut app, forward_frame(), 10);
    let portal_tick = heard::<PortalEntered>(&app)[0].0;
    let log = app.world().resource::<FrameLog>().0.clone();
    let after_portal: Vec<_> = log.iter().filter(|f| f.1 == portal_tick).collect();
    // The portal's own frame in the city, then frames in the garden with no tick at all.
    assert_eq!(after_portal[0].0, Some(Chapter::City));
    assert!(
        after_portal[1..]
            .iter()
            .all(|f| f.0 == Some(Chapter::Garden))
    );
    assert_eq!(
        after_portal.len() as u32 - 1,
        LOADING_HOLD_FRAMES,
        "no tick ran while the garden was built"
    );
    assert!(!app.world().resource::<Time<Virtual>>().is_paused());
    assert_eq!(
        timer(&app).game_ticks(clock(&app)),
        portal_tick + 11 - timer(&app).origin.unwrap(),
        "ten ticks and the one after the hold"
    );
}

/// Each frame's chapter and tick, at the frame's end.
#[derive(Resource, Default)]
struct FrameLog(Vec<(Option<Chapter>, u64)>);

fn log_frames(
    clock: Res<begin_again::flow::DreamClock>,
    chapter: Option<Res<State<Chapter>>>,
    mut log: ResMut<FrameLog>,
) {
    log.0.push((chapter.map(|c| *c.get()), clock.tick));
}

fn splits_of(game: [u64; 6]) -> Vec<SplitTime> {
    game.iter()
        .map(|&g| SplitTime {
            game: g,
            real: g + 30,
        })
        .collect()
}

#[test]
fn a_personal_best_only_improves_and_best_segments_are_kept() {
    let category = any_on(9);
    let mut records = Records::new();
    records.count_attempt(category);
    let first = records.record_finish(
        category,
        &splits_of([100, 200, 300, 400, 500, 600]),
        9,
        "a.ron",
    );
    assert!(first.new_personal_best);
    assert_eq!(first.golds, vec![true; 6]);

    // Slower overall, but with a faster second segment.
    records.count_attempt(category);
    let slower = records.record_finish(
        category,
        &splits_of([110, 180, 320, 420, 520, 620]),
        9,
        "b.ron",
    );
    assert!(
        !slower.new_personal_best,
        "a worse run never replaces the PB"
    );
    assert_eq!(slower.golds, vec![false, true, false, false, false, false]);
    let record = records.get(category).unwrap();
    let pb = record.personal_best.as_ref().unwrap();
    assert_eq!(pb.time.game, 600);
    assert_eq!(pb.run_file, "a.ron");
    assert_eq!(record.best_segments[1].unwrap().game, 70);
    assert_eq!(record.sum_of_best().unwrap().game, 570);

    // A tie is not an improvement; a faster run is.
    let tie = records.record_finish(
        category,
        &splits_of([100, 200, 300, 400, 500, 600]),
        9,
        "c.ron",
    );
    assert!(!tie.new_personal_best);
    let faster = records.record_finish(
        category,
        &splits_of([90, 190, 290, 390, 490, 590]),
        9,
        "d.ron",
    );
    assert!(faster.new_personal_best);
    assert_eq!(
        faster.previous_best.unwrap().time.game,
        600,
        "deltas compare with the best before"
    );
    let record = records.get(category).unwrap();
    assert_eq!(record.attempts, 2);
    assert_eq!(record.finished, 4);
    assert_eq!(record.personal_best.as_ref().unwrap().time.game, 590);
    // Categories keep their own records.
    assert!(records.get(any_on(10)).is_none());
}

#[test]
fn a_corrupt_records_file_is_kept_aside_and_the_game_still_starts() {
    let dir = scratch("corrupt-records");
    let path = records_path(&dir);
    std::fs::write(&path, "(version: 1, categories: [ oops").unwrap();
    let (records, problem) = load_records(&path);
    assert_eq!(records, Records::new());
    let problem = problem.expect("reported");
    assert!(problem.contains("speedrun.ron"), "{problem}");
    assert!(problem.contains("1:"), "says where in the file: {problem}");
    let aside = dir.join("speedrun.ron.corrupt");
    assert_eq!(
        std::fs::read_to_string(&aside).unwrap(),
        "(version: 1, categories: [ oops",
        "the broken file is kept as it was"
    );
    assert!(!path.exists());

    // The game starts with another broken file in place and says why.
    std::fs::write(&path, "not records at all").unwrap();
    let mut app = speedrun_app(any_on(1), 1, |app| {
        app.add_plugins(RecordsPlugin { dir: dir.clone() });
    });
    hold(&mut app, forward_frame(), 10);
    assert!(
        app.world()
            .resource::<RecordsPlace>()
            .problem
            .as_ref()
            .is_some_and(|p| p.contains("moved aside"))
    );
    assert_eq!(
        app.world()
            .resource::<Records>()
            .get(any_on(1))
            .unwrap()
            .attempts,
        1,
        "the attempt is counted in a fresh file"
    );
    assert!(path.exists() && aside.exists());
}

/// Reads LiveSplit Server commands from the first connection until `until` lines arrive.
fn listen_for_livesplit(
    listener: TcpListener,
    until: usize,
) -> std::thread::JoinHandle<Vec<String>> {
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let mut lines = Vec::new();
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            lines.push(line);
            if lines.len() == until {
                break;
            }
        }
        lines
    })
}

#[test]
fn a_finished_speedrun_is_saved_told_to_livesplit_and_verifies() {
    let dir = scratch("finished-run");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let category = any_on(3);
    let mut app = speedrun_app(category, 3, |app| {
        app.add_plugins((
            RecordsPlugin { dir: dir.clone() },
            LiveSplitClientPlugin {
                server: LiveSplitServer {
                    host: "127.0.0.1".into(),
                    port,
                },
            },
        ));
    });
    // starttimer, initgametime, 6 × (setgametime, split), loading (3 lines), reset.
    let commands = listen_for_livesplit(listener, 2 + 12 + 3 + 1);
    autoplay::fly(&mut app, &mut Pilot::new(Route::Any), 60 * 60 * 20, woken).unwrap();
    for _ in 0..3 {
        app.update();
    }
    let run = timer(&app);
    let time = run.finished().unwrap();

    // The records: one attempt, this run the personal best, its ghost kept.
    let records = app.world().resource::<Records>().clone();
    let record = records.get(category).unwrap();
    assert_eq!(record.attempts, 1);
    assert_eq!(record.finished, 1);
    let pb = record.personal_best.as_ref().unwrap();
    assert_eq!(pb.time, time);
    assert_eq!(pb.splits, run.splits);
    assert_eq!(load_records(&records_path(&dir)).0, records, "saved");
    assert!(ghost_path(&dir, category).exists());

    // The replay saved beside them verifies to the same time.
    let run_file = dir.join("runs").join(&pb.run_file);
    let recording = read_run_file(&run_file).unwrap();
    assert_eq!(recording.time_ticks, time.game);
    assert_eq!(recording.category, category);
    let verified = verify(&levels_dir(), &recording).unwrap();
    assert_eq!(verified.time_ticks, time.game);

    // A reset tells LiveSplit too.
    app.world_mut().write_message(ResetRun);
    for _ in 0..4 {
        app.update();
    }
    let lines = commands.join().unwrap();
    let mut expected = vec!["starttimer".to_string(), "initgametime".to_string()];
    for (index, split) in run.splits.iter().enumerate() {
        expected.push(format!(
            "setgametime {}",
            begin_again::livesplit::server_time(split.game)
        ));
        expected.push("split".into());
        if index == 1 {
            // Into the garden: game time holds while it loads.
            expected.push("pausegametime".into());
            expected.push(format!(
                "setgametime {}",
                begin_again::livesplit::server_time(split.game)
            ));
            expected.push("unpausegametime".into());
        }
    }
    expected.push("reset".into());
    assert_eq!(lines, expected);
}

#[test]
fn a_lost_livesplit_connection_never_disturbs_the_game() {
    // Nothing listens on this port.
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let mut app = speedrun_app(any_on(1), 1, |app| {
        app.add_plugins(LiveSplitClientPlugin {
            server: LiveSplitServer {
                host: "127.0.0.1".into(),
                port,
            },
        });
    });
    let before = clock(&app);
    hold(&mut app, forward_frame(), 120);
    assert_eq!(clock(&app), before + 120, "every tick ran");
    assert_eq!(timer(&app).game_ticks(clock(&app)), 120);
}

fn edited(recording: &Recording, edit: impl FnOnce(&mut Recording)) -> Recording {
    let mut copy = recording.clone();
    edit(&mut copy);
    copy
}

#[test]
fn verify_accepts_an_autoplay_run_and_rejects_edited_ones() {
    let outcome = autoplay::autoplay(&levels_dir(), Route::Any, 4, 60 * 60 * 20).unwrap();
    let recording = outcome.recording;
    let verified = verify(&levels_dir(), &recording).expect("an honest run verifies");
    assert_eq!(verified.time_ticks, outcome.time_ticks);
    assert_eq!(verified.splits, recording.splits);

    // Inputs edited: a stretch of walking turned aside changes where and when it wakes.
    let walked = edited(&recording, |r| {
        for frame in &mut r.frames[600..660] {
            frame.movement = [127, 0];
        }
    });
    let why = verify(&levels_dir(), &walked).unwrap_err();
    assert!(
        why.contains("claims") || why.contains("state") || why.contains("not woken"),
        "{why}"
    );

    // A claimed time that is not what the inputs make.
    let faster = edited(&recording, |r| r.time_ticks -= 60);
    let why = verify(&levels_dir(), &faster).unwrap_err();
    assert!(
        why.contains(&format!(
            "claims {}",
            format_ticks(recording.time_ticks - 60)
        )),
        "{why}"
    );

    // Another game version, another category's rules.
    let old = edited(&recording, |r| r.game_version = "0.0.1".into());
    assert!(
        verify(&levels_dir(), &old)
            .unwrap_err()
            .contains("game version 0.0.1")
    );
    let wrong_seed = edited(&recording, |r| r.category.seed = SeedChoice::Set(99));
    assert!(
        verify(&levels_dir(), &wrong_seed)
            .unwrap_err()
            .contains("seed 99")
    );
}

#[test]
fn a_100_percent_run_must_hear_every_voice() {
    let outcome = autoplay::autoplay(&levels_dir(), Route::Any, 6, 60 * 60 * 20).unwrap();
    let as_full = edited(&outcome.recording, |r| r.category.route = Route::Full);
    let why = verify(&levels_dir(), &as_full).unwrap_err();
    assert!(why.contains("not a 100% (seed 6) run"), "{why}");
    assert!(why.contains("every voice"), "{why}");
}

#[test]
fn run_files_from_others_are_checked_before_use() {
    let dir = scratch("untrusted");
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let broken = write(
        "broken.ron",
        "(format: 1, game_version: \"0.1.0\", category: (",
    );
    let why = read_run_file(&broken).unwrap_err();
    assert!(
        why.starts_with(&format!("{}:1:", broken.display())),
        "{why}"
    );

    let huge = dir.join("huge.ron");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(begin_again::replay::MAX_RUN_FILE_BYTES + 1)
        .unwrap();
    assert!(read_run_file(&huge).unwrap_err().contains("larger than"));

    let run = |frames: &str| {
        format!(
            "(format: 1, game_version: \"{}\", category: (route: Any, seed: Random), seed: 1, time_ticks: 2, splits: [1, 1, 1, 1, 1, 2], digest: 0, frames: [{frames}])",
            begin_again::GAME_VERSION
        )
    };
    let outside = write(
        "outside.ron",
        &run(
            "(movement: (-128, 0), look: (0.0, 0.0), interact: false), (movement: (0, 0), look: (0.0, 0.0), interact: false)",
        ),
    );
    assert!(
        read_run_file(&outside)
            .unwrap_err()
            .contains("frame 1: movement -128")
    );
    let spinning = write(
        "spinning.ron",
        &run(
            "(movement: (0, 0), look: (inf, 0.0), interact: false), (movement: (0, 0), look: (0.0, 0.0), interact: false)",
        ),
    );
    assert!(
        read_run_file(&spinning)
            .unwrap_err()
            .contains("frame 1: look")
    );
    let short = write(
        "short.ron",
        &run(
            "(movement: (0, 127), look: (0.0, 0.0), interact: false), (movement: (0, 127), look: (0.0, 0.0), interact: false)",
        ),
    );
    let recording = read_run_file(&short).expect("well formed");
    let why = verify(&levels_dir(), &recording).unwrap_err();
    assert!(why.contains("not woken"), "{why}");
}

#[test]
fn an_instant_reset_leaves_nothing_of_the_last_attempt() {
    let category = any_on(7);
    let mut app = speedrun_app(category, 7, |_| {});
    let fresh = snapshot(&mut app);
    let fresh_clock = clock(&app);
    // Into the garden and on to the lotus.
    let mut pilot = Pilot::new(Route::Any);
    autoplay::fly(&mut app, &mut pilot, 60 * 60 * 20, |world| {
        world.resource::<RunTimer>().splits.len() >= 3
    })
    .unwrap();
    assert_eq!(chapter(&app), Some(Chapter::Garden));
    assert!(app.world().resource::<River>().awake);

    app.world_mut().write_message(ResetRun);
    let mut updates = 0;
    while chapter(&app) != Some(Chapter::City) || clock(&app) != fresh_clock {
        app.update();
        updates += 1;
        assert!(updates < 10, "the reset takes a few frames, no menu");
    }
    assert_eq!(snapshot(&mut app), fresh, "a fresh attempt, same category");
    assert_eq!(app.world().resource::<Speedrun>().0, Some(category));
    assert!(!timer(&app).started());
    hold(&mut app, forward_frame(), 1);
    assert!(
        timer(&app).started(),
        "the new attempt times from its own first step"
    );
}

/// What a player could notice of a dream's state.
fn snapshot(app: &mut App) -> String {
    let me = dreamer(app);
    let world = app.world();
    format!(
        "{me:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
        world.resource::<Warmth>(),
        world.resource::<Worries>(),
        world.resource::<DoorPlan>().0,
        world.resource::<VoicesHeard>().0,
        world.resource::<Heart>(),
        world.resource::<River>(),
        world.resource::<Ending>(),
        world.resource::<RunTimer>(),
        world.resource::<InputRecording>().0.len(),
        chapter(app),
    )
}

#[test]
fn the_exported_splits_open_in_livesplit() {
    let category = Category {
        route: Route::Full,
        seed: SeedChoice::Random,
    };
    let mut records = Records::new();
    for _ in 0..7 {
        records.count_attempt(category);
    }
    records.record_finish(
        category,
        &splits_of([3000, 3600, 6000, 8000, 9000, 9001]),
        1,
        "a.ron",
    );
    records.record_finish(
        category,
        &splits_of([3100, 3650, 6200, 8100, 9100, 9102]),
        1,
        "b.ron",
    );
    let text = lss(records.get(category).unwrap());
    let run = livesplit_core::run::parser::livesplit::parse(&text).expect("LiveSplit reads it");
    assert_eq!(run.game_name(), "Begin Again");
    assert_eq!(run.category_name(), "100% (random seed)");
    assert_eq!(run.attempt_count(), 7);
    let names: Vec<&str> = run.segments().iter().map(|s| s.name()).collect();
    assert_eq!(names, SPLITS.iter().map(|s| s.name()).collect::<Vec<_>>());
    let seconds = |t: Option<livesplit_core::TimeSpan>| t.unwrap().total_seconds();
    let last = &run.segments()[5];
    assert!((seconds(last.personal_best_split_time().game_time) - 9001.0 / 60.0).abs() < 1e-6);
    assert!((seconds(last.personal_best_split_time().real_time) - 9031.0 / 60.0).abs() < 1e-6);
    // Best segments: the second run's second segment (550) beat the first's (600).
    let second = &run.segments()[1];
    assert!((seconds(second.best_segment_time().game_time) - 550.0 / 60.0).abs() < 1e-6);
    assert!((seconds(run.segments()[0].best_segment_time().game_time) - 50.0).abs() < 1e-6);

    // A category never run still exports, with no times.
    let empty = Records::new();
    let mut fresh = empty.clone();
    fresh.count_attempt(any_on(1));
    let run = livesplit_core::run::parser::livesplit::parse(&lss(fresh.get(any_on(1)).unwrap()))
        .expect("LiveSplit reads it");
    assert_eq!(run.segments().len(), 6);
    assert!(
        run.segments()[0]
            .personal_best_split_time()
            .game_time
            .is_none()
    );
}

#[test]
fn the_ghost_follows_the_personal_best_track() {
    use begin_again::records::{GhostPoint, GhostTrack};
    let track = GhostTrack {
        points: vec![
            GhostPoint {
                tick: 0,
                garden: false,
                x: 0.0,
                z: 0.0,
                yaw: 0.0,
            },
            GhostPoint {
                tick: 4,
                garden: false,
                x: 4.0,
                z: 0.0,
                yaw: 0.0,
            },
            GhostPoint {
                tick: 8,
                garden: true,
                x: 0.0,
                z: 10.0,
                yaw: 1.0,
            },
        ],
    };
    assert_eq!(track.at(2, false), Some((Vec2::new(2.0, 0.0), 0.0)));
    assert_eq!(track.at(5, false), Some((Vec2::new(4.0, 0.0), 0.0)));
    assert_eq!(track.at(5, true), None, "not in the garden yet");
    assert_eq!(track.at(9, true), Some((Vec2::new(0.0, 10.0), 1.0)));
}
