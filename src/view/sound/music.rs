//! The score played: every stem of the movement the director chose starts together, looped,
//! and follows the director's gains (changed at bar lines, a bar's half to glide), dipping
//! under a spoken line and returning after it; a new movement fades the last one out as it
//! fades in. The Music volume reaches all of it.

use std::time::Duration;

use bevy::prelude::*;
use bevy_kira_audio::prelude::*;

use crate::core::settings::Settings;
use crate::view::sound::garden::Speaking;
use crate::view::sound::library::Sounds;
use crate::view::sound::mixer::Cue;
use crate::view::sound::score::{DUCKED, Directing, Movement, Music, Score, Stem};

/// The stems playing now, and the movement they belong to.
#[derive(Resource, Default)]
struct Playing {
    movement: Option<Movement>,
    stems: Vec<(Stem, Handle<AudioInstance>)>,
    gains: Vec<(Stem, f32)>,
    ducked: bool,
}

/// A new movement fades in over this; the last fades out over it too.
const CROSSFADE: Duration = Duration::from_millis(2500);
/// A spoken line's dip, and the return after it.
const DUCK_GLIDE: Duration = Duration::from_millis(500);

pub fn plugin(app: &mut App) {
    app.init_resource::<Playing>()
        .add_systems(PostUpdate, play_the_score.after(Directing));
}

impl Sounds {
    /// The recording of `stem`.
    fn stem(&self, stem: Stem) -> Handle<AudioSource> {
        match stem {
            Stem::Title => self.title.clone(),
            Stem::CityWarm => self.city_warm.clone(),
            Stem::CityFalter => self.city_falter.clone(),
            Stem::GardenBed => self.garden_bed.clone(),
            Stem::GardenVoices => self.garden_voices.clone(),
            Stem::GardenWorries => self.garden_worries.clone(),
            Stem::GardenMemories => self.garden_memories.clone(),
            Stem::Heart => self.heart.clone(),
            Stem::Moon => self.moon.clone(),
            Stem::Dawn => self.dawn.clone(),
            Stem::Results => self.results.clone(),
        }
    }
}

/// The score's level in the mix: its stems are rendered near −22 LUFS with room above their
/// peaks, and at the default volumes this brings each beat near −20 LUFS (SOUND.md).
const SCORE_LEVEL: f32 = 1.8;

/// How loud (decibels) a stem at `gain` plays under these settings, dipped or not.
fn stem_decibels(settings: &Settings, gain: f32, ducked: bool) -> f32 {
    let duck = if ducked { DUCKED } else { 1.0 };
    Cue::Score.decibels(settings, SCORE_LEVEL * gain * duck)
}

#[expect(
    clippy::too_many_arguments,
    reason = "the score plays from the director's decision, the stems, the bar and the mix"
)]
fn play_the_score(
    music: Option<Res<Music>>,
    sounds: Option<Res<Sounds>>,
    score: Res<Score>,
    settings: Res<Settings>,
    audio: Res<Audio>,
    speaking: Res<Speaking>,
    mut playing: ResMut<Playing>,
    mut instances: ResMut<Assets<AudioInstance>>,
) {
    let (Some(music), Some(sounds)) = (music, sounds) else {
        return;
    };
    // The director dips the music while a line is on screen; it dips only while the voice
    // saying it is really heard (a line shown with no voice, as a staged moment's, does not).
    let voice_heard = speaking
        .0
        .as_ref()
        .and_then(|h| instances.get(h))
        .is_some_and(|i| matches!(i.state(), PlaybackState::Playing { .. }));
    let ducked = music.ducked && voice_heard;
    if playing.movement != Some(music.movement) {
        for (_, handle) in playing.stems.drain(..) {
            if let Some(mut instance) = instances.get_mut(&handle) {
                instance.stop(AudioTween::linear(CROSSFADE));
            }
        }
        // Every stem of the movement starts in the same frame, so they stay in step.
        for &(stem, gain) in &music.gains {
            let mut command = audio.play(sounds.stem(stem));
            if music.movement.loops() {
                command.looped();
            }
            let handle = command
                .with_volume(stem_decibels(&settings, gain, ducked))
                .fade_in(AudioTween::linear(CROSSFADE))
                .handle();
            playing.stems.push((stem, handle));
        }
        playing.movement = Some(music.movement);
        playing.gains = music.gains.clone();
        playing.ducked = ducked;
        return;
    }
    let new_gains = playing.gains != music.gains;
    if !new_gains && playing.ducked == ducked && !settings.is_changed() {
        return;
    }
    // A layer added or taken away glides over half a bar from the bar line; a dip is quick.
    let glide = if new_gains {
        AudioTween::linear(Duration::from_secs_f64(score.seconds_per_bar / 2.0))
    } else {
        AudioTween::linear(DUCK_GLIDE)
    };
    for (stem, handle) in &playing.stems {
        if let Some(mut instance) = instances.get_mut(handle) {
            let decibels = stem_decibels(&settings, music.gain(*stem), ducked);
            instance.set_decibels(decibels, glide.clone());
        }
    }
    playing.gains = music.gains.clone();
    playing.ducked = ducked;
}
