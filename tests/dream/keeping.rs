//! What is kept between launches — the title garden, the settings (and their page), the
//! progress — and that nothing a player saved is ever lost: writes are atomic and never follow
//! a planted link, a broken file is set aside under a name never used before, the last good
//! copy is recovered, values no menu could give are brought into range, and a save that fails
//! leaves the last good file.

use std::path::{Path, PathBuf};

use crate::support::scratch;

use begin_again::core::settings::{Quality, Settings};
use begin_again::saving::progress::{PROGRESS_VERSION, Progress, SavedChapter, load_progress};
use begin_again::saving::settings_file::load_settings;
use begin_again::saving::title_garden::{Bloom, MAX_BLOOMS, TitleGarden, load_title_garden};
use begin_again::saving::{save_ron, write_atomically};
use begin_again::view::screens::menus::settings::{SETTING_ROWS, SettingKey};
use begin_again::view::world::quality::auto_for;

/// `path` with `suffix` added to its name.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_title_garden_is_kept_safely_and_a_corrupt_one_is_moved_aside() {
    let dir = scratch("garden");
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

    // A garden of more blooms than a player could leave keeps the first ones and says so.
    let crowded = TitleGarden {
        version: 1,
        blooms: (0..MAX_BLOOMS as u64 + 5)
            .map(|seed| Bloom { seed })
            .collect(),
    };
    std::fs::write(&file, ron::to_string(&crowded).unwrap()).unwrap();
    let (kept, problem) = load_title_garden(&file);
    assert_eq!(kept.blooms.len(), MAX_BLOOMS);
    assert_eq!(kept.blooms[..2], crowded.blooms[..2]);
    assert!(problem.unwrap().contains("keeping the first"));
}

#[test]
fn a_broken_file_is_set_aside_never_over_an_older_one_and_the_last_good_copy_recovered() {
    let dir = scratch("recover");
    let file = dir.join("progress.ron");
    let first = Progress {
        version: PROGRESS_VERSION,
        continue_at: Some(SavedChapter::City),
        garden_reached: false,
    };
    let second = Progress {
        continue_at: Some(SavedChapter::Garden),
        garden_reached: true,
        ..first.clone()
    };
    save_ron(&file, &first).unwrap();
    save_ron(&file, &second).unwrap();
    // The copy before the last save is kept as .bak.
    assert_eq!(
        ron::from_str::<Progress>(&read(&beside(&file, ".bak"))).unwrap(),
        first
    );

    // Broken once: set aside, and the last good copy (.bak) recovered, the player told.
    std::fs::write(&file, "(version: 1, continue_at: Some(Moon))").unwrap();
    let (recovered, problem) = load_progress(&file);
    assert_eq!(recovered, first, "the last good copy");
    let problem = problem.expect("told");
    assert!(problem.contains("moved aside"), "{problem}");
    assert!(
        problem.contains("recovered from the last good copy"),
        "{problem}"
    );
    assert_eq!(
        read(&beside(&file, ".corrupt")),
        "(version: 1, continue_at: Some(Moon))"
    );

    // Broken again, in another way: the first set-aside copy stays as it was.
    std::fs::write(&file, [0xff, 0xfe, b'(']).unwrap();
    let (_, problem) = load_progress(&file);
    assert!(problem.unwrap().contains("not text"));
    assert_eq!(
        read(&beside(&file, ".corrupt")),
        "(version: 1, continue_at: Some(Moon))",
        "never written over"
    );
    assert_eq!(
        std::fs::read(beside(&file, ".corrupt.2")).unwrap(),
        vec![0xff, 0xfe, b'('],
        "the second broken file has a name of its own"
    );
    assert!(!file.exists(), "a broken file is not left in place");
}

#[cfg(unix)]
#[test]
fn a_save_never_follows_a_planted_link_and_leaves_no_temporary_files() {
    let dir = scratch("links");
    let file = dir.join("settings.ron");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "not the game's").unwrap();
    // Links where the game keeps its last copy and where it used to write its temporary file.
    std::os::unix::fs::symlink(&victim, beside(&file, ".bak")).unwrap();
    std::os::unix::fs::symlink(&victim, beside(&file, ".tmp")).unwrap();
    save_ron(&file, &Settings::default()).unwrap();
    save_ron(&file, &Settings::default()).unwrap();
    assert_eq!(
        read(&victim),
        "not the game's",
        "the link's target is untouched"
    );
    let bak = std::fs::symlink_metadata(beside(&file, ".bak")).unwrap();
    assert!(
        bak.file_type().is_file(),
        "the link was replaced by a real copy"
    );
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with("tmp") && name != "settings.ron.tmp")
        .collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}

