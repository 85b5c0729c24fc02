//! The sounds the game plays are all there, real Ogg files.

use begin_again::dream::darkening::CHORD_COUNT;
use std::path::Path;

#[test]
fn every_sound_the_game_plays_is_in_the_assets() {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let paths = begin_again::view::sound::sound_paths();
    assert_eq!(paths.len(), 2 * CHORD_COUNT as usize + 6 + 7);
    for path in paths {
        let file = assets.join(&path);
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        // An Ogg Vorbis file of a few seconds is tens of kilobytes; a stub would be tiny.
        assert!(
            size > 10_000,
            "{} is missing or empty ({size} bytes)",
            file.display()
        );
        let head = std::fs::read(&file).unwrap();
        assert_eq!(&head[..4], b"OggS", "{} is an Ogg file", file.display());
    }
}

#[test]
fn every_volume_reaches_the_sounds_heard_from_places() {
    use begin_again::core::settings::Settings;
    use begin_again::view::sound::{Loudness, VOICE_HEARING_RADIUS, heard_decibels};
    let heard = |settings: &Settings, loudness, distance| {
        heard_decibels(settings, loudness, distance, VOICE_HEARING_RADIUS)
    };
    let full = Settings {
        master_volume: 1.0,
        voice_volume: 1.0,
        effects_volume: 1.0,
        ..Settings::default()
    };
    // Near is louder than far; beyond the radius, silence.
    let near = heard(&full, Loudness::Voice, 2.0);
    let far = heard(&full, Loudness::Voice, 20.0);
    assert!(near > far + 30.0, "near {near} dB, far {far} dB");
    assert_eq!(
        heard(&full, Loudness::Voice, VOICE_HEARING_RADIUS + 1.0),
        -60.0
    );
    // Halving the voice volume lowers a voice by 6 dB at any distance, and not the effects.
    let half_voices = Settings {
        voice_volume: 0.5,
        ..full.clone()
    };
    for distance in [0.0, 2.0, 10.0] {
        let drop = heard(&full, Loudness::Voice, distance)
            - heard(&half_voices, Loudness::Voice, distance);
        assert!(
            (drop - 6.02).abs() < 0.05,
            "voice at {distance} m fell {drop} dB"
        );
        assert_eq!(
            heard(&full, Loudness::Effects, distance),
            heard(&half_voices, Loudness::Effects, distance)
        );
    }
    // The master volume lowers both; at zero, nothing is heard even beside the source.
    let quiet = Settings {
        master_volume: 0.25,
        ..full.clone()
    };
    for loudness in [Loudness::Voice, Loudness::Effects] {
        let drop = heard(&full, loudness, 2.0) - heard(&quiet, loudness, 2.0);
        assert!((drop - 12.04).abs() < 0.05, "{loudness:?} fell {drop} dB");
    }
    let silent = Settings {
        master_volume: 0.0,
        ..full
    };
    assert_eq!(heard(&silent, Loudness::Voice, 0.0), -60.0);
}
