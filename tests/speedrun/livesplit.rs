//! LiveSplit: the server commands a run sends, a lost connection that disturbs nothing, and
//! exported splits LiveSplit opens.

use begin_again::speedrun::autoplay::autoplay_telling_livesplit;
use begin_again::speedrun::ghost::ghost_path;
use begin_again::speedrun::livesplit::{self, LiveSplitServer, lss, server_time};
use begin_again::speedrun::pilot::{Pilot, fly, woken};
use begin_again::speedrun::records::{self, Records, RecordsDir, load_records, records_path};
use begin_again::speedrun::runs::read_run_file;
use begin_again::speedrun::timer::{
    Category, ResetRun, Route, RunTimer, SPLITS, SeedChoice, SplitTime,
};
use begin_again::speedrun::verify::verify;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::time::Duration;

use crate::support::*;
use crate::*;
use bevy::prelude::*;

/// The commands LiveSplit Server (1.8) knows. Anything else it rejects, and so does the
/// listener: the line is kept marked, and the comparison fails on it.
const LIVESPLIT_COMMANDS: [&str; 27] = [
    "starttimer",
    "startorsplit",
    "split",
    "unsplit",
    "skipsplit",
    "pause",
    "resume",
    "reset",
    "setgametime",
    "setloadingtimes",
    "pausegametime",
    "unpausegametime",
    "alwayspausegametime",
    "setcomparison",
    "switchto",
    "setsplitname",
    "setcurrentsplitname",
    "getdelta",
    "getsplitindex",
    "getcurrentsplitname",
    "getlastsplitname",
    "getlastsplittime",
    "getcomparisonsplittime",
    "getcurrenttime",
    "getfinaltime",
    "getcurrenttimerphase",
    "ping",
];

/// A line as LiveSplit Server would take it: a known command, and a time where one is due
/// (`H:MM:SS.fff`); otherwise the line marked as refused.
fn as_livesplit_takes_it(line: String) -> String {
    let (command, argument) = line.split_once(' ').unwrap_or((&line, ""));
    if !LIVESPLIT_COMMANDS.contains(&command) {
        return format!("REFUSED (unknown command): {line}");
    }
    let time_ok = |t: &str| {
        let parts: Vec<&str> = t.split([':', '.']).collect();
        parts.len() == 4
            && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
            && parts[1].len() == 2
            && parts[2].len() == 2
            && parts[3].len() == 3
    };
    if command == "setgametime" && !time_ok(argument) {
        return format!("REFUSED (not a time): {line}");
    }
    line
}

/// Reads up to `until` lines of one connection, as LiveSplit takes them.
fn read_lines(stream: std::net::TcpStream, until: usize) -> Vec<String> {
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut lines = Vec::new();
    for line in BufReader::new(stream).lines() {
        let Ok(line) = line else { break };
        lines.push(as_livesplit_takes_it(line));
        if lines.len() == until {
            break;
        }
    }
    lines
}

/// A LiveSplit Server stand-in: reads commands from the first connection until `until`
/// lines arrive.
fn listen_for_livesplit(
    listener: TcpListener,
    until: usize,
) -> std::thread::JoinHandle<Vec<String>> {
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        read_lines(stream, until)
    })
}

/// The commands a run with these splits sends, from its first step to the reset after it.
fn commands_for(splits: &[SplitTime]) -> Vec<String> {
    let mut expected = vec![
        "starttimer".to_string(),
        "setgametime 0:00:00.000".to_string(),
    ];
    for (index, split) in splits.iter().enumerate() {
        expected.push(format!("setgametime {}", server_time(split.game)));
        expected.push("split".into());
        if index == 1 {
            // Into the garden: game time holds while it loads.
            expected.push("pausegametime".into());
            expected.push(format!("setgametime {}", server_time(split.game)));
            expected.push("unpausegametime".into());
        }
    }
    expected
}

#[test]
fn a_finished_speedrun_is_saved_told_to_livesplit_and_verifies() {
    let dir = scratch("finished-run");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let category = any_on(3);
    let mut app = speedrun_app(category, 3, |app| {
        app.insert_resource(RecordsDir(dir.clone()))
            .insert_resource(LiveSplitServer {
                host: "127.0.0.1".into(),
                port,
            })
            .add_plugins((records::plugin, livesplit::client_plugin));
    });
    // starttimer, game time zero, 6 × (setgametime, split), loading (3 lines), reset.
    let commands = listen_for_livesplit(listener, 2 + 12 + 3 + 1);
    fly(&mut app, &mut Pilot::new(Route::Any), 60 * 60 * 20, woken).unwrap();
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
    let verified = verify(&levels(), &recording).unwrap();
    assert_eq!(verified.time_ticks, time.game);

    // A reset tells LiveSplit too.
    app.world_mut().write_message(ResetRun);
    for _ in 0..4 {
        app.update();
    }
    let lines = commands.join().unwrap();
    let mut expected = commands_for(&run.splits);
    expected.push("reset".into());
    assert_eq!(lines, expected);
}

