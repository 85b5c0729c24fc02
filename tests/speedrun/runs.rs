//! Run files and `verify`: an honest run verifies, an edited one does not, and files from
//! others are checked before use.

use crate::support::*;
use begin_again::core::{GAME_VERSION, ticks};
use begin_again::level::LevelsSource;
use begin_again::speedrun::autoplay::autoplay;
use begin_again::speedrun::runs::{MAX_RUN_FILE_BYTES, Recording, parse_run, read_run_file};
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
    let outcome = autoplay(&levels(), Route::Any, 4, 60 * 60 * 20).unwrap();
    let recording = outcome.recording;
    let verified = verify(&levels(), &recording).expect("an honest run verifies");
    assert_eq!(verified.time_ticks, outcome.time_ticks);
    assert_eq!(verified.splits, recording.splits);

    // Inputs edited: a stretch of walking turned aside changes where and when it wakes.
    let walked = edited(&recording, |r| {
        for frame in &mut r.frames[600..660] {
            frame.movement = [127, 0];
        }
    });
    let why = verify(&levels(), &walked).unwrap_err();
    assert!(
        why.contains("claims") || why.contains("state") || why.contains("not woken"),
        "{why}"
    );

    // A claimed time that is not what the inputs make.
    let faster = edited(&recording, |r| r.time_ticks -= 60);
    let why = verify(&levels(), &faster).unwrap_err();
    assert!(
        why.contains(&format!(
            "claims {}",
            ticks::format(recording.time_ticks - 60)
        )),
        "{why}"
    );

    // Another simulation is refused; another game version on the same simulation is not
    // (a new look or a fixed menu keeps every run).
    let old = edited(&recording, |r| r.simulation = 1);
    assert!(
        verify(&levels(), &old)
            .unwrap_err()
            .contains("played on simulation 1")
    );
    let newer = edited(&recording, |r| r.game_version = "0.9.0".into());
    assert_eq!(
        verify(&levels(), &newer).map(|v| v.time_ticks),
        Ok(recording.time_ticks)
    );
    let wrong_seed = edited(&recording, |r| r.category.seed = SeedChoice::Set(99));
    assert!(
        verify(&levels(), &wrong_seed)
            .unwrap_err()
            .contains("seed 99")
    );
}

#[test]
fn a_100_percent_run_must_hear_every_voice() {
    let outcome = autoplay(&levels(), Route::Any, 6, 60 * 60 * 20).unwrap();
    let as_full = edited(&outcome.recording, |r| r.category.route = Route::Full);
    let why = verify(&levels(), &as_full).unwrap_err();
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
    let why = verify(&levels(), &recording).unwrap_err();
    assert!(why.contains("not woken"), "{why}");
}

/// `recording` written the way format 1 wrote it: every frame, one after another.
fn format_1_text(recording: &Recording, game_version: &str) -> String {
    let frames: Vec<String> = recording
        .frames
        .iter()
        .map(|f| {
            format!(
                "(movement:({},{}),look:({},{}),interact:{})",
                f.movement[0],
                f.movement[1],
                ron::to_string(&f.look[0]).unwrap(),
                ron::to_string(&f.look[1]).unwrap(),
                f.interact
            )
        })
        .collect();
    format!(
        "(format:1,game_version:\"{game_version}\",category:{},seed:{},time_ticks:{},splits:{},digest:{},frames:[{}])",
        ron::to_string(&recording.category).unwrap(),
        recording.seed,
        recording.time_ticks,
        ron::to_string(&recording.splits).unwrap(),
        recording.digest,
        frames.join(",")
    )
}