#[test]
fn a_save_that_fails_says_where_and_keeps_the_last_good_file() {
    let dir = scratch("failing");
    // The data folder is a file: nothing can be saved in it.
    let blocked = dir.join("data");
    std::fs::write(&blocked, "a file where a folder should be").unwrap();
    let why = save_ron(&blocked.join("settings.ron"), &Settings::default()).unwrap_err();
    assert!(
        why.contains("settings.ron") && why.contains("cannot save"),
        "{why}"
    );
    assert_eq!(read(&blocked), "a file where a folder should be");

    // Reading from it: the defaults, one plain word why, and nothing moved or made.
    let (progress, problem) = load_progress(&blocked.join("progress.ron"));
    assert_eq!(progress, load_progress(&dir.join("none.ron")).0);
    let problem = problem.expect("the player is told");
    assert!(
        problem.contains("progress.ron: cannot be read"),
        "{problem}"
    );
    assert!(!problem.contains("moved aside"), "{problem}");
    let mut left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    left.sort();
    assert_eq!(left, ["data"]);
    assert_eq!(read(&blocked), "a file where a folder should be");
}

#[test]
fn settings_are_kept_and_a_broken_file_falls_back_without_loss() {
    let dir = scratch("settings");
    let file = dir.join("settings.ron");
    assert_eq!(
        load_settings(&file),
        (Settings::default(), vec![]),
        "no file: the defaults"
    );

    let chosen = Settings {
        head_bob: false,
        reduced_motion: true,
        mouse_sensitivity: 1.7,
        ..Settings::default()
    };
    write_atomically(&file, &ron::to_string(&chosen).unwrap()).unwrap();
    assert_eq!(
        load_settings(&file),
        (chosen, vec![]),
        "read back as written"
    );

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
    let (fallback, problems) = load_settings(&file);
    assert_eq!(fallback, Settings::default());
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].starts_with(&format!("{}:", file.display()))
            && problems[0].contains("moved aside"),
        "{problems:?}"
    );
    assert_eq!(read(&beside(&file, ".corrupt")), "(head_bob: maybe)");

    // Not text at all: set aside too, not left in place.
    std::fs::write(&file, [b'(', 0xc3, 0x28, b')']).unwrap();
    let (fallback, problems) = load_settings(&file);
    assert_eq!(fallback, Settings::default());
    assert!(problems[0].contains("not text"), "{problems:?}");
    assert!(!file.exists());
}

#[test]
fn settings_no_menu_could_give_are_brought_into_range_and_named() {
    let dir = scratch("ranges");
    let file = dir.join("settings.ron");
    std::fs::write(
        &file,
        "(horizontal_field_of_view: inf, mouse_sensitivity: NaN, master_volume: -3.0, voice_volume: 40.0, \
         text_scale: 1e30, livesplit_port: 0, livesplit_host: \"\")",
    )
    .unwrap();
    let (settings, problems) = load_settings(&file);
    let defaults = Settings::default();
    assert_eq!(
        settings.horizontal_field_of_view,
        defaults.horizontal_field_of_view
    );
    assert_eq!(settings.mouse_sensitivity, defaults.mouse_sensitivity);
    assert_eq!(settings.master_volume, 0.0);
    assert_eq!(settings.voice_volume, 1.0);
    assert_eq!(settings.text_scale, 2.0);
    assert_eq!(settings.livesplit_port, defaults.livesplit_port);
    assert_eq!(settings.livesplit_host, defaults.livesplit_host);
    // One notice, naming the file and every value it brought into range.
    assert_eq!(problems.len(), 1, "{problems:?}");
    let notice = &problems[0];
    assert!(
        notice.starts_with(&format!("{}: values no menu could set", file.display())),
        "{notice}"
    );
    for name in [
        "horizontal_field_of_view",
        "mouse_sensitivity",
        "master_volume",
        "voice_volume",
        "text_scale",
        "livesplit_port",
        "livesplit_host",
    ] {
        assert!(notice.contains(name), "{name} not named in {notice}");
    }
    // Every value is usable: nothing reaches the camera or the look as NaN.
    let (again, notes) = settings.sanitized();
    assert!(notes.is_empty(), "{notes:?}");
    assert!(again.horizontal_field_of_view.is_finite() && again.mouse_sensitivity.is_finite());
}

