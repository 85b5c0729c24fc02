//! Files from strangers, fuzzed: thousands of broken level files, run files, settings,
//! progress, title gardens, records and ghosts, made by cutting, splicing and poisoning the
//! game's own. Whatever a file holds, reading it never panics or hangs; a level the checker
//! accepts plays; a run only verifies with the very time it was played in; a saved file
//! that is refused is kept byte for byte beside it, and what is accepted saves and reads back
//! the same. `BEGIN_AGAIN_FUZZ_CASES` sets the cases per reader (default 200).

use std::cell::Cell;
use std::path::Path;

use crate::support::*;
use begin_again::core::input::InputFrame;
use begin_again::core::settings::Settings;
use begin_again::level::{LevelKind, Levels, LevelsSource, parse_level};
use begin_again::saving::files::read_or_set_aside;
use begin_again::saving::progress::{Progress, SavedChapter, load_progress};
use begin_again::saving::save_ron;
use begin_again::saving::settings_file::load_settings;
use begin_again::saving::title_garden::{Bloom, MAX_BLOOMS, TitleGarden, load_title_garden};
use begin_again::speedrun::ghost::{GhostPoint, GhostTrack};
use begin_again::speedrun::records::{Records, load_records, save_records};
use begin_again::speedrun::runs::parse_run;
use begin_again::speedrun::verify::verify;
use bevy::prelude::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn cases() -> u32 {
    std::env::var("BEGIN_AGAIN_FUZZ_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(200)
}

/// What the fuzzer splices in: the numbers, words and bytes that break readers.
const POISON: &[&str] = &[
    "NaN",
    "inf",
    "-inf",
    "-0.0",
    "1e39",
    "-1e39",
    "1e-45",
    "0",
    "-1",
    "4294967296",
    "18446744073709551616",
    "340282366920938463463374607431768211456",
    "0x7f",
    "9999999",
    "\"\"",
    "\"",
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "Some(",
    "None",
    "true",
    "\u{0}",
    "\u{202e}",
    "é",
    "🌙",
    "\n",
    "// ",
    "/*",
    "version: 99",
    "r#\"",
    "'",
    "\\",
    "../",
    "/etc/passwd",
];

#[derive(Debug, Clone)]
enum Cut {
    /// Remove `len` bytes at a place (a fraction of the way through).
    Delete(f64, usize),
    /// Insert one of the poisons.
    Poison(f64, usize),
    /// Insert raw bytes.
    Bytes(f64, Vec<u8>),
    /// Copy a stretch to another place.
    Splice(f64, usize, f64),
    /// Replace the n-th number with a poison.
    Number(usize, usize),
    /// Replace the n-th number with another plausible one (a tampered value that still
    /// reads).
    Retype(usize, i32),
    /// Drop a whole line.
    DropLine(f64),
    /// Repeat a line.
    RepeatLine(f64),
    /// Swap two lines.
    SwapLines(f64, f64),
    /// End the file early.
    Truncate(f64),
}

fn cut() -> impl Strategy<Value = Cut> {
    let place = 0.0..1.0f64;
    prop_oneof![
        (place.clone(), 1..40usize).prop_map(|(at, len)| Cut::Delete(at, len)),
        (place.clone(), 0..POISON.len()).prop_map(|(at, p)| Cut::Poison(at, p)),
        (place.clone(), proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, bytes)| Cut::Bytes(at, bytes)),
        (place.clone(), 1..200usize, place.clone())
            .prop_map(|(from, len, to)| Cut::Splice(from, len, to)),
        (0..400usize, 0..POISON.len()).prop_map(|(n, p)| Cut::Number(n, p)),
        (0..4000usize, -300..300i32).prop_map(|(n, value)| Cut::Retype(n, value)),
        place.clone().prop_map(Cut::DropLine),
        place.clone().prop_map(Cut::RepeatLine),
        (place.clone(), place.clone()).prop_map(|(a, b)| Cut::SwapLines(a, b)),
        place.prop_map(Cut::Truncate),
    ]
}

fn cuts() -> impl Strategy<Value = Vec<Cut>> {
    proptest::collection::vec(cut(), 1..5)
}

/// A file made from `base`: mostly cut about, sometimes nothing but noise.
fn file_from(base: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        9 => cuts().prop_map(move |cuts| apply(&base, &cuts)),
        1 => proptest::collection::vec(any::<u8>(), 0..4096),
    ]
}

