//! The city's sounds: each footstep rings the chord of the score's current bar on the score's
//! own instruments (warm at dusk, faltering as the chill comes), the door's hum heard from far
//! down the avenues, and the swell of stepping through. The city's music is the score's
//! (`score.rs`, `music.rs`).

use std::time::Duration;

use bevy::prelude::*;
use bevy_kira_audio::prelude::*;

use crate::core::flow::{AppState, Chapter};
use crate::core::settings::Settings;
use crate::dream::darkening::Footstep;
use crate::dream::portal::{Door, PortalEntered};
use crate::speedrun::practice::hurrying;
use crate::view::sound::hearing::HeardFrom;
use crate::view::sound::library::Sounds;
use crate::view::sound::mixer::{Cue, Mix};
use crate::view::sound::score::{Movement, Music, Score};

pub fn plugin(app: &mut App) {
    app.init_resource::<DoorHum>()
        .add_observer(hum_at_the_door)
        .add_systems(OnExit(Chapter::City), hush_the_door)
        .add_systems(OnExit(AppState::Playing), hush_the_door)
        .add_systems(
            Update,
            (
                ring_chords.run_if(on_message::<Footstep>),
                swell_through_portal
                    .run_if(on_message::<PortalEntered>)
                    .run_if(not(hurrying)),
            ),
        );
}

/// How far away (metres) the door can still be heard.
pub const DOOR_HEARING_RADIUS: f32 = 240.0;

/// The door's hum, so it can be hushed as the dreamer leaves the city.
#[derive(Resource, Default)]
struct DoorHum(Option<Handle<AudioInstance>>);

/// The chord a footstep rings: the one the score sounds in this bar of the city, so walking
/// plays with the music (the first chord before the score has begun).
pub fn footstep_chord(score: &Score, music: Option<&Music>, now: f64) -> u32 {
    let bar = music
        .filter(|m| m.movement == Movement::City)
        .map_or(0, |m| score.bar_at("city", m.seconds_in(now)));
    score.step_for_bar(bar).unwrap_or(bar)
}

/// Each step rings the chord of the bar: warm and bell-like at dusk, detuned and thinning as
/// the chill closes in.
#[expect(
    clippy::too_many_arguments,
    reason = "a step rings with the score: its bar, its chords and the mix"
)]
fn ring_chords(
    mut steps: MessageReader<Footstep>,
    sounds: Res<Sounds>,
    score: Res<Score>,
    music: Option<Res<Music>>,
    time: Res<Time<Real>>,
    settings: Res<Settings>,
    audio: Res<Audio>,
    mut mix: ResMut<Mix>,
) {
    let music_volume = settings.master_volume * settings.music_volume;
    // One chord a frame: the steps of a slow frame's catch-up ticks would otherwise ring at
    // once (and fill the mixer); with the music off, none.
    let Some(step) = steps.read().last() else {
        return;
    };
    if music_volume <= 0.001 || step.chapter != Chapter::City {
        return;
    }
    let chord = footstep_chord(&score, music.as_deref(), time.elapsed_secs_f64());
    let index = chord as usize % sounds.steps.len().max(1);
    let coldness = ((1.0 - step.warmth) / 0.8).clamp(0.0, 1.0);
    // The faltering chords stumble: a little early or late, flat or sharp, more as it grows
    // colder.
    let wobble = ((step.chord as f32 * 2.399).sin()) * 0.025 * coldness;
    mix.play(
        &audio,
        &settings,
        sounds.steps[index].clone(),
        Cue::WarmChord,
        0.7 * (1.0 - coldness),
        1.0 + f64::from(wobble) * 0.5,
    );
    if coldness > 0.05 {
        mix.play(
            &audio,
            &settings,
            sounds.faltering_steps[index].clone(),
            Cue::FalteringChord,
            0.7 * coldness,
            1.0 + f64::from(wobble),
        );
    }
}

fn hush_the_door(mut hum: ResMut<DoorHum>, mut instances: ResMut<Assets<AudioInstance>>) {
    if let Some(mut instance) = hum.0.take().and_then(|h| instances.get_mut(&h)) {
        instance.stop(AudioTween::linear(Duration::from_millis(1500)));
    }
}

/// The door hums where it stands, in the score's key, so a player can find it by ear.
fn hum_at_the_door(
    added: On<Add, Door>,
    doors: Query<&Door>,
    mut commands: Commands,
    sounds: Res<Sounds>,
    settings: Res<Settings>,
    audio: Res<Audio>,
    mut door_hum: ResMut<DoorHum>,
) {
    let Ok(door) = doors.get(added.entity) else {
        return;
    };
    let hum = audio
        .play(sounds.door_hum.clone())
        .looped()
        .with_volume(Cue::DoorHum.decibels(&settings, 1.0))
        .linear_fade_in(Duration::from_secs(2))
        .handle();
    door_hum.0 = Some(hum.clone());
    let at = Vec3::new(door.position.x, 1.5, door.position.y);
    commands.entity(added.entity).insert(HeardFrom {
        instances: vec![hum],
        at,
        radius: DOOR_HEARING_RADIUS,
        cue: Cue::DoorHum,
    });
}

fn swell_through_portal(
    sounds: Res<Sounds>,
    settings: Res<Settings>,
    audio: Res<Audio>,
    mut mix: ResMut<Mix>,
) {
    let swell = sounds.portal_swell.clone();
    mix.play(&audio, &settings, swell, Cue::PortalSwell, 1.0, 1.0);
}
