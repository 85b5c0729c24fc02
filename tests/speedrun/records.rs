//! Personal bests, best segments and the ghost's track; a corrupt records file set aside.

use crate::support::*;
use crate::*;
use begin_again::speedrun::ghost::{GhostPoint, GhostTrack};
use begin_again::speedrun::records::{
    self, Records, RecordsDir, RecordsPlace, load_records, prune_runs, records_path,
};
use bevy::prelude::*;

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
        app.insert_resource(RecordsDir(dir.clone()))
            .add_plugins(records::plugin);
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
    assert!(path.exists());
    // Both broken files are kept, each as it was: the second never wrote over the first.
    assert_eq!(
        std::fs::read_to_string(&aside).unwrap(),
        "(version: 1, categories: [ oops"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("speedrun.ron.corrupt.2")).unwrap(),
        "not records at all"
    );
}

#[test]
fn records_no_run_could_make_are_refused_not_trusted() {
    let dir = scratch("impossible-records");
    let path = records_path(&dir);
    let category = any_on(2);
    let mut good = Records::new();
    good.count_attempt(category);
    good.record_finish(
        category,
        &splits_of([100, 200, 300, 400, 500, 600]),
        2,
        "any-seed-2-1-600.ron",
    );
    let text = ron::to_string(&good).unwrap();
    // Times that would overflow a sum, a replay outside the runs folder, splits out of order.
    for (what, broken) in [
        (
            "a huge time",
            text.replacen("game:600", "game:18446744073709551615", 1),
        ),
        (
            "a path out of the runs folder",
            text.replace("any-seed-2-1-600.ron", "../../.bashrc"),
        ),
        (
            "splits out of order",
            text.replacen("game:200", "game:250", 1)
                .replacen("game:300", "game:240", 1),
        ),
    ] {
        assert_ne!(broken, text, "{what}: the edit changed nothing");
        std::fs::write(&path, &broken).unwrap();
        let (records, problem) = load_records(&path);
        assert_eq!(records, Records::new(), "{what}");
        assert!(problem.is_some_and(|p| p.contains("moved aside")), "{what}");
        // The sum of best of whatever is loaded can always be taken.
        let _ = records.get(category).and_then(|r| r.sum_of_best());
    }
}

#[test]
fn old_runs_are_pruned_but_the_best_are_kept() {
    let dir = scratch("prune");
    let category = any_on(4);
    let name = |stamp: u64| format!("any-seed-4-{stamp}-900.ron");
    for stamp in 1..=30 {
        std::fs::write(dir.join(name(stamp)), "run").unwrap();
    }
    // Another category's runs are not this one's to prune.
    std::fs::write(dir.join("any-seed-44-1-900.ron"), "run").unwrap();
    let mut records = Records::new();
    records.record_finish(category, &splits_of([10, 20, 30, 40, 50, 60]), 4, &name(3));
    records.record_finish(category, &splits_of([12, 19, 31, 41, 51, 61]), 4, &name(5));
    let removed = prune_runs(&dir, category, records.get(category).unwrap());
    // Kept: the newest 20 (11..=30), the personal best (3) and the gold of run 5.
    assert_eq!(removed.len(), 8, "{removed:?}");
    for stamp in 1..=30 {
        let kept = stamp >= 11 || stamp == 3 || stamp == 5;
        assert_eq!(dir.join(name(stamp)).exists(), kept, "run {stamp}");
    }
    assert!(dir.join("any-seed-44-1-900.ron").exists());
}

#[test]
fn the_ghost_follows_the_personal_best_track() {
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
