//! Levels as data: the repository's levels are valid, and a broken file names its file,
//! line and column — in `check`, and on screen instead of a panic.

use begin_again::core::flow::AppState;
use begin_again::level::{LevelKind, Levels, LoadProblems, load_level_file, parse_level};
use std::path::Path;

use crate::support::{self, *};
use bevy::prelude::*;

fn problems_in(text: &str) -> Vec<String> {
    parse_level(Path::new("levels/broken.ron"), text)
        .expect_err("the level is broken")
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn city_text() -> String {
    std::fs::read_to_string(levels_dir().join("city.ron")).unwrap()
}

/// The 1-based line holding `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle in text")
        + 1
}

/// `text` with the number after the first `key` replaced by `value`.
fn replace_first_number(text: &str, key: &str, value: &str) -> String {
    let start = text.find(key).expect("key in text") + key.len();
    let end = start + text[start..].find([',', ')']).expect("end of number");
    format!("{}{value}{}", &text[..start], &text[end..])
}

#[test]
fn the_repository_levels_are_valid() {
    let levels = Levels::load(&levels()).unwrap_or_else(|problems| {
        panic!(
            "{}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    assert_eq!(levels.city.kind, LevelKind::City);
    assert!(levels.garden.voices.len() >= 8);
}

#[test]
fn a_syntax_error_names_file_line_and_column() {
    let text = city_text().replacen("kind: City,", "kind: City", 1);
    let problems = problems_in(&text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let name_line = line_of(&text, "name: \"The Silver City\"");
    assert!(
        problems[0].starts_with(&format!("levels/broken.ron:{name_line}:5: ")),
        "{problems:?}"
    );
}

#[test]
fn an_unknown_field_and_a_missing_one_are_named() {
    let text = city_text().replacen("height: ", "hieght: ", 1);
    let problems = problems_in(&text);
    assert!(problems[0].contains("hieght"), "{problems:?}");
    assert!(problems[0].starts_with(&format!("levels/broken.ron:{}:", line_of(&text, "hieght"))));
}

#[test]
fn problems_past_syntax_point_at_their_place() {
    let text = city_text();
    // A duplicated id, a NaN, and a door outside the bounds.
    let second_tower_line = line_of(&text, "\"tower-02\"");
    let broken = text.replacen("\"tower-02\"", "\"tower-01\"", 1);
    let broken = replace_first_number(&broken, "height: ", "NaN");
    let broken = broken.replacen(
        "(x: 0.0, z: -98.0), facing: 180.0",
        "(x: 500.0, z: -98.0), facing: 180.0",
        1,
    );
    let problems = problems_in(&broken);
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(
        problems.iter().any(
            |p| p.starts_with(&format!("levels/broken.ron:{second_tower_line}:"))
                && p.ends_with("the id \"tower-01\" is used twice")
        ),
        "{problems:?}"
    );
    let first_tower_line = line_of(&broken, "\"tower-01\"");
    assert!(
        problems.iter().any(
            |p| p.starts_with(&format!("levels/broken.ron:{first_tower_line}:"))
                && p.contains("height must be a finite number")
        ),
        "{problems:?}"
    );
    let door_line = line_of(&broken, "north-avenue");
    assert!(
        problems.iter().any(
            |p| p.starts_with(&format!("levels/broken.ron:{door_line}:"))
                && p.contains("outside the bounds")
        ),
        "{problems:?}"
    );
}

#[test]
fn an_unreachable_door_is_reported() {
    // Wall the north-avenue door in with four towers.
    let mut city = test_city(Vec::new());
    city.doors.truncate(1);
    let door = city.doors[0].at;
    for (i, (dx, dz)) in [(0.0, 4.0), (0.0, -4.0), (4.0, 0.0), (-4.0, 0.0)]
        .iter()
        .enumerate()
    {
        city.obstacles.push(tower(
            &format!("wall-{i}"),
            door.x + dx,
            door.z + dz,
            if *dx == 0.0 { 10.0 } else { 2.0 },
            if *dz == 0.0 { 10.0 } else { 2.0 },
        ));
    }
    let text = ron::ser::to_string_pretty(&city, ron::ser::PrettyConfig::default()).unwrap();
    let problems = problems_in(&text);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("door \"north-avenue\" cannot be reached from the spawn")),
        "{problems:?}"
    );
}

#[test]
fn a_broken_level_file_shows_its_problem_instead_of_panicking() {
    let dir = scratch("broken-level");
    std::fs::write(
        dir.join("city.ron"),
        city_text().replacen("bounds:", "bounds =", 1),
    )
    .unwrap();
    std::fs::copy(levels_dir().join("garden.ron"), dir.join("garden.ron")).unwrap();

    let mut app = support::logic_app(dir.clone(), 1);
    app.update();
    app.update();
    assert_eq!(
        *app.world().resource::<State<AppState>>().get(),
        AppState::Broken
    );
    let problems = &app.world().resource::<LoadProblems>().0;
    assert_eq!(problems.len(), 1);
    let shown = problems[0].to_string();
    let city_path = dir.join("city.ron");
    assert!(
        shown.starts_with(&format!(
            "{}:{}:",
            city_path.display(),
            line_of(&city_text(), "bounds:")
        )),
        "{shown}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn the_check_command_reports_file_line_col_and_fails() {
    let binary = env!("CARGO_BIN_EXE_begin-again");
    let good = std::process::Command::new(binary)
        .arg("check")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&good.stdout);
    assert!(good.status.success(), "{said}");
    assert!(said.contains("2 level files valid"), "{said}");

    let dir = scratch("check-levels");
    let broken = dir.join("city.ron");
    std::fs::write(
        &broken,
        city_text().replacen("facing: 180.0", "facing: 180.0 180.0", 1),
    )
    .unwrap();
    let bad = std::process::Command::new(binary)
        .arg("check")
        .arg(&broken)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&bad.stdout);
    assert_eq!(bad.status.code(), Some(1), "{said}");
    let line = line_of(&city_text(), "facing: 180.0");
    assert!(
        said.starts_with(&format!("{}:{line}:", broken.display())),
        "{said}"
    );
    std::fs::remove_dir_all(dir).ok();
}

fn garden_text() -> String {
    std::fs::read_to_string(levels_dir().join("garden.ron")).unwrap()
}

/// Each broken meaning is reported on the line that holds it, in words that say what to do.
#[test]
fn meaning_past_syntax_is_checked_and_placed() {
    let city = city_text();
    let garden = garden_text();
    let long_memory = "I remember ".repeat(14);
    // (the level, what is broken, the text that marks its line, words in the message)
    let cases: Vec<(String, &str, &str, &str)> = vec![
        (
            city.replacen("version: 2,", "version: 1,", 1),
            "version: 1",
            "version: 1",
            "format version 1 is not one this game reads",
        ),
        (
            city.replacen("max: (x: ", "max: (x: 90", 1),
            "max: (x: 90",
            "max: (x: 90",
            "bounds must span",
        ),
        (
            replace_first_number(&city, "width: ", "0.0"),
            "a tower no wider than a line",
            "\"tower-01\"",
            "footprint.width must be from 0.2 to 60",
        ),
        (
            replace_first_number(&city, "worries: ", "400"),
            "400 worries",
            "worries: 400",
            "400 worries: from 1 to 12",
        ),
        (
            replace_first_number(&garden, "count: ", "9"),
            "more fragments than panes",
            "count: 9",
            "the heart has seven panes",
        ),
        (
            garden.replacen("voices/memory-03.ogg", "../../etc/passwd.ogg", 1),
            "a sound outside the game",
            "passwd",
            "must be a plain path inside assets/",
        ),
        (
            garden.replacen("voices/memory-04.ogg", "voices/nobody.ogg", 1),
            "a sound the game lacks",
            "nobody.ogg",
            "is not one of the game's sounds",
        ),
        (
            garden.replacen(
                "The first time I said no, my voice shook. I said it anyway.",
                &long_memory,
                1,
            ),
            "a memory too long to read",
            "I remember I remember",
            "must fit in 2 subtitle lines",
        ),
        (
            garden.replacen("speaker: \"The moon\"", "speaker: \" \"", 1),
            "a silent speaker",
            "speaker: \" \"",
            "speaker must not be empty",
        ),
    ];
    for (text, what, marker, words) in cases {
        let problems = problems_in(&text);
        let line = line_of(&text, marker);
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with(&format!("levels/broken.ron:{line}:")) && p.contains(words)),
            "{what}: expected \"{words}\" on line {line}, found {problems:?}"
        );
    }
}

#[test]
fn a_huge_or_garbled_level_file_is_refused_by_name() {
    let folder = scratch("garbled-levels");
    // Over a mebibyte: refused before it is parsed.
    let huge = folder.join("huge.ron");
    let mut text = garden_text();
    text.push_str(&format!("// {}\n", "x".repeat(1024 * 1024)));
    std::fs::write(&huge, &text).unwrap();
    let problems = load_level_file(&huge).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].to_string().contains("larger than 1024 KiB"),
        "{}",
        problems[0]
    );
    assert_eq!(problems[0].file, huge);
    // Not UTF-8: the place where the text stops making sense.
    let garbled = folder.join("garbled.ron");
    let mut bytes = city_text().into_bytes();
    let at = line_of(&city_text(), "\"tower-02\"");
    let offset: usize = city_text().lines().take(at - 1).map(|l| l.len() + 1).sum();
    bytes.insert(offset + 4, 0xff);
    std::fs::write(&garbled, &bytes).unwrap();
    let problems = load_level_file(&garbled).unwrap_err();
    assert_eq!(
        problems[0].to_string(),
        format!(
            "{}:{at}:5: the level file is not UTF-8 text",
            garbled.display()
        )
    );
    std::fs::remove_dir_all(folder).unwrap();
}