#[test]
fn run_files_pack_small_and_old_ones_still_verify() {
    for route in [Route::Any, Route::Full] {
        let recording = autoplay(&levels(), route, 1, 60 * 60 * 20)
            .unwrap()
            .recording;
        let packed = recording.to_ron();
        let old = format_1_text(&recording, GAME_VERSION);
        assert!(
            old.len() >= packed.len() * 10,
            "{route:?}: format 2 is {} bytes, format 1 {} bytes: not ten times smaller",
            packed.len(),
            old.len()
        );
        // Read back, the compact file is the same run.
        let read = parse_run(&packed).unwrap();
        assert_eq!(read, recording);
        assert_eq!(
            verify(&levels(), &read).unwrap().time_ticks,
            recording.time_ticks
        );
        // A format-1 file of this simulation still verifies, to the same time.
        let read_old = parse_run(&old).unwrap();
        assert_eq!((read_old.format, read_old.simulation), (1, 2));
        assert_eq!(read_old.frames, recording.frames);
        assert_eq!(
            verify(&levels(), &read_old).unwrap().time_ticks,
            recording.time_ticks
        );
    }
    // One from 0.1.0 played on this machine's maths library: refused, and told why.
    let recording = autoplay(&levels(), Route::Any, 1, 60 * 60 * 20)
        .unwrap()
        .recording;
    let why = parse_run(&format_1_text(&recording, "0.1.0")).unwrap_err();
    assert!(
        why.contains("played on simulation 1 (game version 0.1.0)"),
        "{why}"
    );
}

#[test]
fn a_run_file_cannot_unpack_past_what_a_run_may_hold() {
    let recording = autoplay(&levels(), Route::Any, 1, 60 * 60 * 20)
        .unwrap()
        .recording;
    let packed = recording.to_ron();
    // The first run of frames made to hold a billion ticks, then none.
    let first = packed.find("        (1,").expect("a run of one frame");
    let huge = format!(
        "{}        (1000000000,{}",
        &packed[..first],
        &packed[first + 11..]
    );
    let why = parse_run(&huge).unwrap_err();
    assert!(why.contains("longer than a run may take"), "{why}");
    let empty = format!("{}        (0,{}", &packed[..first], &packed[first + 11..]);
    let why = parse_run(&empty).unwrap_err();
    assert!(why.contains("holds no ticks"), "{why}");
}

#[test]
fn a_relabelled_run_or_one_on_edited_levels_is_refused() {
    let recording = autoplay(&levels(), Route::Any, 3, 60 * 60 * 20)
        .unwrap()
        .recording;
    // Claimed as a random-seed run: the same inputs and seed, but not the same run.
    let relabelled = edited(&recording, |r| r.category.seed = SeedChoice::Random);
    let why = verify(&levels(), &relabelled).unwrap_err();
    assert!(why.contains("relabelled"), "{why}");
    // Played on a city with one tower a little taller.
    let dir = scratch("edited-levels");
    std::fs::copy(levels_dir().join("garden.ron"), dir.join("garden.ron")).unwrap();
    let city = std::fs::read_to_string(levels_dir().join("city.ron")).unwrap();
    std::fs::write(
        dir.join("city.ron"),
        city.replacen("height: 57.0", "height: 58.0", 1),
    )
    .unwrap();
    let why = verify(&LevelsSource::Folder(dir.clone()), &recording).unwrap_err();
    assert!(why.contains("played on other level files"), "{why}");
    // Reworded lines are not a different level: runs keep.
    let garden = std::fs::read_to_string(levels_dir().join("garden.ron")).unwrap();
    std::fs::write(
        dir.join("garden.ron"),
        garden.replacen("Carry this home.", "Take this home.", 1),
    )
    .unwrap();
    std::fs::write(dir.join("city.ron"), &city).unwrap();
    assert!(verify(&LevelsSource::Folder(dir.clone()), &recording).is_ok());
}

#[test]
fn the_golden_run_still_verifies() {
    // Recorded once and committed: if this fails, the simulation plays old runs differently.
    // Raise core::SIMULATION_VERSION if that was meant, and record the golden run again.
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("golden")
        .join("any-seed-1.ron");
    let recording = read_run_file(&golden).unwrap();
    let verified = verify(&levels(), &recording).unwrap();
    assert_eq!(verified.time_ticks, recording.time_ticks);
    assert_eq!(ticks::format(verified.time_ticks), "2:24.783");
}
