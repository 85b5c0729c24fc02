//! Run files and `verify`: an honest run verifies, an edited one does not, and files from
//! others are checked before use.

use crate::support::*;
use crate::*;
use begin_again::core::{GAME_VERSION, ticks};
use begin_again::speedrun::pilot::autoplay;
use begin_again::speedrun::runs::{MAX_RUN_FILE_BYTES, Recording, read_run_file};
use begin_again::speedrun::timer::{Route, SeedChoice};
use begin_again::speedrun::verify::verify;
use bevy::prelude::*;

fn edited(recording: &Recording, edit: impl FnOnce(&mut Recording)) -> Recording {
    let mut copy = recording.clone();
    edit(&mut copy);
    copy
}

#[test]
fn verify_accepts_an_autoplay_run_and_rejects_edited_ones() {
    let outcome = autoplay(&levels_dir(), Route::Any, 4, 60 * 60 * 20).unwrap();
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
            ticks::format(recording.time_ticks - 60)
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
    let outcome = autoplay(&levels_dir(), Route::Any, 6, 60 * 60 * 20).unwrap();
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
        .set_len(MAX_RUN_FILE_BYTES + 1)
        .unwrap();
    assert!(read_run_file(&huge).unwrap_err().contains("larger than"));

    let run = |frames: &str| {
        format!(
            "(format: 1, game_version: \"{}\", category: (route: Any, seed: Random), seed: 1, time_ticks: 2, splits: [1, 1, 1, 1, 1, 2], digest: 0, frames: [{frames}])",
            GAME_VERSION
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
