//! The mixer: which volume setting each sound answers to (`Loudness`), every kind of sound the
//! game plays (`Cue`), and the sounds playing now that are not heard from a place (`Mix`), so
//! a changed volume reaches every one of them at once.

use bevy::prelude::*;
use bevy_kira_audio::prelude::*;

use crate::core::settings::Settings;

pub fn plugin(app: &mut App) {
    app.init_resource::<Mix>()
        .add_systems(Update, follow_the_volumes);
}

/// Amplitude (0..1) to decibels, with silence at −60 dB.
fn decibels(amplitude: f32) -> f32 {
    if amplitude <= 0.001 {
        -60.0
    } else {
        (20.0 * amplitude.log10()).max(-60.0)
    }
}

/// Which volume setting a sound answers to (each also scaled by the master volume).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loudness {
    Music,
    Voice,
    Effects,
}

impl Loudness {
    fn amplitude(self, settings: &Settings) -> f32 {
        settings.master_volume
            * match self {
                Loudness::Music => settings.music_volume,
                Loudness::Voice => settings.voice_volume,
                Loudness::Effects => settings.effects_volume,
            }
    }
}

/// Every kind of sound the game plays. Each is played, and kept while it plays, at
/// `Cue::decibels`, so every volume setting reaches every sound, at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    WarmChord,
    FalteringChord,
    /// The score's stems.
    Score,
    /// A voice flower's hummed note.
    FlowerHum,
    DoorHum,
    PortalSwell,
    Voice,
    Chime,
    Droplets,
    Water,
    TreeMurmur,
    Shawl,
}

impl Cue {
    pub const ALL: [Cue; 12] = [
        Cue::WarmChord,
        Cue::FalteringChord,
        Cue::Score,
        Cue::FlowerHum,
        Cue::DoorHum,
        Cue::PortalSwell,
        Cue::Voice,
        Cue::Chime,
        Cue::Droplets,
        Cue::Water,
        Cue::TreeMurmur,
        Cue::Shawl,
    ];

    pub fn loudness(self) -> Loudness {
        match self {
            Cue::WarmChord | Cue::FalteringChord | Cue::Score | Cue::FlowerHum => Loudness::Music,
            Cue::Voice => Loudness::Voice,
            Cue::DoorHum
            | Cue::PortalSwell
            | Cue::Chime
            | Cue::Droplets
            | Cue::Water
            | Cue::TreeMurmur
            | Cue::Shawl => Loudness::Effects,
        }
    }

    /// How loud (decibels, −60 silent) an instance of this cue plays at `gain`, its own level
    /// in the mix (0..1), under these settings.
    pub fn decibels(self, settings: &Settings, gain: f32) -> f32 {
        decibels(self.loudness().amplitude(settings) * gain)
    }
}

/// Sounds playing now that are not heard from a place, with their cue and gain, so a changed
/// volume reaches them while they play.
#[derive(Resource, Default)]
pub(crate) struct Mix {
    playing: Vec<(Handle<AudioInstance>, Cue, f32)>,
}

impl Mix {
    /// Plays `sound` as `cue` at `gain` and keeps it in the mix.
    pub(crate) fn play(
        &mut self,
        audio: &Audio,
        settings: &Settings,
        sound: Handle<AudioSource>,
        cue: Cue,
        gain: f32,
        rate: f64,
    ) {
        let instance = audio
            .play(sound)
            .with_volume(cue.decibels(settings, gain))
            .with_playback_rate(rate)
            .handle();
        self.playing.push((instance, cue, gain));
    }
}

/// A changed volume reaches every sound still playing; finished ones leave the mix.
fn follow_the_volumes(
    settings: Res<Settings>,
    mut mix: ResMut<Mix>,
    mut instances: ResMut<Assets<AudioInstance>>,
) {
    mix.playing.retain(|(handle, _, _)| {
        instances
            .get(handle)
            .is_none_or(|i| !matches!(i.state(), PlaybackState::Stopped))
    });
    if !settings.is_changed() {
        return;
    }
    for (handle, cue, gain) in &mix.playing {
        if let Some(mut instance) = instances.get_mut(handle) {
            instance.set_decibels(cue.decibels(&settings, *gain), AudioTween::default());
        }
    }
}