fn apply(base: &[u8], cuts: &[Cut]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    let at = |bytes: &Vec<u8>, fraction: f64| ((bytes.len() as f64) * fraction) as usize;
    for cut in cuts {
        match cut {
            Cut::Delete(fraction, len) => {
                let start = at(&bytes, *fraction);
                let end = (start + len).min(bytes.len());
                bytes.drain(start..end);
            }
            Cut::Poison(fraction, poison) => {
                let start = at(&bytes, *fraction);
                bytes.splice(start..start, POISON[*poison].bytes());
            }
            Cut::Bytes(fraction, raw) => {
                let start = at(&bytes, *fraction);
                bytes.splice(start..start, raw.iter().copied());
            }
            Cut::Splice(from, len, to) => {
                let start = at(&bytes, *from);
                let piece = bytes[start..(start + len).min(bytes.len())].to_vec();
                let to = at(&bytes, *to);
                bytes.splice(to..to, piece);
            }
            Cut::Number(n, poison) => {
                replace_number(&mut bytes, *n, POISON[*poison]);
            }
            Cut::Retype(n, value) => {
                replace_number(&mut bytes, *n, &value.to_string());
            }
            Cut::DropLine(fraction) | Cut::RepeatLine(fraction) => {
                let lines = line_spans(&bytes);
                let (start, end) = lines[((lines.len() as f64) * fraction) as usize];
                if matches!(cut, Cut::DropLine(_)) {
                    bytes.drain(start..end);
                } else {
                    let line = bytes[start..end].to_vec();
                    bytes.splice(end..end, line);
                }
            }
            Cut::SwapLines(a, b) => {
                let lines = line_spans(&bytes);
                let pick = |f: f64| lines[((lines.len() as f64) * f) as usize];
                let (first, second) = {
                    let (x, y) = (pick(*a), pick(*b));
                    if x.0 <= y.0 { (x, y) } else { (y, x) }
                };
                if first.1 <= second.0 {
                    let mut swapped = bytes[..first.0].to_vec();
                    swapped.extend_from_slice(&bytes[second.0..second.1]);
                    swapped.extend_from_slice(&bytes[first.1..second.0]);
                    swapped.extend_from_slice(&bytes[first.0..first.1]);
                    swapped.extend_from_slice(&bytes[second.1..]);
                    bytes = swapped;
                }
            }
            Cut::Truncate(fraction) => {
                let end = at(&bytes, *fraction);
                bytes.truncate(end);
            }
        }
    }
    bytes
}

/// Each line's span, its newline included (one empty span for empty bytes).
fn line_spans(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            spans.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < bytes.len() || spans.is_empty() {
        spans.push((start, bytes.len()));
    }
    spans
}

/// Replaces the `n`-th number (counting round) in `bytes` with `with`.
fn replace_number(bytes: &mut Vec<u8>, n: usize, with: &str) {
    let spans = number_spans(bytes);
    if !spans.is_empty() {
        let (start, end) = spans[n % spans.len()];
        bytes.splice(start..end, with.bytes());
    }
}

