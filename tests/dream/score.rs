//! The score follows the dream: the real director (`view::sound::score`) on the real logic,
//! headless, with the real clock advanced a sixtieth of a second an update. The warm city
//! gives way to its faltering twin as the warmth drains, the garden's layers come in with
//! what the dreamer does, the ending's themes take over, every change waits for a bar line,
//! the music dips under a spoken line, and a footstep's chord is the bar's.

use begin_again::core::flow::{AfterLoading, Chapter};
use begin_again::dream::darkening::{Warmth, Worries};
use begin_again::dream::ending::{Ending, Scene};
use begin_again::dream::river::Heart;
use begin_again::dream::voices::{Subtitle, VoiceFlower, VoicesHeard};
use begin_again::dream::walking::Dreamer;
use begin_again::level::Spoken;
use begin_again::view::sound::city::footstep_chord;
use begin_again::view::sound::score::{
    Listening, Movement, Music, Score, Stem, movement_of, stem_gains,
};
use bevy::prelude::*;

use crate::support;

/// A dream at `chapter` with the score's director listening.
fn scored_dream(chapter: Chapter) -> App {
    let mut app = support::logic_app(support::levels_dir(), 1);
    app.insert_resource(AfterLoading::Dream(chapter))
        .add_plugins(begin_again::view::sound::score::plugin);
    support::settle(&mut app);
    app.update();
    app
}

fn music(app: &App) -> Music {
    app.world().resource::<Music>().clone()
}

/// Updates until the score has crossed the next bar line, returning how many updates it
/// took.
fn to_the_next_bar(app: &mut App) -> usize {
    let bar = music(app).bar;
    for updates in 1..=400 {
        app.update();
        if music(app).bar != bar {
            return updates;
        }
    }
    panic!("no bar line in 400 updates");
}

#[test]
fn the_city_is_warm_at_dusk_and_falters_as_the_warmth_drains() {
    let mut app = scored_dream(Chapter::City);
    let dusk = music(&app);
    assert_eq!(dusk.movement, Movement::City);
    assert_eq!(dusk.gain(Stem::CityWarm), 1.0, "the warm stem at full");
    assert_eq!(dusk.gain(Stem::CityFalter), 0.0, "nothing falters at dusk");

    // The warmth drains to its floor in the middle of a bar.
    to_the_next_bar(&mut app);
    for _ in 0..20 {
        app.update();
    }
    // The dreamer has walked the whole darkening (the logic drains the warmth from the way
    // walked).
    {
        let world = app.world_mut();
        let mut dreamers = world.query::<&mut Dreamer>();
        for mut dreamer in dreamers.iter_mut(world) {
            dreamer.distance_walked += 5_000.0;
        }
    }
    support::tick(&mut app);
    assert!(
        app.world().resource::<Warmth>().at_floor(),
        "the warmth is gone"
    );
    assert_eq!(
        music(&app).gain(Stem::CityWarm),
        1.0,
        "the change waits for the bar line, never mid-phrase"
    );
    let waited = to_the_next_bar(&mut app);
    assert!(waited > 1, "it waited {waited} updates for the bar line");
    let cold = music(&app);
    assert_eq!(cold.gain(Stem::CityWarm), 0.0, "the warm stem is gone");
    assert!(
        cold.gain(Stem::CityFalter) > 0.5,
        "the faltering stem plays: {}",
        cold.gain(Stem::CityFalter)
    );
}

#[test]
fn the_garden_grows_a_layer_for_each_thing_the_dreamer_does() {
    let mut app = scored_dream(Chapter::Garden);
    let night = music(&app);
    assert_eq!(night.movement, Movement::Garden);
    assert_eq!(
        night.gain(Stem::GardenBed),
        1.0,
        "the night bed always plays"
    );
    for layer in [
        Stem::GardenVoices,
        Stem::GardenWorries,
        Stem::GardenMemories,
    ] {
        assert_eq!(night.gain(layer), 0.0, "{layer:?} waits for the dreamer");
    }

    // Voices heard: the voices' layer comes in, fuller with each.
    let flowers: Vec<String> = {
        let world = app.world_mut();
        let mut query = world.query::<&VoiceFlower>();
        query.iter(world).map(|f| f.id.clone()).collect()
    };
    assert!(flowers.len() >= 3, "the garden has voice flowers");
    app.world_mut().resource_mut::<VoicesHeard>().0 = flowers[..1].to_vec();
    to_the_next_bar(&mut app);
    let one = music(&app).gain(Stem::GardenVoices);
    app.world_mut().resource_mut::<VoicesHeard>().0 = flowers[..3].to_vec();
    to_the_next_bar(&mut app);
    let three = music(&app).gain(Stem::GardenVoices);
    assert!(
        0.0 < one && one < three,
        "one voice {one}, three voices {three}"
    );
    assert_eq!(music(&app).gain(Stem::GardenWorries), 0.0);

    // Every worry planted: the worries' layer in full.
    {
        let mut worries = app.world_mut().resource_mut::<Worries>();
        worries.total = worries.total.max(5);
        worries.carried = worries.total;
        worries.planted = worries.total;
    }
    to_the_next_bar(&mut app);
    assert_eq!(music(&app).gain(Stem::GardenWorries), 1.0);
    assert_eq!(music(&app).gain(Stem::GardenMemories), 0.0);

    // Half the memories gathered, then all.
    let panes = app.world().resource::<Heart>().panes.len().max(2);
    app.world_mut().resource_mut::<Heart>().panes = (0..panes).map(|i| i < panes / 2).collect();
    to_the_next_bar(&mut app);
    let half = music(&app).gain(Stem::GardenMemories);
    app.world_mut().resource_mut::<Heart>().panes = vec![true; panes];
    to_the_next_bar(&mut app);
    let whole = music(&app).gain(Stem::GardenMemories);
    assert!(
        0.0 < half && half < whole && whole == 1.0,
        "{half} then {whole}"
    );
}

