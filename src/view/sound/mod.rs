//! Sound: the one room that speaks to bevy_kira_audio. `library` holds every sound (each path
//! written once) and the loading gate; `mixer` the volume each kind of sound answers to;
//! `hearing` the sounds heard from places in the world; `score` directs the music from the
//! dream's state (headless, no audio) and `music` plays it; `city` and `garden` what each
//! beat plays, listening to the logic's messages. With no audio device it stays silent and the
//! game plays on.

pub mod city;
pub mod garden;
pub mod hearing;
pub mod library;
pub mod mixer;
pub mod music;
pub mod score;

use bevy::prelude::*;
use bevy_kira_audio::prelude::*;

pub use city::DOOR_HEARING_RADIUS;
pub use garden::VOICE_HEARING_RADIUS;
pub use hearing::heard_decibels;
pub use library::sound_paths;
pub use mixer::{Cue, Loudness};

pub fn plugin(app: &mut App) {
    app.add_plugins((
        AudioPlugin,
        library::plugin,
        mixer::plugin,
        score::plugin,
        music::plugin,
        hearing::plugin,
        city::plugin,
        garden::plugin,
    ));
}