/// Where the numbers are in `text`.
fn number_spans(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit()
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'));
        if starts {
            let start = if i > 0 && bytes[i - 1] == b'-' {
                i - 1
            } else {
                i
            };
            let mut end = i;
            while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'.') {
                end += 1;
            }
            spans.push((start, end));
            i = end;
        } else {
            i += 1;
        }
    }
    spans
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn level_files_from_strangers() {
    let folder = scratch("fuzz-levels");
    let accepted = Cell::new(0u32);
    let refused = Cell::new(0u32);
    for name in ["city.ron", "garden.ron"] {
        let base = std::fs::read(levels_dir().join(name)).unwrap();
        let kind = if name == "city.ron" {
            LevelKind::City
        } else {
            LevelKind::Garden
        };
        runner()
            .run(&file_from(base.clone()), |bytes| {
                let Ok(text) = String::from_utf8(bytes.clone()) else {
                    // Not text: the file reader says so (tested by name in the levels tests).
                    std::fs::write(folder.join(name), &bytes).unwrap();
                    prop_assert!(begin_again::level::load_level_file(&folder.join(name)).is_err());
                    return Ok(());
                };
                match parse_level(Path::new(name), &text) {
                    Err(problems) => {
                        refused.set(refused.get() + 1);
                        prop_assert!(!problems.is_empty());
                        let lines = text.lines().count().max(1) + 1;
                        for problem in &problems {
                            prop_assert!(problem.line >= 1 && problem.line <= lines, "{problem}");
                            prop_assert!(!problem.message.is_empty());
                        }
                    }
                    Ok(level) => {
                        accepted.set(accepted.get() + 1);
                        prop_assert_eq!(level.kind, kind);
                        // Accepted: it plays. A minute of walking on it stays inside it.
                        std::fs::copy(levels_dir().join("city.ron"), folder.join("city.ron"))
                            .unwrap();
                        std::fs::copy(levels_dir().join("garden.ron"), folder.join("garden.ron"))
                            .unwrap();
                        std::fs::write(folder.join(name), &text).unwrap();
                        let levels = Levels::load(&LevelsSource::Folder(folder.clone()))
                            .expect("an accepted level loads");
                        let mut app = begin_again::speedrun::headless_app(
                            &LevelsSource::Folder(folder.clone()),
                            3,
                            1,
                        );
                        app.insert_resource(begin_again::core::flow::AfterLoading::Dream(
                            if kind == LevelKind::City {
                                begin_again::core::flow::Chapter::City
                            } else {
                                begin_again::core::flow::Chapter::Garden
                            },
                        ));
                        begin_again::dream::begin(&mut app).expect("an accepted level begins");
                        let level = levels.get(kind);
                        for step in 0..600 {
                            let frame = InputFrame::new(
                                Vec2::new(((step / 60) % 3) as f32 - 1.0, 1.0),
                                Vec2::new(0.02, 0.0),
                                step % 90 == 0,
                            );
                            hold(&mut app, frame, 1);
                            if chapter(&app).map(|c| c as u8) != Some(kind as u8) {
                                break;
                            }
                            let p = dreamer(&mut app).position;
                            prop_assert!(level.bounds.contains(p, 0.0), "{p:?}");
                        }
                    }
                }
                Ok(())
            })
            .unwrap();
    }
    eprintln!(
        "level files: {} accepted, {} refused",
        accepted.get(),
        refused.get()
    );
    assert!(
        refused.get() > 0,
        "the cuts never broke a level: the fuzzer is not cutting"
    );
    std::fs::remove_dir_all(folder).unwrap();
}

#[test]
fn run_files_from_strangers() {
    let golden =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/any-seed-1.ron"))
            .unwrap();
    let honest = parse_run(std::str::from_utf8(&golden).unwrap()).unwrap();
    let levels = levels();
    let verified = Cell::new(0u32);
    let read = Cell::new(0u32);
    runner()
        .run(&file_from(golden.clone()), |bytes| {
            let Ok(text) = String::from_utf8(bytes) else {
                return Ok(());
            };
            let recording = match parse_run(&text) {
                Ok(recording) => recording,
                Err(reason) => {
                    prop_assert!(!reason.is_empty());
                    return Ok(());
                }
            };
            read.set(read.get() + 1);
            match verify(&levels, &recording) {
                Ok(result) => {
                    verified.set(verified.get() + 1);
                    // Only the run as it was played can verify: the same time, the same
                    // splits, the same seal.
                    prop_assert_eq!(result.time_ticks, honest.time_ticks);
                    prop_assert_eq!(&result.splits, &honest.splits);
                    prop_assert_eq!(Some(result.fingerprint), honest.fingerprint);
                }
                Err(reason) => prop_assert!(!reason.is_empty()),
            }
            Ok(())
        })
        .unwrap();
    eprintln!(
        "run files: {} read, {} verified",
        read.get(),
        verified.get()
    );
}