#[test]
fn the_ending_plays_its_own_themes_at_once() {
    let mut app = scored_dream(Chapter::Garden);
    for (scene, theme, stem) in [
        (Scene::Heart, Movement::Heart, Stem::Heart),
        (Scene::Moon, Movement::Moon, Stem::Moon),
        (Scene::Dawn, Movement::Dawn, Stem::Dawn),
    ] {
        *app.world_mut().resource_mut::<Ending>() = Ending::staged(scene, 60, 1);
        app.update();
        let now = music(&app);
        assert_eq!(now.movement, theme, "a new movement does not wait");
        assert_eq!(now.gain(stem), 1.0);
        assert_eq!(now.gain(Stem::GardenBed), 0.0, "the night bed gives way");
    }
    app.world_mut().resource_mut::<Ending>().finished = true;
    app.update();
    assert_eq!(music(&app).movement, Movement::Results, "the theme returns");
}

#[test]
fn the_music_dips_while_a_line_is_spoken_and_returns_after() {
    let mut app = scored_dream(Chapter::Garden);
    assert!(!music(&app).ducked);
    app.world_mut().resource_mut::<Subtitle>().current = Some(Spoken {
        speaker: "A friend".into(),
        line: "Be gentle with yourself.".into(),
        audio: "voices/friend-rain.ogg".into(),
    });
    app.update();
    assert!(music(&app).ducked, "the music dips at once under the voice");
    app.world_mut().resource_mut::<Subtitle>().current = None;
    app.update();
    assert!(!music(&app).ducked, "and returns when it ends");
}

#[test]
fn a_footstep_rings_the_chord_of_the_bar() {
    let mut app = scored_dream(Chapter::City);
    let score = app.world().resource::<Score>().clone();
    let city = &score.sections["city"];
    assert!(city.bars >= 4, "the city's progression has bars");
    let mut chords = Vec::new();
    for _ in 0..city.bars {
        let now = app.world().resource::<Time<Real>>().elapsed_secs_f64();
        let music = music(&app);
        let bar = score.bar_at("city", music.seconds_in(now));
        let chord = footstep_chord(&score, Some(&music), now);
        let harmony = city.harmony.iter().find(|b| b.bar == bar).unwrap();
        assert_eq!(chord, harmony.chord, "bar {bar}: the step rings its chord");
        chords.push(chord);
        to_the_next_bar(&mut app);
    }
    chords.dedup();
    assert!(
        chords.len() > 2,
        "walking through the bars walks through the harmony: {chords:?}"
    );
}

#[test]
fn every_beat_has_music_in_the_library() {
    let paths = begin_again::view::sound::sound_paths();
    let full = Listening {
        coldness: 0.5,
        voices: (2, 8),
        worries: (1, 5),
        memories: (3, 7),
    };
    let ending = |scene| Ending::staged(scene, 10, 1);
    use begin_again::core::flow::AppState;
    let beats = [
        (AppState::Title, None, Ending::default()),
        (AppState::Playing, Some(Chapter::City), Ending::default()),
        (AppState::Playing, Some(Chapter::Garden), Ending::default()),
        (
            AppState::Playing,
            Some(Chapter::Garden),
            ending(Scene::Heart),
        ),
        (
            AppState::Playing,
            Some(Chapter::Garden),
            ending(Scene::Moon),
        ),
        (
            AppState::Playing,
            Some(Chapter::Garden),
            ending(Scene::Dawn),
        ),
        (
            AppState::Playing,
            Some(Chapter::Garden),
            Ending {
                finished: true,
                ..Ending::default()
            },
        ),
    ];
    let mut movements = Vec::new();
    for (state, chapter, ending) in beats {
        let movement = movement_of(state, chapter, &ending);
        movements.push(movement);
        for listening in [Listening::default(), full] {
            let gains = stem_gains(movement, &listening);
            assert!(
                gains.iter().any(|(_, g)| *g > 0.1),
                "{movement:?} plays something for {listening:?}"
            );
        }
        let file = format!("audio/music/{}.ogg", movement.section());
        let stems = movement.stems();
        assert!(
            !stems.is_empty()
                && (paths.contains(&file) || paths.iter().any(|p| p.contains(movement.section()))),
            "{movement:?}'s stems are in the library"
        );
    }
    movements.dedup();
    assert_eq!(movements.len(), 7, "seven movements: {movements:?}");
}
