//! Sound: the one place that speaks to bevy_kira_audio. It listens to the logic's messages —
//! footsteps ringing chords, the chill, the door's hum, the portal — and plays them. With no
//! audio device it stays silent and the game plays on.

use std::time::Duration;

use bevy::prelude::*;
use bevy_kira_audio::prelude::*;

use super::camera::DreamCamera;
use crate::core::flow::{AppState, Chapter};
use crate::core::settings::Settings;
use crate::dream::darkening::{CHORD_COUNT, Footstep, Warmth};
use crate::dream::ending::{Awoke, ShawlReceived};
use crate::dream::lotus::WorryTree;
use crate::dream::portal::{Door, PortalEntered};
use crate::dream::river::{FragmentCollected, HeartAssembled, ReachedIn};
use crate::dream::voices::VoiceTriggered;
use crate::level::Levels;
use crate::speedrun::practice::hurrying;

/// How far away (metres) the door can still be heard.
pub const DOOR_HEARING_RADIUS: f32 = 240.0;

#[derive(Resource)]
struct Sounds {
    chords: Vec<Handle<AudioSource>>,
    faltering: Vec<Handle<AudioSource>>,
    ambience_warm: Handle<AudioSource>,
    ambience_muffled: Handle<AudioSource>,
    door_hum: Handle<AudioSource>,
    portal_swell: Handle<AudioSource>,
    droplets: Handle<AudioSource>,
    dawn: Handle<AudioSource>,
    shawl: Handle<AudioSource>,
    chimes: Vec<Handle<AudioSource>>,
    tree_murmur: Handle<AudioSource>,
}

/// The city's two ambience loops, blended by warmth, and the door's hum.
#[derive(Resource, Default)]
struct CityAmbience {
    warm: Option<Handle<AudioInstance>>,
    muffled: Option<Handle<AudioInstance>>,
    hum: Option<Handle<AudioInstance>>,
}

/// Amplitude (0..1) to decibels, with silence at −60 dB.
fn decibels(amplitude: f32) -> f32 {
    if amplitude <= 0.001 {
        -60.0
    } else {
        (20.0 * amplitude.log10()).max(-60.0)
    }
}

pub fn plugin(app: &mut App) {
    app.add_plugins(AudioPlugin)
        .init_resource::<CityAmbience>()
        .init_resource::<Voices>()
        .init_resource::<Mix>()
        .add_systems(OnEnter(Chapter::Garden), load_voices)
        .add_systems(Startup, load_sounds)
        .add_observer(hum_at_the_door)
        .add_observer(murmur_in_the_tree)
        .add_observer(hush_what_is_gone)
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
                speak.run_if(on_message::<VoiceTriggered>),
                chime.run_if(on_message::<FragmentCollected>),
                ring_every_chime.run_if(on_message::<HeartAssembled>),
                splash.run_if(on_message::<ReachedIn>),
                sunrise.run_if(on_message::<Awoke>),
                rustle_of_silk.run_if(on_message::<ShawlReceived>),
                follow_the_volumes,
            ),
        )
        .add_systems(
            PostUpdate,
            hear_from_places.after(TransformSystems::Propagate),
        );
}

/// The footstep chord `index`, warm or faltering, under `assets/`.
pub fn chord_path(index: u32, faltering: bool) -> String {
    if faltering {
        format!("audio/chords/chord-{index}-falter.ogg")
    } else {
        format!("audio/chords/chord-{index}.ogg")
    }
}

pub const AMBIENCE_WARM: &str = "audio/city/ambience-warm.ogg";
pub const AMBIENCE_MUFFLED: &str = "audio/city/ambience-muffled.ogg";
pub const DOOR_HUM: &str = "audio/city/door-hum.ogg";
pub const PORTAL_SWELL: &str = "audio/city/portal-swell.ogg";
pub const DROPLETS: &str = "audio/garden/droplets.ogg";
pub const DAWN: &str = "audio/garden/dawn.ogg";
pub const SHAWL: &str = "audio/garden/shawl.ogg";
pub const TREE_MURMUR: &str = "audio/garden/tree-murmur.ogg";
/// Chimes for gathered fragments, one per pane.
pub const CHIMES: u32 = 7;

pub fn chime_path(index: u32) -> String {
    format!("audio/garden/chime-{index}.ogg")
}

/// Every sound file the game plays, under `assets/`.
pub fn sound_paths() -> Vec<String> {
    let chords = (0..CHORD_COUNT).flat_map(|i| [chord_path(i, false), chord_path(i, true)]);
    chords
        .chain(
            [
                AMBIENCE_WARM,
                AMBIENCE_MUFFLED,
                DOOR_HUM,
                PORTAL_SWELL,
                DROPLETS,
                DAWN,
                SHAWL,
                TREE_MURMUR,
            ]
            .map(String::from),
        )
        .chain((0..CHIMES).map(chime_path))
        .collect()
}

