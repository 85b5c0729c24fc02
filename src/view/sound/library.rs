//! The sounds the game plays, each path written once: one typed collection loaded when the
//! game starts (`Sounds`), the levels' voice lines as soon as the levels are read
//! (`VoiceLines`), and the loading gate: the game stays in Loading until every one of them
//! has loaded (or failed, which is told and skipped), so the first frame of a beat has its
//! sounds.

use std::collections::HashMap;
use std::time::Duration;

use bevy::asset::LoadState;
use bevy::prelude::*;
use bevy_kira_audio::prelude::*;

use crate::core::flow::{AppState, LoadingGate};
use crate::level::Levels;

/// Chimes for gathered fragments, one per pane.
pub(crate) const CHIMES: u32 = 7;
/// The chords of the city's progression, one a bar.
pub(crate) const CITY_CHORDS: u32 = 8;
/// The notes the voice flowers hum.
pub(crate) const HUMS: u32 = 8;

/// The longest the gate waits for sounds before the game goes on without the missing ones.
const GATE_LIMIT: Duration = Duration::from_secs(20);

/// Declares the collection: a field and a path for each sound, a list and a path pattern
/// (`{}` the index) for each family, so every path is written once.
macro_rules! sound_library {
    (
        sounds { $( $(#[$doc:meta])* $name:ident: $path:literal, )* }
        families { $( $(#[$family_doc:meta])* $family:ident[$count:expr]: $pattern:literal, )* }
    ) => {
        /// Every sound the game plays but the voices, loaded when it starts.
        #[derive(Resource)]
        pub(crate) struct Sounds {
            $( $(#[$doc])* pub(crate) $name: Handle<AudioSource>, )*
            $( $(#[$family_doc])* pub(crate) $family: Vec<Handle<AudioSource>>, )*
        }

        impl Sounds {
            fn load(assets: &AssetServer) -> Self {
                Self {
                    $( $name: assets.load($path), )*
                    $( $family: (0..$count).map(|i| assets.load(format!($pattern, i))).collect(), )*
                }
            }

            fn handles(&self) -> impl Iterator<Item = &Handle<AudioSource>> {
                std::iter::empty()
                    $( .chain(std::iter::once(&self.$name)) )*
                    $( .chain(self.$family.iter()) )*
            }
        }

        /// Every sound file the game plays but the voices, under `assets/`.
        pub fn sound_paths() -> Vec<String> {
            let mut paths: Vec<String> = vec![$( $path.to_string(), )*];
            $( paths.extend((0..$count).map(|i| format!($pattern, i))); )*
            paths
        }
    };
}

sound_library! {
    sounds {
        /// The score's stems (`assets/audio/music/`, rendered by `score.py` from its score):
        /// the title's theme.
        title: "audio/music/title.ogg",
        /// The city at dusk, and its faltering twin as the warmth drains.
        city_warm: "audio/music/city-warm.ogg",
        city_falter: "audio/music/city-falter.ogg",
        /// The garden's night bed and the layers the dreamer adds to it.
        garden_bed: "audio/music/garden-bed.ogg",
        garden_voices: "audio/music/garden-voices.ogg",
        garden_worries: "audio/music/garden-worries.ogg",
        garden_memories: "audio/music/garden-memories.ogg",
        /// The ending's themes, and the title's theme returning, resolved, on waking.
        heart: "audio/music/heart.ogg",
        moon: "audio/music/moon.ogg",
        dawn: "audio/music/dawn.ogg",
        results: "audio/music/results.ogg",
        /// The river's running water (made by `score.py` from filtered noise).
        water: "audio/music/water.ogg",
        /// The door's hum, a drone in the score's key.
        door_hum: "audio/music/door-hum.ogg",
        portal_swell: "audio/city/portal-swell.ogg",
        droplets: "audio/garden/droplets.ogg",
        shawl: "audio/garden/shawl.ogg",
        tree_murmur: "audio/garden/tree-murmur.ogg",
    }
    families {
        /// The footsteps' chords on the score's instruments, one per chord of the city's
        /// progression (the city's bar N sounds chord N).
        steps[CITY_CHORDS]: "audio/music/steps/step-{}.ogg",
        /// The same chords faltering: detuned, a note dropped, softer.
        faltering_steps[CITY_CHORDS]: "audio/music/steps/step-{}-falter.ogg",
        /// A glass chime for each pane of the heart, climbing the garden's scale.
        chimes[CHIMES]: "audio/music/chimes/chime-{}.ogg",
        /// A note each voice flower hums, on the garden's harmony.
        hums[HUMS]: "audio/music/hums/flower-{}.ogg",
    }
}

/// The levels' voice lines by their file, loaded as soon as the levels are read.
#[derive(Resource, Default)]
pub(crate) struct VoiceLines(pub(crate) HashMap<String, Handle<AudioSource>>);

pub fn plugin(app: &mut App) {
    // Closed from the first frame: the levels wait for the sounds before the game goes on.
    app.insert_resource(LoadingGate { waiting: true })
        .init_resource::<VoiceLines>()
        .add_systems(Startup, load_sounds)
        .add_systems(Update, load_voice_lines.run_if(resource_added::<Levels>))
        .add_systems(Update, open_the_gate.run_if(in_state(AppState::Loading)));
}

fn load_sounds(mut commands: Commands, assets: Res<AssetServer>) {
    commands.insert_resource(Sounds::load(&assets));
}

fn load_voice_lines(
    levels: Res<Levels>,
    assets: Res<AssetServer>,
    mut library: ResMut<VoiceLines>,
) {
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
        library.0.insert(audio, handle);
    }
}

/// Opens the gate once every sound and voice line has loaded or failed (a failed one is told
/// and the dream plays on without it), or after `GATE_LIMIT` whatever is missing.
fn open_the_gate(
    sounds: Option<Res<Sounds>>,
    lines: Res<VoiceLines>,
    levels: Option<Res<Levels>>,
    assets: Res<AssetServer>,
    time: Res<Time<Real>>,
    mut gate: ResMut<LoadingGate>,
) {
    if !gate.waiting {
        return;
    }
    let (Some(sounds), Some(_)) = (sounds, levels) else {
        return;
    };
    let mut pending = 0;
    for handle in sounds.handles().chain(lines.0.values()) {
        match assets.load_state(handle) {
            LoadState::Loaded => {}
            LoadState::Failed(error) => {
                warn!("a sound could not be loaded and will not play: {error}");
            }
            _ => pending += 1,
        }
    }
    if pending == 0 || time.elapsed() > GATE_LIMIT {
        if pending > 0 {
            warn!(
                "{pending} sounds had not loaded after {GATE_LIMIT:?}; the game goes on without them"
            );
        }
        gate.waiting = false;
    }
}
