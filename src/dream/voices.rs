//! Voices rising out of the petals: walking near a voice flower opens it and its voice speaks
//! (once per approach; Interact beside it plays it again), and the subtitle names the speaker.

use bevy::prelude::*;

use super::walking::Dreamer;
use crate::core::flow::{AppState, Chapter, DreamSystems};
use crate::core::input::InteractEdge;
use crate::core::ticks::TICK_SECONDS;
use crate::level::{Levels, Spoken};

/// Closer than this (metres), a voice flower opens and speaks.
pub(crate) const VOICE_OPEN_RADIUS: f32 = 4.5;
/// Further than this, it closes again and may speak on the next approach.
pub(crate) const VOICE_CLOSE_RADIUS: f32 = 8.0;

/// A voice flower in the garden.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct VoiceFlower {
    pub id: String,
    pub position: Vec2,
    pub spoken: Spoken,
    /// Open (the dreamer is near and it has spoken).
    pub open: bool,
}

/// A voice began to speak.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct VoiceTriggered {
    /// The voice flower's id, or `None` for a voice that is not a flower (the trees).
    pub flower: Option<String>,
    pub spoken: Spoken,
    /// Where it speaks from, for spatial sound.
    pub position: Vec2,
    /// The line stays on screen for the rest of the dream (the closing words).
    pub lingers: bool,
}

/// What is being said now, for the subtitles.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Subtitle {
    pub current: Option<Spoken>,
    /// The voice flower whose words these are, when a flower is speaking.
    pub flower: Option<String>,
    /// Ticks left on screen.
    pub ticks_left: u32,
}

/// The voice flowers heard in this dream.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct VoicesHeard(pub Vec<String>);

/// How long a line stays on screen: time to be heard at a gentle pace, and a breath after.
pub fn subtitle_ticks(line: &str) -> u32 {
    let words = line.split_whitespace().count() as f32;
    ((1.5 + words * 0.42) / TICK_SECONDS).round() as u32
}

pub fn plugin(app: &mut App) {
    app.add_message::<VoiceTriggered>()
        .init_resource::<Subtitle>()
        .init_resource::<VoicesHeard>()
        .add_systems(OnEnter(AppState::Playing), forget_voices)
        .add_systems(OnEnter(Chapter::Garden), plant_voice_flowers)
        .add_systems(
            FixedUpdate,
            (
                listen_to_flowers.in_set(DreamSystems::Voices),
                show_subtitles.in_set(DreamSystems::Subtitles),
            ),
        );
}

fn forget_voices(mut heard: ResMut<VoicesHeard>, mut subtitle: ResMut<Subtitle>) {
    heard.0.clear();
    *subtitle = Subtitle::default();
}

fn plant_voice_flowers(mut commands: Commands, levels: Res<Levels>) {
    for voice in &levels.garden.voices {
        commands.spawn((
            Name::new(format!("Voice flower {}", voice.id)),
            VoiceFlower {
                id: voice.id.clone(),
                position: voice.at.vec(),
                spoken: voice.spoken(),
                open: false,
            },
            DespawnOnExit(Chapter::Garden),
            DespawnOnExit(AppState::Playing),
        ));
    }
}

fn listen_to_flowers(
    dreamers: Query<&Dreamer>,
    edge: Res<InteractEdge>,
    mut flowers: Query<&mut VoiceFlower>,
    mut heard: ResMut<VoicesHeard>,
    mut triggered: MessageWriter<VoiceTriggered>,
) {
    let Ok(dreamer) = dreamers.single() else {
        return;
    };
    // The nearest flower within reach is the one that speaks.
    let mut nearest: Option<(f32, Mut<VoiceFlower>)> = None;
    for mut flower in &mut flowers {
        let distance = flower.position.distance(dreamer.position);
        if distance > VOICE_CLOSE_RADIUS && flower.open {
            flower.open = false;
        }
        if distance <= VOICE_OPEN_RADIUS && nearest.as_ref().is_none_or(|(d, _)| distance < *d) {
            nearest = Some((distance, flower));
        }
    }
    let Some((_, mut flower)) = nearest else {
        return;
    };
    if !flower.open || edge.pressed_now {
        flower.open = true;
        if !heard.0.contains(&flower.id) {
            heard.0.push(flower.id.clone());
        }
        triggered.write(VoiceTriggered {
            flower: Some(flower.id.clone()),
            spoken: flower.spoken.clone(),
            position: flower.position,
            lingers: false,
        });
    }
}

/// The subtitle shows the latest voice for as long as it takes to say.
fn show_subtitles(mut voices: MessageReader<VoiceTriggered>, mut subtitle: ResMut<Subtitle>) {
    if let Some(voice) = voices.read().last() {
        subtitle.ticks_left = if voice.lingers {
            u32::MAX
        } else {
            subtitle_ticks(&voice.spoken.line)
        };
        subtitle.current = Some(voice.spoken.clone());
        subtitle.flower.clone_from(&voice.flower);
    } else if subtitle.ticks_left > 0 && subtitle.ticks_left != u32::MAX {
        subtitle.ticks_left -= 1;
        if subtitle.ticks_left == 0 {
            subtitle.current = None;
            subtitle.flower = None;
        }
    }
}
