//! The sounds the game plays are all there, real Ogg files, and the score's manifest and the
//! game's library of sounds name the same files.

use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn every_sound_the_game_plays_is_in_the_assets() {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let paths = begin_again::view::sound::sound_paths();
    for path in &paths {
        let file = assets.join(path);
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        // An Ogg Vorbis file of a few seconds is kilobytes; a stub would be tiny.
        assert!(
            size > 8_000,
            "{} is missing or empty ({size} bytes)",
            file.display()
        );
        let head = std::fs::read(&file).unwrap();
        assert_eq!(&head[..4], b"OggS", "{} is an Ogg file", file.display());
    }
    // Every file the score was rendered into is one the game plays, and the other way round
    // for everything under audio/music: a stem the score adds cannot be left unplayed.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(assets.join("audio/music/manifest.json")).unwrap())
            .unwrap();
    let mut rendered = BTreeSet::new();
    for section in manifest["sections"].as_object().unwrap().values() {
        for stem in section["stems"].as_array().unwrap() {
            rendered.insert(stem["file"].as_str().unwrap().to_string());
        }
        for step in section["steps"].as_array().into_iter().flatten() {
            rendered.insert(step["warm"].as_str().unwrap().to_string());
            rendered.insert(step["falter"].as_str().unwrap().to_string());
        }
    }
    for list in ["chimes", "hums"] {
        for item in manifest[list].as_array().unwrap() {
            rendered.insert(item["file"].as_str().unwrap().to_string());
        }
    }
    rendered.insert(manifest["water"]["file"].as_str().unwrap().to_string());
    let played: BTreeSet<String> = paths
        .iter()
        .filter_map(|p| p.strip_prefix("audio/music/"))
        .map(String::from)
        .collect();
    assert_eq!(
        played, rendered,
        "the library and the score's manifest differ"
    );
    // Nothing else under assets/audio is left unplayed either.
    let mut on_disk = BTreeSet::new();
    for folder in ["city", "garden"] {
        for entry in std::fs::read_dir(assets.join("audio").join(folder)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".ogg") {
                on_disk.insert(format!("audio/{folder}/{name}"));
            }
        }
    }
    let played_effects: BTreeSet<String> = paths
        .iter()
        .filter(|p| !p.starts_with("audio/music/"))
        .cloned()
        .collect();
    assert_eq!(played_effects, on_disk, "an effect on disk is never played");
}

#[test]
fn every_volume_scales_every_sound() {
    use begin_again::core::settings::Settings;
    use begin_again::view::sound::{Cue, Loudness, VOICE_HEARING_RADIUS, heard_decibels};
    let full = Settings {
        master_volume: 1.0,
        music_volume: 1.0,
        voice_volume: 1.0,
        effects_volume: 1.0,
        ..Settings::default()
    };
    type Slider = fn(&mut Settings) -> &mut f32;
    let sliders: [(Loudness, Slider); 3] = [
        (Loudness::Music, |s| &mut s.music_volume),
        (Loudness::Voice, |s| &mut s.voice_volume),
        (Loudness::Effects, |s| &mut s.effects_volume),
    ];
    let with = |slider: Slider, value: f32| {
        let mut settings = full.clone();
        *slider(&mut settings) = value;
        settings
    };
    // Every slider has sounds to reach.
    for (loudness, _) in &sliders {
        assert!(
            Cue::ALL.iter().any(|cue| cue.loudness() == *loudness),
            "no sound answers to {loudness:?}"
        );
    }
    for cue in Cue::ALL {
        for gain in [1.0, 0.42] {
            let loud = cue.decibels(&full, gain);
            for (loudness, slider) in &sliders {
                let halved = cue.decibels(&with(*slider, 0.5), gain);
                if *loudness == cue.loudness() {
                    // Its own slider at half lowers it by 6 dB; at zero it is silent.
                    assert!(
                        (loud - halved - 6.02).abs() < 0.05,
                        "{cue:?} at gain {gain}: {loud} → {halved} dB"
                    );
                    assert_eq!(cue.decibels(&with(*slider, 0.0), gain), -60.0, "{cue:?}");
                } else {
                    assert_eq!(loud, halved, "{cue:?} moved with {loudness:?}");
                }
            }
            // The master volume reaches it too: a quarter is 12 dB down, zero is silence.
            let quarter = cue.decibels(&with(|s| &mut s.master_volume, 0.25), gain);
            assert!((loud - quarter - 12.04).abs() < 0.05, "{cue:?}: {quarter}");
            assert_eq!(
                cue.decibels(&with(|s| &mut s.master_volume, 0.0), gain),
                -60.0
            );
        }
    }
    // Sounds heard from a place keep their slider's share at every distance, and fall away
    // with distance: near is louder than far; beyond the radius, silence.
    let heard = |settings: &Settings, cue, distance| {
        heard_decibels(settings, cue, distance, VOICE_HEARING_RADIUS)
    };
    for cue in [Cue::Voice, Cue::DoorHum, Cue::TreeMurmur] {
        let near = heard(&full, cue, 2.0);
        let far = heard(&full, cue, 20.0);
        assert!(near > far + 30.0, "{cue:?}: near {near} dB, far {far} dB");
        assert_eq!(heard(&full, cue, VOICE_HEARING_RADIUS + 1.0), -60.0);
        for (loudness, slider) in &sliders {
            for distance in [0.0, 2.0, 10.0] {
                let drop = heard(&full, cue, distance) - heard(&with(*slider, 0.5), cue, distance);
                let expected = if *loudness == cue.loudness() {
                    6.02
                } else {
                    0.0
                };
                assert!(
                    (drop - expected).abs() < 0.05,
                    "{cue:?} at {distance} m fell {drop} dB with {loudness:?} at half"
                );
            }
        }
        assert_eq!(heard(&with(|s| &mut s.master_volume, 0.0), cue, 0.0), -60.0);
    }
}
