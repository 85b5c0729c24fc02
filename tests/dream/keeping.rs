//! What is kept between launches: the title garden, the settings (and their page), the
//! progress; written safely, a broken file set aside and reported.

use begin_again::core::settings::Settings;
use begin_again::saving::progress::{PROGRESS_VERSION, Progress, SavedChapter, load_progress};
use begin_again::saving::settings_file::load_settings;
use begin_again::saving::title_garden::{Bloom, TitleGarden, load_title_garden};
use begin_again::saving::write_atomically;
use begin_again::view::menus::settings::{SETTING_ROWS, SettingKey};
use bevy::prelude::*;

#[test]
fn the_title_garden_is_kept_safely_and_a_corrupt_one_is_moved_aside() {
    let dir = std::env::temp_dir().join(format!("begin-again-garden-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("title-garden.ron");

    let (empty, problem) = load_title_garden(&file);
    assert!(
        empty.blooms.is_empty() && problem.is_none(),
        "no file yet: an empty garden"
    );

    let garden = TitleGarden {
        version: 1,
        blooms: vec![Bloom { seed: 4 }, Bloom { seed: 9 }],
    };
    write_atomically(&file, &ron::to_string(&garden).unwrap()).unwrap();
    assert_eq!(load_title_garden(&file), (garden.clone(), None));
    // Writing again keeps the last copy beside it.
    write_atomically(&file, &ron::to_string(&garden).unwrap()).unwrap();
    assert!(file.with_extension("ron.bak").exists());

    std::fs::write(&file, "(version: 1, blooms: [(seed: ").unwrap();
    let (fresh, problem) = load_title_garden(&file);
    assert!(fresh.blooms.is_empty());
    let problem = problem.expect("the corrupt file is reported");
    assert!(
        problem.contains("title-garden.ron") && problem.contains("moved aside"),
        "{problem}"
    );
    let aside = std::fs::read_to_string(file.with_extension("ron.corrupt")).unwrap();
    assert_eq!(
        aside, "(version: 1, blooms: [(seed: ",
        "the corrupt file is kept, not overwritten"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn settings_are_kept_and_a_broken_file_falls_back_without_loss() {
    let dir = std::env::temp_dir().join(format!("begin-again-settings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("settings.ron");
    assert_eq!(
        load_settings(&file),
        (Settings::default(), None),
        "no file: the defaults"
    );

    let chosen = Settings {
        head_bob: false,
        reduced_motion: true,
        mouse_sensitivity: 1.7,
        ..Settings::default()
    };
    write_atomically(&file, &ron::to_string(&chosen).unwrap()).unwrap();
    assert_eq!(load_settings(&file), (chosen, None), "read back as written");

    // A file from an older build with only some fields keeps the rest at their defaults.
    std::fs::write(&file, "(head_bob: false)").unwrap();
    assert_eq!(
        load_settings(&file).0,
        Settings {
            head_bob: false,
            ..Settings::default()
        }
    );

    std::fs::write(&file, "(head_bob: maybe)").unwrap();
    let (fallback, problem) = load_settings(&file);
    assert_eq!(fallback, Settings::default());
    let problem = problem.expect("reported");
    assert!(
        problem.starts_with(&format!("{}:", file.display())) && problem.contains("moved aside"),
        "{problem}"
    );
    assert_eq!(
        std::fs::read_to_string(file.with_extension("ron.corrupt")).unwrap(),
        "(head_bob: maybe)"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn the_settings_page_steps_values_within_their_bounds() {
    let mut settings = Settings::default();
    // Left and Right step and stop at the ends.
    for _ in 0..20 {
        SettingKey::MasterVolume.adjust(&mut settings, 1, false);
    }
    assert_eq!(settings.master_volume, 1.0);
    assert_eq!(SettingKey::MasterVolume.describe(&settings), "Volume: 100%");
    for _ in 0..3 {
        SettingKey::MasterVolume.adjust(&mut settings, -1, false);
    }
    assert!((settings.master_volume - 0.7).abs() < 1e-6);
    for _ in 0..40 {
        SettingKey::FieldOfView.adjust(&mut settings, -1, false);
    }
    assert_eq!(settings.field_of_view, 50.0);
    // Enter steps on and wraps from the top, so every value can be reached with one button.
    settings.text_scale = 2.0;
    SettingKey::TextSize.adjust(&mut settings, 1, true);
    assert_eq!(settings.text_scale, 0.75);
    let bob = settings.head_bob;
    SettingKey::HeadBob.adjust(&mut settings, 1, true);
    assert_eq!(settings.head_bob, !bob);
    // Every row names its value.
    for key in SETTING_ROWS {
        assert!(key.describe(&settings).contains(": "), "{key:?}");
    }
}

#[test]
fn progress_is_read_back_and_a_corrupt_file_is_kept_aside() {
    let dir = std::env::temp_dir().join(format!("begin-again-progress-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("progress.ron");
    let (fresh, problem) = load_progress(&path);
    assert_eq!(problem, None);
    assert_eq!(fresh.continue_at, None);
    assert!(!fresh.garden_reached);

    let reached = Progress {
        version: PROGRESS_VERSION,
        continue_at: Some(SavedChapter::Garden),
        garden_reached: true,
    };
    write_atomically(&path, &ron::ser::to_string(&reached).unwrap()).unwrap();
    assert_eq!(load_progress(&path), (reached, None));

    std::fs::write(&path, "(version: 1, continue_at: Some(Moon))").unwrap();
    let (fresh, problem) = load_progress(&path);
    assert_eq!(fresh.continue_at, None);
    assert!(problem.unwrap().contains("moved aside"));
    assert!(dir.join("progress.ron.corrupt").exists());
}
