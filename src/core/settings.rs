//! The player's comfort settings: look sensitivity, invert Y, field of view, head bob,
//! reduced motion.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Multiplies mouse and right-stick turning.
    pub mouse_sensitivity: f32,
    pub invert_y: bool,
    /// Vertical field of view, degrees.
    pub field_of_view: f32,
    /// The gentle rise and fall of the view with each stride.
    pub head_bob: bool,
    /// No ripple, no camera sway, no screen effects.
    pub reduced_motion: bool,
    /// Subtitles and captions, with the speaker's name.
    pub subtitles: bool,
    /// Scales all game text.
    pub text_scale: f32,
    /// Volumes, 0 to 1; each part is also scaled by `master_volume`.
    pub master_volume: f32,
    pub music_volume: f32,
    pub voice_volume: f32,
    pub effects_volume: f32,
    /// The run timer on screen (toggled in play with T).
    pub show_timer: bool,
    /// The personal best's ghost walks beside a speedrun.
    pub ghost: bool,
    /// Drive LiveSplit Server over TCP during speedruns.
    pub livesplit_server: bool,
    pub livesplit_host: String,
    pub livesplit_port: u16,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            mouse_sensitivity: 1.0,
            invert_y: false,
            field_of_view: 70.0,
            head_bob: true,
            reduced_motion: false,
            subtitles: true,
            text_scale: 1.0,
            master_volume: 0.8,
            music_volume: 0.8,
            voice_volume: 1.0,
            effects_volume: 0.8,
            show_timer: true,
            ghost: true,
            livesplit_server: false,
            livesplit_host: "localhost".into(),
            livesplit_port: 16834,
        }
    }
}

impl Settings {
    /// Head bob shows only when asked for and motion is not reduced.
    pub fn bob_enabled(&self) -> bool {
        self.head_bob && !self.reduced_motion
    }
}

/// The settings resource, at its defaults until the settings file (or a test) says otherwise.
pub fn plugin(app: &mut App) {
    app.init_resource::<Settings>();
}
