//! The player's comfort settings: look sensitivity, invert Y, field of view, head bob,
//! reduced motion.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::controls::{Controls, InteractMode};

#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Multiplies mouse and right-stick turning.
    pub mouse_sensitivity: f32,
    pub invert_y: bool,
    /// Horizontal field of view in degrees, as on a 16:9 screen (a wider screen shows more at
    /// its sides, the height stays).
    pub horizontal_field_of_view: f32,
    /// An older build's vertical field of view: read, turned into the horizontal one when the
    /// settings are sanitized, never written.
    #[serde(
        rename = "field_of_view",
        skip_serializing,
        deserialize_with = "a_number"
    )]
    pub old_vertical_field_of_view: Option<f32>,
    /// The gentle rise and fall of the view with each stride.
    pub head_bob: bool,
    /// No ripple, no camera sway, no screen effects.
    pub reduced_motion: bool,
    /// Subtitles and captions, with the speaker's name.
    pub subtitles: bool,
    /// Scales all game text.
    pub text_scale: f32,
    /// How solid the panel behind subtitles is, 0 (none) to 1.
    pub subtitle_background: f32,
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
    /// Borderless fullscreen on the current monitor (F11 toggles it).
    pub fullscreen: bool,
    /// How much the renderer draws: beauty or frames (Auto chooses from the graphics card).
    pub quality: Quality,
    /// Which buttons do what.
    pub controls: Controls,
    /// Interact held with the button, or toggled by a press.
    pub interact: InteractMode,
}

/// A plain number where an `Option` is kept (the old files wrote `field_of_view: 70.0`).
fn a_number<'de, D: serde::Deserializer<'de>>(numbers: D) -> Result<Option<f32>, D::Error> {
    f32::deserialize(numbers).map(Some)
}

/// A render quality preset, as the player chooses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Quality {
    /// Low on a software renderer or an integrated GPU, High on a discrete one.
    #[default]
    Auto,
    Low,
    Medium,
    High,
}

impl Quality {
    pub const ALL: [Quality; 4] = [Quality::Auto, Quality::Low, Quality::Medium, Quality::High];

    /// As written on the command line (`--quality low`).
    pub fn argument(self) -> &'static str {
        match self {
            Quality::Auto => "auto",
            Quality::Low => "low",
            Quality::Medium => "medium",
            Quality::High => "high",
        }
    }

    /// The next preset, or the one before (`direction` −1), going round.
    pub fn stepped(self, direction: i32) -> Quality {
        let at = Quality::ALL.iter().position(|&q| q == self).unwrap_or(0) as i32;
        Quality::ALL[(at + direction).rem_euclid(Quality::ALL.len() as i32) as usize]
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            mouse_sensitivity: 1.0,
            invert_y: false,
            horizontal_field_of_view: 100.0,
            old_vertical_field_of_view: None,
            head_bob: true,
            reduced_motion: false,
            subtitles: true,
            text_scale: 1.0,
            subtitle_background: 0.75,
            master_volume: 0.8,
            music_volume: 0.8,
            voice_volume: 1.0,
            effects_volume: 0.8,
            show_timer: true,
            ghost: true,
            livesplit_server: false,
            livesplit_host: "localhost".into(),
            livesplit_port: 16834,
            fullscreen: false,
            quality: Quality::Auto,
            controls: Controls::default(),
            interact: InteractMode::Hold,
        }
    }
}

/// The range of each number a menu can give, and what stands for a number that is not one.
pub mod limits {
    pub const MOUSE_SENSITIVITY: (f32, f32) = (0.2, 3.0);
    /// Horizontal degrees (about 50 to 101 vertical on a 16:9 screen).
    pub const FIELD_OF_VIEW: (f32, f32) = (80.0, 130.0);
    pub const TEXT_SCALE: (f32, f32) = (0.75, 2.0);
    pub const VOLUME: (f32, f32) = (0.0, 1.0);
    /// A host name is at most 253 characters.
    pub const HOST_LENGTH: usize = 253;
}

