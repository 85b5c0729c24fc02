//! The garden's sounds: voices rising out of the petals where their flowers stand, each grown
//! tree's murmur, the river's droplets, the memories' glass chimes and the heart's chord of
//! them all, the shawl's rustle, and the sunrise.

use std::time::Duration;

use bevy::prelude::*;
use bevy_kira_audio::prelude::*;

use crate::core::flow::Chapter;
use crate::core::settings::Settings;
use crate::dream::ending::ShawlReceived;
use crate::dream::lotus::WorryTree;
use crate::dream::river::{FragmentCollected, HeartAssembled, ReachedIn};
use crate::dream::voices::{VoiceFlower, VoiceTriggered};
use crate::level::Levels;
use crate::view::sound::hearing::HeardFrom;
use crate::view::sound::library::{Sounds, VoiceLines};
use crate::view::sound::mixer::{Cue, Mix};
use crate::view::world::camera::DreamCamera;

pub fn plugin(app: &mut App) {
    app.init_resource::<Speaking>()
        .add_observer(murmur_in_the_tree)
        .add_observer(hum_in_the_flower)
        .add_systems(OnEnter(Chapter::Garden), let_the_river_run)
        .add_systems(
            PostUpdate,
            follow_the_river
                .after(TransformSystems::Propagate)
                .run_if(in_state(Chapter::Garden)),
        )
        .add_systems(
            Update,
            (
                speak.run_if(on_message::<VoiceTriggered>),
                chime.run_if(on_message::<FragmentCollected>),
                ring_every_chime.run_if(on_message::<HeartAssembled>),
                splash.run_if(on_message::<ReachedIn>),
                rustle_of_silk.run_if(on_message::<ShawlReceived>),
            ),
        );
}

/// How far (metres) a tree's murmur carries.
pub(crate) const TREE_HEARING_RADIUS: f32 = 10.0;

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
    commands.entity(added.entity).insert(HeardFrom::looping(
        &audio,
        sounds.tree_murmur.clone(),
        0.82 + 0.09 * (tree.index % 5) as f64,
        Duration::from_secs(4),
        Vec3::new(tree.position.x, 1.5, tree.position.y),
        TREE_HEARING_RADIUS,
        Cue::TreeMurmur,
    ));
}

/// How far (metres) the river's running water is heard from its nearest bank.
pub const RIVER_HEARING_RADIUS: f32 = 26.0;

/// The river's running water, heard from wherever along it is nearest the dreamer.
#[derive(Component)]
struct RunningWater;

fn let_the_river_run(
    mut commands: Commands,
    levels: Res<Levels>,
    sounds: Res<Sounds>,
    audio: Res<Audio>,
) {
    let Some(river) = &levels.garden.river else {
        return;
    };
    let Some(first) = river.path.first() else {
        return;
    };
    commands.spawn((
        Name::new("The river's running water"),
        RunningWater,
        HeardFrom::looping(
            &audio,
            sounds.water.clone(),
            1.0,
            Duration::from_secs(2),
            Vec3::new(first.x, 0.0, first.z),
            RIVER_HEARING_RADIUS,
            Cue::Water,
        ),
        DespawnOnExit(Chapter::Garden),
    ));
}

/// The water is heard from the point of the river nearest the dreamer, so it runs along its
/// whole length and is panned toward it.
fn follow_the_river(
    levels: Res<Levels>,
    ears: Query<&GlobalTransform, With<DreamCamera>>,
    mut water: Query<&mut HeardFrom, With<RunningWater>>,
) {
    let (Some(river), Ok(ear)) = (&levels.garden.river, ears.single()) else {
        return;
    };
    let ear = ear.translation();
    let nearest = river.nearest(Vec2::new(ear.x, ear.z));
    if let Some(point) = nearest {
        for mut emitter in &mut water {
            emitter.at = Vec3::new(point.x, 0.0, point.y);
        }
    }
}

/// How far (metres) a voice flower's hum carries: it calls a walker from across the meadow.
pub const HUM_HEARING_RADIUS: f32 = 28.0;

/// Each voice flower hums its own note of the garden's harmony where it stands, softly, so a
/// walker hears where the voices are before they speak.
fn hum_in_the_flower(
    added: On<Add, VoiceFlower>,
    flowers: Query<&VoiceFlower>,
    mut commands: Commands,
    sounds: Res<Sounds>,
    audio: Res<Audio>,
    mut hummed: Local<usize>,
) {
    let Ok(flower) = flowers.get(added.entity) else {
        return;
    };
    let note = sounds.hums[*hummed % sounds.hums.len().max(1)].clone();
    *hummed += 1;
    commands.entity(added.entity).insert(HeardFrom::looping(
        &audio,
        note,
        1.0,
        Duration::from_secs(3),
        Vec3::new(flower.position.x, 0.8, flower.position.y),
        HUM_HEARING_RADIUS,
        Cue::FlowerHum,
    ));
}

/// How far (metres) a voice carries from its flower.
pub const VOICE_HEARING_RADIUS: f32 = 30.0;

/// The voice speaking now, so a new one gently ends it (and the music dips under it).
#[derive(Resource, Default)]
pub(crate) struct Speaking(pub(crate) Option<Handle<AudioInstance>>);

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
