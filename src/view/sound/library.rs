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
use crate::dream::darkening::CHORD_COUNT;
use crate::level::Levels;

/// Chimes for gathered fragments, one per pane.
pub const CHIMES: u32 = 7;

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
        /// The city at dusk: a warm pad under the chords.
        ambience_warm: "audio/city/ambience-warm.ogg",
        /// Its hushed twin, as warmth drains.
        ambience_muffled: "audio/city/ambience-muffled.ogg",
        door_hum: "audio/city/door-hum.ogg",
        portal_swell: "audio/city/portal-swell.ogg",
        droplets: "audio/garden/droplets.ogg",
        dawn: "audio/garden/dawn.ogg",
        shawl: "audio/garden/shawl.ogg",
        tree_murmur: "audio/garden/tree-murmur.ogg",
    }
    families {
        /// The footsteps' chords, warm.
        chords[CHORD_COUNT]: "audio/chords/chord-{}.ogg",
        /// The same chords faltering, detuned and thin.
        faltering[CHORD_COUNT]: "audio/chords/chord-{}-falter.ogg",
        /// A glass chime for each pane of the heart.
        chimes[CHIMES]: "audio/garden/chime-{}.ogg",
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