/// Fuzzes one kind of saved file: whatever the file holds, loading it does not panic, the
/// bytes are never lost (the file is left as it was, or kept beside it), and what is loaded
/// saves and loads back the same, without a word.
fn saved_file<T: PartialEq + std::fmt::Debug + serde::Serialize>(
    name: &str,
    good: &T,
    load: impl Fn(&Path) -> (T, Vec<String>),
) {
    let folder = scratch(&format!("fuzz-{name}"));
    let path = folder.join(name);
    save_ron(&path, good).unwrap();
    let base = std::fs::read(&path).unwrap();
    let refused = Cell::new(0u32);
    runner()
        .run(&file_from(base), |bytes| {
            std::fs::remove_dir_all(&folder).unwrap();
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(&path, &bytes).unwrap();
            let (value, problems) = load(&path);
            if !problems.is_empty() {
                refused.set(refused.get() + 1);
                for problem in &problems {
                    prop_assert!(problem.contains(&*path.to_string_lossy()), "{problem}");
                }
            }
            // Nothing is lost: the file is still there as it was, or kept aside whole.
            let kept = std::fs::read_dir(&folder)
                .unwrap()
                .filter_map(Result::ok)
                .any(|entry| std::fs::read(entry.path()).is_ok_and(|b| b == bytes));
            prop_assert!(kept, "the file's bytes were lost: {problems:?}");
            // What was loaded is sound: it saves, and reads back the same, untroubled.
            let again = folder.join(format!("again-{name}"));
            save_ron(&again, &value).unwrap();
            let (reloaded, troubles) = load(&again);
            prop_assert_eq!(&reloaded, &value);
            prop_assert!(troubles.is_empty(), "{troubles:?}");
            Ok(())
        })
        .unwrap();
    eprintln!("{name}: {} of {} refused", refused.get(), cases());
    assert!(
        refused.get() > 0,
        "the cuts never broke {name}: the fuzzer is not cutting"
    );
    std::fs::remove_dir_all(folder).unwrap();
}

#[test]
fn settings_from_strangers() {
    let good = Settings {
        livesplit_host: "192.168.1.20".into(),
        text_scale: 1.25,
        ..Settings::default()
    };
    saved_file("settings.ron", &good, |path| {
        let (settings, problems) = load_settings(path);
        // Whatever was read, every value is one the menus could have set.
        assert!(settings.clone().sanitized().1.is_empty(), "{settings:?}");
        (settings, problems)
    });
}

#[test]
fn progress_from_strangers() {
    let good = Progress {
        version: begin_again::saving::progress::PROGRESS_VERSION,
        continue_at: Some(SavedChapter::Garden),
        garden_reached: true,
    };
    saved_file("progress.ron", &good, |path| {
        let (progress, problem) = load_progress(path);
        (progress, problem.into_iter().collect())
    });
}

#[test]
fn title_gardens_from_strangers() {
    let good = TitleGarden {
        version: begin_again::saving::title_garden::TITLE_GARDEN_VERSION,
        blooms: (0..40).map(|seed| Bloom { seed: seed * 7919 }).collect(),
    };
    saved_file("title-garden.ron", &good, |path| {
        let (garden, problem) = load_title_garden(path);
        assert!(garden.blooms.len() <= MAX_BLOOMS);
        (garden, problem.into_iter().collect())
    });
}

#[test]
fn records_from_strangers() {
    let mut good = Records::new();
    for (seed, offset) in [(1, 0), (2, 40), (1, -25)] {
        let category = crate::any_on(seed);
        good.count_attempt(category);
        let splits = crate::splits_of(
            [2566, 2707, 4131, 8684, 8685, 8687].map(|t: u64| t.saturating_add_signed(offset)),
        );
        good.record_finish(category, &splits, seed, &format!("run-{seed}-{offset}.ron"));
    }
    saved_file("speedrun.ron", &good, |path| {
        let (records, problem) = load_records(path);
        (records, problem.into_iter().collect())
    });
    // save_records is what the game calls: the same writer.
    let folder = scratch("fuzz-records-save");
    save_records(&folder.join("speedrun.ron"), &good).unwrap();
    assert_eq!(load_records(&folder.join("speedrun.ron")), (good, None));
    std::fs::remove_dir_all(folder).unwrap();
}

#[test]
fn ghosts_from_strangers() {
    let good = GhostTrack {
        points: (0..300)
            .map(|i| GhostPoint {
                tick: i * 4,
                garden: i > 150,
                x: (i as f32 * 0.37).sin() * 20.0,
                z: 70.0 - i as f32 * 0.4,
                yaw: i as f32 * 0.01,
            })
            .collect(),
    };
    saved_file("ghost-any-seed-1.ron", &good, |path| {
        let read = read_or_set_aside::<GhostTrack>(path, GhostTrack::check);
        let track = read.value.unwrap_or_default();
        assert!(track.check().is_ok());
        (track, read.problem.into_iter().collect())
    });
}