#[test]
fn livesplit_away_or_lost_never_disturbs_the_game_and_is_caught_up() {
    // Nothing listens yet: every tick still runs.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let mut app = speedrun_app(any_on(1), 1, |app| {
        app.insert_resource(LiveSplitServer {
            host: "127.0.0.1".into(),
            port,
        })
        .add_plugins(livesplit::client_plugin);
    });
    let before = clock(&app);
    hold(&mut app, forward_frame(), 120);
    assert_eq!(clock(&app), before + 120, "every tick ran");
    assert_eq!(timer(&app).game_ticks(clock(&app)), 120);
    // The client has tried LiveSplit for those commands, and failed, before it opens.
    assert!(livesplit::flush(app.world(), Duration::from_secs(10)));

    // LiveSplit on the same port now. It takes the first few commands, then the connection
    // is lost (LiveSplit closed, or the network); it comes back.
    let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
    let (lost_tx, lost_rx) = std::sync::mpsc::channel();
    let server = std::thread::spawn(move || {
        let (first, _) = listener.accept().unwrap();
        let early = read_lines(first, 5);
        // Dropping the stream closes the connection.
        lost_tx.send(()).unwrap();
        let (second, _) = listener.accept().unwrap();
        (early, read_lines(second, 1 + 17 + 1))
    });
    // The client tries again a few seconds after a failed try, whatever the game does.
    std::thread::sleep(Duration::from_millis(3200));
    app.world_mut().write_message(ResetRun);
    let mut pilot = Pilot::new(Route::Any);
    fly(&mut app, &mut pilot, 60 * 60 * 20, |world| {
        !world.resource::<RunTimer>().splits.is_empty()
    })
    .unwrap();
    lost_rx
        .recv_timeout(Duration::from_secs(30))
        .expect("LiveSplit heard the start");
    let ticking = clock(&app);
    fly(&mut app, &mut pilot, 60 * 60 * 20, woken).unwrap();
    assert!(
        clock(&app) > ticking,
        "the game went on while LiveSplit was away"
    );
    let run = timer(&app);
    app.world_mut().write_message(ResetRun);
    for _ in 0..4 {
        app.update();
    }
    assert!(livesplit::flush(app.world(), Duration::from_secs(10)));
    let (early, after) = server.join().unwrap();
    let expected = commands_for(&run.splits);
    // Reached at last: a clean timer (the first attempt was thrown away), then this one.
    assert_eq!(early[0], "reset");
    assert_eq!(early[1..], expected[..4]);
    // Caught up: a clean timer, then the attempt from its start, then on as it goes.
    let mut caught_up = vec!["reset".to_string()];
    caught_up.extend(expected);
    caught_up.push("reset".into());
    assert_eq!(after, caught_up);

    // The run and its time are what the same hands make with no LiveSplit at all.
    let mut alone = speedrun_app(any_on(1), 1, |_| {});
    hold(&mut alone, forward_frame(), 120);
    alone.world_mut().write_message(ResetRun);
    let mut pilot = Pilot::new(Route::Any);
    fly(&mut alone, &mut pilot, 60 * 60 * 20, woken).unwrap();
    let game = |t: &RunTimer| t.splits.iter().map(|s| s.game).collect::<Vec<_>>();
    assert_eq!(game(&run), game(&timer(&alone)));
}

#[test]
fn autoplay_drives_livesplit_exactly_as_a_played_run() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Everything until the game closes the connection: not a command more or less.
    let commands = listen_for_livesplit(listener, usize::MAX);
    let outcome = autoplay_telling_livesplit(
        &levels(),
        Route::Full,
        3,
        60 * 60 * 20,
        LiveSplitServer {
            host: "127.0.0.1".into(),
            port,
        },
    )
    .unwrap();
    let splits: Vec<SplitTime> = outcome
        .recording
        .splits
        .iter()
        .map(|&game| SplitTime { game, real: 0 })
        .collect();
    assert_eq!(commands.join().unwrap(), commands_for(&splits));
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