impl Settings {
    /// The vertical field of view (degrees) the camera needs to show the horizontal one on a
    /// 16:9 screen.
    pub fn vertical_field_of_view(&self) -> f32 {
        let (min, max) = limits::FIELD_OF_VIEW;
        let horizontal = self.horizontal_field_of_view.clamp(min, max).to_radians();
        (2.0 * ops::atan(ops::tan(horizontal / 2.0) * 9.0 / 16.0)).to_degrees()
    }

    /// The horizontal field of view (degrees, on a 16:9 screen) of a `vertical` one.
    pub fn horizontal_of_vertical(vertical: f32) -> f32 {
        (2.0 * ops::atan(ops::tan(vertical.to_radians() / 2.0) * 16.0 / 9.0)).to_degrees()
    }

    /// Head bob shows only when asked for and motion is not reduced.
    pub fn bob_enabled(&self) -> bool {
        self.head_bob && !self.reduced_motion
    }

    /// These settings with every value one a menu could give: a number out of range is
    /// brought to its nearest end, one that is not a number (NaN, infinite) goes back to its
    /// default. Says what it changed, a line each, naming the setting.
    pub fn sanitized(mut self) -> (Self, Vec<String>) {
        let defaults = Settings::default();
        let mut notes = Vec::new();
        // An older build kept a vertical field of view; the player's view stays as it was.
        if let Some(vertical) = self.old_vertical_field_of_view.take()
            && vertical.is_finite()
            && self.horizontal_field_of_view == defaults.horizontal_field_of_view
        {
            self.horizontal_field_of_view =
                Settings::horizontal_of_vertical(vertical.clamp(50.0, 110.0)).round();
        }
        let mut number = |name: &str, value: &mut f32, (min, max): (f32, f32), default: f32| {
            if !value.is_finite() {
                notes.push(format!("{name} {value} is not a number; using {default}"));
                *value = default;
            } else if *value < min || *value > max {
                let clamped = value.clamp(min, max);
                notes.push(format!(
                    "{name} {value} is outside {min} to {max}; using {clamped}"
                ));
                *value = clamped;
            }
        };
        number(
            "mouse_sensitivity",
            &mut self.mouse_sensitivity,
            limits::MOUSE_SENSITIVITY,
            defaults.mouse_sensitivity,
        );
        number(
            "horizontal_field_of_view",
            &mut self.horizontal_field_of_view,
            limits::FIELD_OF_VIEW,
            defaults.horizontal_field_of_view,
        );
        number(
            "text_scale",
            &mut self.text_scale,
            limits::TEXT_SCALE,
            defaults.text_scale,
        );
        for (name, value, default) in [
            (
                "master_volume",
                &mut self.master_volume,
                defaults.master_volume,
            ),
            (
                "music_volume",
                &mut self.music_volume,
                defaults.music_volume,
            ),
            (
                "voice_volume",
                &mut self.voice_volume,
                defaults.voice_volume,
            ),
            (
                "effects_volume",
                &mut self.effects_volume,
                defaults.effects_volume,
            ),
            (
                "subtitle_background",
                &mut self.subtitle_background,
                defaults.subtitle_background,
            ),
        ] {
            number(name, value, limits::VOLUME, default);
        }
        let host = self.livesplit_host.trim();
        if host.is_empty() || host.len() > limits::HOST_LENGTH || host.chars().any(char::is_control)
        {
            notes.push(format!(
                "livesplit_host \"{}\" is not a host name; using \"{}\"",
                self.livesplit_host.escape_debug(),
                defaults.livesplit_host
            ));
            self.livesplit_host = defaults.livesplit_host.clone();
        }
        if self.livesplit_port == 0 {
            notes.push(format!(
                "livesplit_port 0 is not a port; using {}",
                defaults.livesplit_port
            ));
            self.livesplit_port = defaults.livesplit_port;
        }
        (self, notes)
    }
}

/// The settings resource, at its defaults until the settings file (or a test) says otherwise.
pub fn plugin(app: &mut App) {
    app.init_resource::<Settings>();
}
