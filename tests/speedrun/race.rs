//! Racing any run: a verified run's ghost walks beside the player; a file that does not
//! verify is refused with its reason, from the game and from the command line.

use begin_again::saving::write_atomically;
use begin_again::speedrun::autoplay::autoplay;
use begin_again::speedrun::ghost::Ghost;
use begin_again::speedrun::race::{Race, rival_from_file};
use begin_again::speedrun::records::{self, RecordsDir};
use begin_again::speedrun::timer::{Route, SeedChoice, StartSpeedrun};

use crate::support::*;
use crate::*;

#[test]
fn a_verified_run_races_beside_you_and_an_edited_one_is_refused() {
    let dir = scratch("race");
    let outcome = autoplay(&levels(), Route::Any, 5, 60 * 60 * 20).unwrap();
    let good = dir.join("friend.ron");
    write_atomically(&good, &outcome.recording.to_ron()).unwrap();

    let rival = rival_from_file(&levels(), &good).unwrap();
    assert_eq!(rival.name, "friend.ron");
    assert_eq!(rival.category.route, Route::Any);
    assert_eq!(
        rival.category.seed,
        SeedChoice::Set(5),
        "raced on its own seed"
    );
    assert_eq!(rival.time_ticks, outcome.time_ticks);
    // The ghost walks the whole run: a point every few ticks to the waking.
    let last = rival.track.points.last().unwrap();
    assert!(last.tick + 8 >= outcome.time_ticks && last.tick <= outcome.time_ticks);
    assert!(rival.track.points.iter().any(|p| p.garden));

    // Raced: the rival's ghost, not the personal best's, walks this category's attempt.
    let mut app = speedrun_app(rival.category, 5, |app| {
        app.insert_resource(RecordsDir(dir.join("data")))
            .insert_resource(Race(Some(rival.clone())))
            .add_plugins(records::plugin);
    });
    app.world_mut().write_message(StartSpeedrun(rival.category));
    for _ in 0..4 {
        app.update();
    }
    assert_eq!(
        app.world().resource::<Ghost>().0.as_ref(),
        Some(&rival.track)
    );

    // An edited time, a file of another game: refused, with the file and the reason.
    let edited = dir.join("edited.ron");
    let mut claim = outcome.recording.clone();
    claim.time_ticks -= 60;
    claim.splits[5] -= 60;
    write_atomically(&edited, &claim.to_ron()).unwrap();
    let why = rival_from_file(&levels(), &edited).unwrap_err();
    assert!(
        why.contains("edited.ron") && why.contains("claims"),
        "{why}"
    );
    let garbage = dir.join("garbage.ron");
    std::fs::write(&garbage, "not a run").unwrap();
    let why = rival_from_file(&levels(), &garbage).unwrap_err();
    assert!(why.contains("garbage.ron"), "{why}");

    // From the command line: refused before any window opens, exit status 1.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_begin-again"))
        .arg("--ghost")
        .arg(&edited)
        .env("BEGIN_AGAIN_DATA_DIR", dir.join("data"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("refused:") && said.contains("edited.ron"),
        "{said}"
    );
}
