//! The garden's sounds: voices rising out of the petals where their flowers stand, each grown
//! tree's murmur, the river's droplets, the memories' glass chimes and the heart's chord of
//! them all, the shawl's rustle, and the sunrise.

use std::time::Duration;

use bevy::prelude::*;
use bevy_kira_audio::prelude::*;

use crate::core::flow::Chapter;
use crate::core::settings::Settings;
use crate::dream::ending::{Awoke, ShawlReceived};
use crate::dream::lotus::WorryTree;
use crate::dream::river::{FragmentCollected, HeartAssembled, ReachedIn};
use crate::dream::voices::VoiceTriggered;
use crate::view::sound::hearing::HeardFrom;
use crate::view::sound::library::{Sounds, VoiceLines};
use crate::view::sound::mixer::{Cue, Mix};

pub fn plugin(app: &mut App) {
    app.init_resource::<Speaking>()
        .add_observer(murmur_in_the_tree)
        .add_systems(
            Update,
            (
                speak.run_if(on_message::<VoiceTriggered>),
                chime.run_if(on_message::<FragmentCollected>),
                ring_every_chime.run_if(on_message::<HeartAssembled>),
                splash.run_if(on_message::<ReachedIn>),
                sunrise.run_if(on_message::<Awoke>),
                rustle_of_silk.run_if(on_message::<ShawlReceived>),
            ),
        );
}

/// How far (metres) a tree's murmur carries.
pub const TREE_HEARING_RADIUS: f32 = 10.0;

/// Each grown tree murmurs where it stands, at its own pitch, heard only near it.
fn murmur_in_the_tree(
    added: On<Add, WorryTree>,
    trees: Query<&WorryTree>,
    mut commands: Commands,
    sounds: Res<Sounds>,
    audio: Res<Audio>,
) {
    let Ok(tree) = trees.get(added.entity) else {
        return;
    };
    let murmur = audio
        .play(sounds.tree_murmur.clone())
        .looped()
        // Silent until `hear_from_places` sets it from where the dreamer stands.
        .with_volume(-60.0)
        .with_playback_rate(0.82 + 0.09 * (tree.index % 5) as f64)
        .linear_fade_in(Duration::from_secs(4))
        .handle();
    commands.entity(added.entity).insert(HeardFrom {
        instances: vec![murmur],
        at: Vec3::new(tree.position.x, 1.5, tree.position.y),
        radius: TREE_HEARING_RADIUS,
        cue: Cue::TreeMurmur,
    });
}

/// How far (metres) a voice carries from its flower.
pub const VOICE_HEARING_RADIUS: f32 = 30.0;

/// The voice speaking now, so a new one gently ends it.
#[derive(Resource, Default)]
struct Speaking(Option<Handle<AudioInstance>>);

/// A voice rises out of the petals where its flower stands; a new voice gently ends the last.
fn speak(
    mut commands: Commands,
    mut triggered: MessageReader<VoiceTriggered>,
    settings: Res<Settings>,
    audio: Res<Audio>,
    lines: Res<VoiceLines>,
    mut speaking: ResMut<Speaking>,
    mut instances: ResMut<Assets<AudioInstance>>,
) {
    let Some(voice) = triggered.read().last() else {
        return;
    };
    if let Some(mut previous) = speaking.0.take().and_then(|h| instances.get_mut(&h)) {
        previous.stop(AudioTween::linear(Duration::from_millis(600)));
    }
    let Some(sound) = lines.0.get(&voice.spoken.audio).cloned() else {
        warn!("no sound loaded for the voice {}", voice.spoken.audio);
        return;
    };
    let instance = audio
        .play(sound)
        .with_volume(Cue::Voice.decibels(&settings, 1.0))
        .handle();
    speaking.0 = Some(instance.clone());
    commands.spawn((
        Name::new(format!("Voice of {}", voice.spoken.speaker)),
        HeardFrom {
            instances: vec![instance],
            at: Vec3::new(voice.position.x, 1.0, voice.position.y),
            radius: VOICE_HEARING_RADIUS,
            cue: Cue::Voice,
        },
        DespawnOnExit(Chapter::Garden),
    ));
}

/// Each gathered fragment rings its own glass chime; together they climb a scale.
fn chime(
    mut gathered: MessageReader<FragmentCollected>,
    sounds: Res<Sounds>,
    settings: Res<Settings>,
    audio: Res<Audio>,
    mut mix: ResMut<Mix>,
) {
    for fragment in gathered.read() {
        let chime = sounds.chimes[fragment.index as usize % sounds.chimes.len()].clone();
        mix.play(&audio, &settings, chime, Cue::Chime, 1.0, 1.0);
    }
}

/// Each chime's share of the heart's chord: seven chimes peak near 0.57 each and start
/// together, so at 0.45 their sum clipped; at this they peak under 0.9.
const CHORD_GAIN: f32 = 0.22;

/// The heart comes together: every chime the fragments rang rings again at once, a chord of
/// glass.
fn ring_every_chime(
    sounds: Res<Sounds>,
    settings: Res<Settings>,
    audio: Res<Audio>,
    mut mix: ResMut<Mix>,
) {
    for chime in &sounds.chimes {
        mix.play(
            &audio,
            &settings,
            chime.clone(),
            Cue::Chime,
            CHORD_GAIN,
            1.0,
        );
    }
}

fn splash(sounds: Res<Sounds>, settings: Res<Settings>, audio: Res<Audio>, mut mix: ResMut<Mix>) {
    let droplets = sounds.droplets.clone();
    mix.play(&audio, &settings, droplets, Cue::Droplets, 1.0, 1.0);
}

fn sunrise(sounds: Res<Sounds>, settings: Res<Settings>, audio: Res<Audio>, mut mix: ResMut<Mix>) {
    mix.play(&audio, &settings, sounds.dawn.clone(), Cue::Dawn, 1.0, 1.0);
}

/// The shawl settling round the shoulders.
fn rustle_of_silk(
    sounds: Res<Sounds>,
    settings: Res<Settings>,
    audio: Res<Audio>,
    mut mix: ResMut<Mix>,
) {
    mix.play(
        &audio,
        &settings,
        sounds.shawl.clone(),
        Cue::Shawl,
        0.8,
        1.0,
    );
}
