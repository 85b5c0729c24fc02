//! Voices rising out of the petals: a flower speaks once each approach and again on
//! Interact, its subtitle shown as long as it takes to say; every voice has its sound.

use begin_again::core::flow::Chapter;
use begin_again::core::input::InputFrame;
use begin_again::dream::voices::{VoiceTriggered, VoicesHeard, subtitle_ticks};
use begin_again::level::Levels;
use std::path::Path;

use crate::support::*;
use bevy::prelude::*;

#[test]
fn a_voice_flower_speaks_once_each_approach_and_again_on_interact() {
    let mut app = dream(1, Chapter::Garden);
    listen::<VoiceTriggered>(&mut app);
    let voice = garden(&app).voices[0].clone();
    let spawn = garden(&app).spawn.at.vec();

    walk_in_garden_to(&mut app, voice.at.vec(), 2.0);
    hold(&mut app, InputFrame::default(), 240);
    let first = heard::<VoiceTriggered>(&app);
    assert_eq!(
        first.len(),
        1,
        "it speaks once as the dreamer comes near: {first:?}"
    );
    assert_eq!(first[0].1.flower.as_deref(), Some(voice.id.as_str()));
    let shown = subtitle(&app).current.expect("a subtitle is showing");
    assert_eq!(
        (shown.speaker.as_str(), shown.line.as_str()),
        (voice.speaker.as_str(), voice.line.as_str())
    );

    // Interact beside it: it speaks again; holding does not repeat it.
    hold(&mut app, InputFrame::new(Vec2::ZERO, Vec2::ZERO, true), 120);
    assert_eq!(
        heard::<VoiceTriggered>(&app).len(),
        2,
        "Interact plays it again, once per press"
    );
    hold(&mut app, InputFrame::default(), 1);

    // Walk away and come back: a new approach, a new telling.
    walk_in_garden_to(&mut app, spawn, 1.5);
    assert_eq!(heard::<VoiceTriggered>(&app).len(), 2);
    walk_in_garden_to(&mut app, voice.at.vec(), 2.0);
    hold(&mut app, InputFrame::default(), 30);
    assert_eq!(
        heard::<VoiceTriggered>(&app).len(),
        3,
        "it speaks again on the next approach"
    );

    // The subtitle stays as long as the line takes to say, then clears.
    hold(
        &mut app,
        InputFrame::default(),
        subtitle_ticks(&voice.line) as usize + 5,
    );
    assert_eq!(subtitle(&app).current, None);
    let heard_ids = app.world().resource::<VoicesHeard>().0.clone();
    assert_eq!(heard_ids, vec![voice.id.clone()]);
}

#[test]
fn every_voice_in_the_level_has_its_audio_file() {
    let level = Levels::load(&levels()).unwrap().garden;
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let mut files: Vec<String> = level.voices.iter().map(|v| v.audio.clone()).collect();
    files.push(level.lotus.unwrap().whisper.audio);
    let memories = &level.fragments.as_ref().unwrap().candidates;
    files.extend(memories.iter().map(|place| place.memory.audio.clone()));
    files.extend(
        level
            .moon
            .iter()
            .chain(&level.waking)
            .map(|s| s.audio.clone()),
    );
    assert_eq!(
        files.len(),
        level.voices.len() + memories.len() + 3,
        "the trees, the moon, the waking and every memory speak too"
    );
    let distinct: std::collections::HashSet<&String> = files.iter().collect();
    assert_eq!(
        distinct.len(),
        files.len(),
        "no two lines share a recording"
    );
    for file in files {
        let path = assets.join(&file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(&bytes[..4], b"OggS", "{} is an Ogg file", path.display());
        assert!(
            bytes.len() > 20_000,
            "{} holds speech, not a stub ({} bytes)",
            path.display(),
            bytes.len()
        );
    }
}

#[test]
fn a_flowers_words_are_named_as_rising_from_the_petals() {
    use begin_again::view::screens::subtitles::speaker_label;
    let mut app = dream(1, Chapter::Garden);
    let voice = garden(&app).voices[0].clone();
    assert_eq!(speaker_label(&subtitle(&app)), None, "nothing is said yet");

    // Come near a flower: its voice is named with where it rises from.
    walk_in_garden_to(&mut app, voice.at.vec(), 2.0);
    hold(&mut app, InputFrame::default(), 30);
    assert_eq!(
        speaker_label(&subtitle(&app)),
        Some(format!("{} — from the petals", voice.speaker))
    );

    // The moon, the trees and the waking speak for themselves, even over a flower's words.
    let garden = garden(&app);
    for spoken in [
        garden.moon.clone(),
        garden.waking.clone(),
        garden.lotus.as_ref().map(|lotus| lotus.whisper.clone()),
    ]
    .into_iter()
    .flatten()
    {
        app.world_mut().write_message(VoiceTriggered {
            flower: None,
            spoken: spoken.clone(),
            position: Vec2::ZERO,
            lingers: false,
        });
        hold(&mut app, InputFrame::default(), 2);
        assert_eq!(speaker_label(&subtitle(&app)), Some(spoken.speaker));
    }
}