fn load_sounds(mut commands: Commands, assets: Res<AssetServer>) {
    commands.insert_resource(Sounds {
        chords: (0..CHORD_COUNT)
            .map(|i| assets.load(chord_path(i, false)))
            .collect(),
        faltering: (0..CHORD_COUNT)
            .map(|i| assets.load(chord_path(i, true)))
            .collect(),
        ambience_warm: assets.load(AMBIENCE_WARM),
        ambience_muffled: assets.load(AMBIENCE_MUFFLED),
        door_hum: assets.load(DOOR_HUM),
        portal_swell: assets.load(PORTAL_SWELL),
        droplets: assets.load(DROPLETS),
        dawn: assets.load(DAWN),
        shawl: assets.load(SHAWL),
        chimes: (0..CHIMES).map(|i| assets.load(chime_path(i))).collect(),
        tree_murmur: assets.load(TREE_MURMUR),
    });
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
    CityAmbience,
    DoorHum,
    PortalSwell,
    Voice,
    Chime,
    Droplets,
    Dawn,
    TreeMurmur,
    Shawl,
}

impl Cue {
    pub const ALL: [Cue; 11] = [
        Cue::WarmChord,
        Cue::FalteringChord,
        Cue::CityAmbience,
        Cue::DoorHum,
        Cue::PortalSwell,
        Cue::Voice,
        Cue::Chime,
        Cue::Droplets,
        Cue::Dawn,
        Cue::TreeMurmur,
        Cue::Shawl,
    ];

    pub fn loudness(self) -> Loudness {
        match self {
            Cue::WarmChord | Cue::FalteringChord | Cue::CityAmbience | Cue::Dawn => Loudness::Music,
            Cue::Voice => Loudness::Voice,
            Cue::DoorHum
            | Cue::PortalSwell
            | Cue::Chime
            | Cue::Droplets
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
struct Mix {
    playing: Vec<(Handle<AudioInstance>, Cue, f32)>,
}

impl Mix {
    /// Plays `sound` as `cue` at `gain` and keeps it in the mix.
    fn play(
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

/// A sound heard from a place in the world: quieter with distance, panned toward where it is,
/// and always at its volume setting. (bevy_kira_audio's own spatial plugin sets each sound's
/// volume from distance alone every frame, so the Voice, Effects and Master sliders never
/// reached the voices or the door's hum.)
#[derive(Component, Debug, Clone)]
pub struct HeardFrom {
    pub instances: Vec<Handle<AudioInstance>>,
    pub at: Vec3,
    /// Beyond this (metres) it is silent.
    pub radius: f32,
    pub cue: Cue,
}

/// How loud (decibels, −60 silent) a `cue` is heard from `distance` metres when it carries
/// `radius`: its volume setting, then falling away linearly in decibels.
pub fn heard_decibels(settings: &Settings, cue: Cue, distance: f32, radius: f32) -> f32 {
    let falloff = -60.0 * (distance / radius.max(0.01)).clamp(0.0, 1.0);
    (cue.decibels(settings, 1.0) + falloff).max(-60.0)
}

/// −1 (left) to 1 (right): where `at` is for a listener standing at `ear`.
pub fn heard_panning(ear: &GlobalTransform, at: Vec3) -> f32 {
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

fn swell_through_portal(
    sounds: Res<Sounds>,
    settings: Res<Settings>,
    audio: Res<Audio>,
    mut mix: ResMut<Mix>,
) {
    let swell = sounds.portal_swell.clone();
    mix.play(&audio, &settings, swell, Cue::PortalSwell, 1.0, 1.0);
}

/// How far (metres) a voice carries from its flower.
pub const VOICE_HEARING_RADIUS: f32 = 30.0;

/// The garden's voices, loaded when it begins, and the one speaking now.
#[derive(Resource, Default)]
struct Voices {
    sounds: std::collections::HashMap<String, Handle<AudioSource>>,
    speaking: Option<Handle<AudioInstance>>,
}

fn load_voices(levels: Res<Levels>, assets: Res<AssetServer>, mut voices: ResMut<Voices>) {
    let garden = &levels.garden;
    let lines = garden
        .voices
        .iter()
        .map(|v| v.audio.clone())
        .chain(garden.lotus.as_ref().map(|l| l.whisper.audio.clone()))
        .chain(
            garden
                .moon
                .iter()
                .chain(&garden.waking)
                .chain(
                    garden
                        .fragments
                        .iter()
                        .flat_map(|f| f.candidates.iter().map(|c| &c.memory)),
                )
                .map(|s| s.audio.clone()),
        );
    for audio in lines {
        let handle = assets.load(audio.clone());
        voices.sounds.insert(audio, handle);
    }
}

/// A voice rises out of the petals where its flower stands; a new voice gently ends the last.
fn speak(
    mut commands: Commands,
    mut triggered: MessageReader<VoiceTriggered>,
    settings: Res<Settings>,
    audio: Res<Audio>,
    mut voices: ResMut<Voices>,
    mut instances: ResMut<Assets<AudioInstance>>,
) {
    let Some(voice) = triggered.read().last() else {
        return;
    };
    if let Some(mut previous) = voices.speaking.take().and_then(|h| instances.get_mut(&h)) {
        previous.stop(AudioTween::linear(Duration::from_millis(600)));
    }
    let Some(sound) = voices.sounds.get(&voice.spoken.audio).cloned() else {
        warn!("no sound loaded for the voice {}", voice.spoken.audio);
        return;
    };
    let instance = audio
        .play(sound)
        .with_volume(Cue::Voice.decibels(&settings, 1.0))
        .handle();
    voices.speaking = Some(instance.clone());
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
