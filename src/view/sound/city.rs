//! The city's sounds: each footstep rings a chord (warm at dusk, faltering as the chill comes),
//! the ambience that muffles as warmth drains, the door's hum heard from far down the
//! avenues, and the swell of stepping through.

use std::time::Duration;

use bevy::prelude::*;
use bevy_kira_audio::prelude::*;

use crate::core::flow::{AppState, Chapter};
use crate::core::settings::Settings;
use crate::dream::darkening::{Footstep, Warmth};
use crate::dream::portal::{Door, PortalEntered};
use crate::speedrun::practice::hurrying;
use crate::view::sound::hearing::HeardFrom;
use crate::view::sound::library::Sounds;
use crate::view::sound::mixer::{Cue, Mix};

pub fn plugin(app: &mut App) {
    app.init_resource::<CityAmbience>()
        .add_observer(hum_at_the_door)
        .add_systems(OnEnter(Chapter::City), start_city_ambience)
        .add_systems(OnExit(Chapter::City), stop_city_ambience)
        .add_systems(OnExit(AppState::Playing), stop_city_ambience)
        .add_systems(
            Update,
            (
                ring_chords.run_if(on_message::<Footstep>),
                blend_city_ambience.run_if(in_state(Chapter::City)),
                swell_through_portal
                    .run_if(on_message::<PortalEntered>)
                    .run_if(not(hurrying)),
            ),
        );
}

/// How far away (metres) the door can still be heard.
pub const DOOR_HEARING_RADIUS: f32 = 240.0;

/// The city's two ambience loops, blended by warmth, and the door's hum.
#[derive(Resource, Default)]
struct CityAmbience {
    warm: Option<Handle<AudioInstance>>,
    muffled: Option<Handle<AudioInstance>>,
    hum: Option<Handle<AudioInstance>>,
}

/// Each step rings the next chord: warm and bell-like at dusk, detuned and thinning as the
/// chill closes in.
fn ring_chords(
    mut steps: MessageReader<Footstep>,
    sounds: Res<Sounds>,
    settings: Res<Settings>,
    audio: Res<Audio>,
    mut mix: ResMut<Mix>,
) {
    let music = settings.master_volume * settings.music_volume;
    // One chord a frame: the steps of a slow frame's catch-up ticks would otherwise ring at
    // once (and fill the mixer); with the music off, none.
    let Some(step) = steps.read().last() else {
        return;
    };
    if music <= 0.001 || step.chapter != Chapter::City {
        return;
    }
    let index = step.chord as usize % sounds.chords.len();
    let coldness = ((1.0 - step.warmth) / 0.8).clamp(0.0, 1.0);
    // Detune wanders with the step, flat and sharp, more as it grows colder.
    let wobble = ((step.chord as f32 * 2.399).sin()) * 0.025 * coldness;
    mix.play(
        &audio,
        &settings,
        sounds.chords[index].clone(),
        Cue::WarmChord,
        0.7 * (1.0 - coldness),
        1.0 + f64::from(wobble) * 0.5,
    );
    if coldness > 0.05 {
        mix.play(
            &audio,
            &settings,
            sounds.faltering[index].clone(),
            Cue::FalteringChord,
            0.7 * coldness,
            1.0 + f64::from(wobble),
        );
    }
}

fn start_city_ambience(
    sounds: Res<Sounds>,
    settings: Res<Settings>,
    audio: Res<Audio>,
    mut ambience: ResMut<CityAmbience>,
) {
    ambience.warm = Some(
        audio
            .play(sounds.ambience_warm.clone())
            .looped()
            .with_volume(Cue::CityAmbience.decibels(&settings, AMBIENCE_GAIN))
            .linear_fade_in(Duration::from_secs(3))
            .handle(),
    );
    ambience.muffled = Some(
        audio
            .play(sounds.ambience_muffled.clone())
            .looped()
            .with_volume(-60.0)
            .handle(),
    );
}

/// The city's ambience sits under the chords.
const AMBIENCE_GAIN: f32 = 0.6;

/// The ambience muffles as warmth drains: the bright pad gives way to its hushed twin.
fn blend_city_ambience(
    warmth: Res<Warmth>,
    settings: Res<Settings>,
    ambience: Res<CityAmbience>,
    mut instances: ResMut<Assets<AudioInstance>>,
) {
    if !warmth.is_changed() && !settings.is_changed() {
        return;
    }
    let coldness = warmth.coldness();
    let volume = |gain: f32| Cue::CityAmbience.decibels(&settings, AMBIENCE_GAIN * gain);
    let tween = AudioTween::linear(Duration::from_millis(400));
    if let Some(mut instance) = ambience.warm.as_ref().and_then(|h| instances.get_mut(h)) {
        instance.set_decibels(volume(1.0 - coldness), tween.clone());
    }
    if let Some(mut instance) = ambience.muffled.as_ref().and_then(|h| instances.get_mut(h)) {
        instance.set_decibels(volume(0.3 + 0.5 * coldness), tween);
    }
}

fn stop_city_ambience(
    mut ambience: ResMut<CityAmbience>,
    mut instances: ResMut<Assets<AudioInstance>>,
) {
    let playing = [
        ambience.warm.take(),
        ambience.muffled.take(),
        ambience.hum.take(),
    ];
    for handle in playing.into_iter().flatten() {
        if let Some(mut instance) = instances.get_mut(&handle) {
            instance.stop(AudioTween::linear(Duration::from_millis(1500)));
        }
    }
}

/// The door hums where it stands, so a player can find it by ear.
fn hum_at_the_door(
    added: On<Add, Door>,
    doors: Query<&Door>,
    mut commands: Commands,
    sounds: Res<Sounds>,
    settings: Res<Settings>,
    audio: Res<Audio>,
    mut ambience: ResMut<CityAmbience>,
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
    ambience.hum = Some(hum.clone());
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
