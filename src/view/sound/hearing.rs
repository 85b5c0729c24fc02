//! Hearing from places: a sound that stands somewhere in the world (the door's hum, a voice,
//! a tree's murmur) is quieter with distance and panned toward where it is, always at its
//! volume setting, and hushed when its place is gone.

use std::time::Duration;

use bevy::prelude::*;
use bevy_kira_audio::prelude::*;

use crate::core::settings::Settings;
use crate::view::sound::mixer::Cue;
use crate::view::world::camera::DreamCamera;

pub fn plugin(app: &mut App) {
    app.add_observer(hush_what_is_gone).add_systems(
        PostUpdate,
        hear_from_places.after(TransformSystems::Propagate),
    );
}

/// A sound heard from a place in the world: quieter with distance, panned toward where it is,
/// and always at its volume setting. (bevy_kira_audio's own spatial plugin sets each sound's
/// volume from distance alone every frame, so the Voice, Effects and Master sliders never
/// reached the voices or the door's hum.)
#[derive(Component, Debug, Clone)]
pub(crate) struct HeardFrom {
    pub instances: Vec<Handle<AudioInstance>>,
    pub at: Vec3,
    /// Beyond this (metres) it is silent.
    pub radius: f32,
    pub cue: Cue,
}

impl HeardFrom {
    /// `sound` looping at `rate` where it stands (`at`, heard within `radius`), silent until
    /// `hear_from_places` sets it from where the dreamer stands, fading in over `fade`: a
    /// tree's murmur, a flower's hum, the river's water.
    pub(crate) fn looping(
        audio: &Audio,
        sound: Handle<AudioSource>,
        rate: f64,
        fade: Duration,
        at: Vec3,
        radius: f32,
        cue: Cue,
    ) -> Self {
        let instance = audio
            .play(sound)
            .looped()
            .with_volume(-60.0)
            .with_playback_rate(rate)
            .linear_fade_in(fade)
            .handle();
        Self {
            instances: vec![instance],
            at,
            radius,
            cue,
        }
    }
}

/// How loud (decibels, −60 silent) a `cue` is heard from `distance` metres when it carries
/// `radius`: its volume setting, then falling away linearly in decibels.
pub fn heard_decibels(settings: &Settings, cue: Cue, distance: f32, radius: f32) -> f32 {
    let falloff = -60.0 * (distance / radius.max(0.01)).clamp(0.0, 1.0);
    (cue.decibels(settings, 1.0) + falloff).max(-60.0)
}

/// −1 (left) to 1 (right): where `at` is for a listener standing at `ear`.
pub(crate) fn heard_panning(ear: &GlobalTransform, at: Vec3) -> f32 {
    let path = at - ear.translation();
    if path.length_squared() < 1e-6 {
        return 0.0;
    }
    ear.right().angle_between(path).cos()
}

fn hear_from_places(
    settings: Res<Settings>,
    ears: Query<&GlobalTransform, With<DreamCamera>>,
    mut emitters: Query<&mut HeardFrom>,
    mut instances: ResMut<Assets<AudioInstance>>,
) {
    let Ok(ear) = ears.single() else {
        return;
    };
    for mut emitter in &mut emitters {
        // A sound asked for before its file has loaded has no instance yet: keep it.
        emitter.instances.retain(|handle| {
            instances
                .get(handle)
                .is_none_or(|i| !matches!(i.state(), PlaybackState::Stopped))
        });
        let distance = ear.translation().distance(emitter.at);
        let volume = heard_decibels(&settings, emitter.cue, distance, emitter.radius);
        let panning = heard_panning(ear, emitter.at);
        for handle in &emitter.instances {
            if let Some(mut instance) = instances.get_mut(handle) {
                instance.set_decibels(volume, AudioTween::default());
                instance.set_panning(panning, AudioTween::default());
            }
        }
    }
}

/// A sound heard from a place stops, softly, when the place is gone (a tree at the dream's end).
fn hush_what_is_gone(
    removed: On<Remove, HeardFrom>,
    emitters: Query<&HeardFrom>,
    mut instances: ResMut<Assets<AudioInstance>>,
) {
    let Ok(emitter) = emitters.get(removed.entity) else {
        return;
    };
    for handle in &emitter.instances {
        if let Some(mut instance) = instances.get_mut(handle) {
            instance.stop(AudioTween::linear(Duration::from_millis(800)));
        }
    }
}