#[test]
fn the_field_of_view_is_horizontal_and_an_older_vertical_one_is_kept_as_it_looked() {
    let dir = scratch("field-of-view");
    let file = dir.join("settings.ron");
    // An older build kept the vertical angle: 70 degrees high is 102 across on 16:9.
    std::fs::write(&file, "(field_of_view: 70.0, head_bob: false)").unwrap();
    let (settings, problems) = load_settings(&file);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(settings.horizontal_field_of_view, 102.0);
    assert!(!settings.head_bob);
    assert!(
        (settings.vertical_field_of_view() - 70.0).abs() < 0.5,
        "the camera sees {} degrees high",
        settings.vertical_field_of_view()
    );
    // Written back, only the horizontal angle is kept.
    write_atomically(&file, &ron::to_string(&settings).unwrap()).unwrap();
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.contains("horizontal_field_of_view:102.0"),
        "{written}"
    );
    assert!(!written.contains("(field_of_view") && !written.contains(",field_of_view"));
    assert_eq!(load_settings(&file).0, settings);
    // The range the page offers, 80 to 130 across, is about 50 to 101 degrees high.
    let high = |horizontal| {
        Settings {
            horizontal_field_of_view: horizontal,
            ..Settings::default()
        }
        .vertical_field_of_view()
    };
    assert!((high(80.0) - 50.5).abs() < 0.3 && (high(130.0) - 100.7).abs() < 0.3);
}

#[test]
fn the_settings_page_steps_values_within_their_bounds() {
    let mut settings = Settings::default();
    // Left and Right step and stop at the ends.
    for _ in 0..20 {
        SettingKey::MasterVolume.adjust(&mut settings, 1, false);
    }
    assert_eq!(settings.master_volume, 1.0);
    assert_eq!(
        SettingKey::MasterVolume.describe(&settings, Quality::High),
        "Volume: 100%"
    );
    for _ in 0..3 {
        SettingKey::MasterVolume.adjust(&mut settings, -1, false);
    }
    assert!((settings.master_volume - 0.7).abs() < 1e-6);
    for _ in 0..40 {
        SettingKey::FieldOfView.adjust(&mut settings, -1, false);
    }
    assert_eq!(settings.horizontal_field_of_view, 80.0);
    assert_eq!(
        SettingKey::FieldOfView.describe(&settings, Quality::High),
        "Field of view: 80\u{00B0} across"
    );
    // Enter steps on and wraps from the top, so every value can be reached with one button.
    settings.text_scale = 2.0;
    SettingKey::TextSize.adjust(&mut settings, 1, true);
    assert_eq!(settings.text_scale, 0.75);
    let bob = settings.head_bob;
    SettingKey::HeadBob.adjust(&mut settings, 1, true);
    assert_eq!(settings.head_bob, !bob);
    // Every row names its value, and every value the page can reach is in range.
    for key in SETTING_ROWS {
        assert!(
            key.describe(&settings, Quality::Low).contains(": "),
            "{key:?}"
        );
        for _ in 0..50 {
            key.adjust(&mut settings, 1, true);
            assert!(settings.clone().sanitized().1.is_empty(), "{key:?}");
        }
    }
}

#[test]
fn progress_is_read_back_and_a_corrupt_file_is_kept_aside() {
    let dir = scratch("progress");
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
    assert_eq!(fresh.continue_at, None, "no good copy to recover: afresh");
    assert!(problem.unwrap().contains("moved aside"));
    assert!(dir.join("progress.ron.corrupt").exists());
}

#[test]
fn the_quality_preset_is_kept_and_auto_chooses_by_the_graphics_card() {
    let dir = scratch("quality");
    let file = dir.join("settings.ron");
    // Chosen on the page (Right from Auto is Low), saved, and read back at the next launch.
    let mut settings = Settings::default();
    assert_eq!(settings.quality, Quality::Auto);
    SettingKey::Quality.adjust(&mut settings, 1, false);
    assert_eq!(settings.quality, Quality::Low);
    assert_eq!(
        SettingKey::Quality.describe(&settings, Quality::Low),
        "Quality: Low"
    );
    save_ron(&file, &settings).unwrap();
    let (loaded, problems) = load_settings(&file);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(loaded.quality, Quality::Low);
    // Stepping goes round every preset and back.
    let mut seen = vec![settings.quality];
    for _ in 0..4 {
        SettingKey::Quality.adjust(&mut settings, 1, true);
        seen.push(settings.quality);
    }
    assert_eq!(
        seen,
        [
            Quality::Low,
            Quality::Medium,
            Quality::High,
            Quality::Auto,
            Quality::Low
        ]
    );
    // A settings file from before presets existed starts at Auto.
    write_atomically(&file, "(master_volume: 0.5)").unwrap();
    assert_eq!(load_settings(&file).0.quality, Quality::Auto);
    // Auto: Low on a software renderer or an integrated GPU, High on a discrete one; the row
    // says what it chose.
    use wgpu_types::DeviceType;
    assert_eq!(auto_for(Some(DeviceType::Cpu)), Quality::Low);
    assert_eq!(auto_for(Some(DeviceType::IntegratedGpu)), Quality::Low);
    assert_eq!(auto_for(Some(DeviceType::DiscreteGpu)), Quality::High);
    assert_eq!(auto_for(None), Quality::Medium);
    settings.quality = Quality::Auto;
    assert_eq!(
        SettingKey::Quality.describe(&settings, Quality::Low),
        "Quality: Auto (Low here)"
    );
}
