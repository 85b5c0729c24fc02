//! The score's director: which movement of the score the dream is in (the title's theme, the
//! warm city and its faltering, the garden's night bed and the layers the dreamer adds to it,
//! the heart, the moon, the dawn, the theme returning on waking), how loud each stem should be
//! for what the dreamer has done, and the bar clock every change waits for. Reads only the
//! dream's state and the score's manifest (`assets/audio/music/manifest.json`, written by
//! `score.py` beside it), so it runs headless; `music.rs` plays what it decides.

use bevy::prelude::*;
use serde::Deserialize;

use crate::core::assets::ASSETS;
use crate::core::flow::{AppState, Chapter};
use crate::dream::darkening::{Warmth, Worries};
use crate::dream::ending::{Ending, Scene};
use crate::dream::river::Heart;
use crate::dream::voices::{Subtitle, VoiceFlower, VoicesHeard};

/// Where the score's manifest is, under `assets/`.
pub const MANIFEST: &str = "audio/music/manifest.json";

/// How much the music dips while a line is spoken: −6 dB.
pub const DUCKED: f32 = 0.5;

/// A movement of the score: what plays, and what a bar is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Movement {
    Title,
    City,
    Garden,
    Heart,
    Moon,
    Dawn,
    Results,
}

impl Movement {
    /// The manifest's name for it.
    pub fn section(self) -> &'static str {
        match self {
            Movement::Title => "title",
            Movement::City => "city",
            Movement::Garden => "garden",
            Movement::Heart => "heart",
            Movement::Moon => "moon",
            Movement::Dawn => "dawn",
            Movement::Results => "results",
        }
    }

    /// The stems it is made of, in the order `stem_gains` gives their gains.
    pub fn stems(self) -> &'static [Stem] {
        match self {
            Movement::Title => &[Stem::Title],
            Movement::City => &[Stem::CityWarm, Stem::CityFalter],
            Movement::Garden => &[
                Stem::GardenBed,
                Stem::GardenVoices,
                Stem::GardenWorries,
                Stem::GardenMemories,
            ],
            Movement::Heart => &[Stem::Heart],
            Movement::Moon => &[Stem::Moon],
            Movement::Dawn => &[Stem::Dawn],
            Movement::Results => &[Stem::Results],
        }
    }

    /// Whether its stems loop (the heart and the dawn play once, as their scenes do).
    pub fn loops(self) -> bool {
        !matches!(self, Movement::Heart | Movement::Dawn)
    }
}

/// One stem of the score: a recording of some of its instruments, layered with the others of
/// its movement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stem {
    Title,
    CityWarm,
    CityFalter,
    GardenBed,
    GardenVoices,
    GardenWorries,
    GardenMemories,
    Heart,
    Moon,
    Dawn,
    Results,
}

/// What the dreamer has done, as the score hears it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Listening {
    /// 0 at dusk, 1 once the warmth is gone.
    pub coldness: f32,
    /// Voices heard, of how many there are.
    pub voices: (usize, usize),
    /// Worries planted, of how many.
    pub worries: (u32, u32),
    /// Memories gathered into the heart, of how many.
    pub memories: (usize, usize),
}

/// How loud each stem of `movement` plays (0..1, before the volume settings and ducking):
/// the warm city gives way to its faltering twin as the warmth drains, and the garden's night
/// bed gains a layer for the voices heard, one for the worries planted and one for the
/// memories gathered, each growing as more are.
pub fn stem_gains(movement: Movement, listening: &Listening) -> Vec<(Stem, f32)> {
    let share = |(done, of): (f32, f32), full_at: f32| {
        if of <= 0.0 || done <= 0.0 {
            0.0
        } else {
            (done / of.min(full_at).max(1.0)).clamp(0.0, 1.0)
        }
    };
    let cold = listening.coldness.clamp(0.0, 1.0);
    match movement {
        Movement::City => vec![
            // The music of progress falters: the warm stem gives way to the faltering one,
            // rendered thinner, hesitant and detuned (about 2.4 LU quieter).
            (Stem::CityWarm, 1.0 - cold),
            (Stem::CityFalter, cold),
        ],
        Movement::Garden => {
            let (heard, voices) = listening.voices;
            let (planted, worries) = listening.worries;
            let (gathered, memories) = listening.memories;
            vec![
                (Stem::GardenBed, 1.0),
                // Three voices heard bring the voices' layer in full.
                (
                    Stem::GardenVoices,
                    share((heard as f32, voices as f32), 3.0),
                ),
                (
                    Stem::GardenWorries,
                    share((planted as f32, worries as f32), f32::MAX),
                ),
                (
                    Stem::GardenMemories,
                    share((gathered as f32, memories as f32), f32::MAX),
                ),
            ]
        }
        other => other.stems().iter().map(|&stem| (stem, 1.0)).collect(),
    }
}

/// Which movement the dream is in.
pub fn movement_of(state: AppState, chapter: Option<Chapter>, ending: &Ending) -> Movement {
    match (state, chapter) {
        (AppState::Playing, Some(Chapter::City)) => Movement::City,
        (AppState::Playing, Some(Chapter::Garden)) => {
            if ending.finished {
                return Movement::Results;
            }
            match ending.scene {
                Some(Scene::Heart) => Movement::Heart,
                Some(Scene::Moon) => Movement::Moon,
                Some(Scene::Dawn) => Movement::Dawn,
                None => Movement::Garden,
            }
        }
        // The title, the loading before it and a level that could not be read.
        _ => Movement::Title,
    }
}

/// The score's timing and harmony, from its manifest.
#[derive(Resource, Debug, Clone, Deserialize)]
pub struct Score {
    pub seconds_per_bar: f64,
    pub sections: std::collections::HashMap<String, Section>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Section {
    pub bars: u32,
    pub harmony: Vec<Bar>,
    #[serde(default)]
    pub steps: Vec<StepChord>,
}

/// A bar of a section and the chord it sounds.
#[derive(Debug, Clone, Deserialize)]
pub struct Bar {
    pub bar: u32,
    pub chord: u32,
    pub midi: Vec<u8>,
}

/// The footstep chord that belongs to a bar of the city.
#[derive(Debug, Clone, Deserialize)]
pub struct StepChord {
    pub bar: u32,
    pub chord: u32,
    pub warm: String,
    pub falter: String,
}

impl Score {
    /// The manifest built into the game, or why it cannot be read.
    pub fn built_in() -> Result<Self, String> {
        let file = ASSETS
            .get_file(MANIFEST)
            .ok_or_else(|| format!("{MANIFEST} is missing from the built-in assets"))?;
        serde_json::from_slice(file.contents()).map_err(|error| format!("{MANIFEST}: {error}"))
    }

    /// The bar of `section` playing `seconds` after it began (counting round its loop).
    pub fn bar_at(&self, section: &str, seconds: f64) -> u32 {
        let bars = self.sections.get(section).map_or(1, |s| s.bars.max(1));
        let bar = (seconds.max(0.0) / self.seconds_per_bar.max(0.01)).floor() as u64;
        (bar % u64::from(bars)) as u32
    }

    /// The footstep chord (its index among the step files) for the city's bar `bar`.
    pub fn step_for_bar(&self, bar: u32) -> Option<u32> {
        let city = self.sections.get("city")?;
        city.steps.iter().find(|s| s.bar == bar).map(|s| s.chord)
    }
}

/// Where the score is now: its movement, when that began (real seconds since the game
/// started) and the gains its stems should have, held until the next bar line.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Music {
    pub movement: Movement,
    pub began_at: f64,
    /// The bar of the movement these gains were settled at.
    pub bar: u64,
    pub gains: Vec<(Stem, f32)>,
    /// A line is being spoken: the music dips under it (while its voice is heard).
    pub ducked: bool,
}

impl Music {
    /// How far into its movement the score is, in seconds.
    pub fn seconds_in(&self, now: f64) -> f64 {
        now - self.began_at
    }

    /// The gain the director holds for `stem` (0 when it is not part of the movement).
    pub fn gain(&self, stem: Stem) -> f32 {
        self.gains
            .iter()
            .find(|(s, _)| *s == stem)
            .map_or(0.0, |(_, g)| *g)
    }
}

pub fn plugin(app: &mut App) {
    let score = Score::built_in().unwrap_or_else(|problem| {
        warn!("{problem}; the score keeps a bar of four seconds");
        Score {
            seconds_per_bar: 4.0,
            sections: Default::default(),
        }
    });
    app.insert_resource(score)
        .add_systems(PostUpdate, direct_the_score.in_set(Directing));
}

/// The director's work each frame; what plays the score runs after it.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct Directing;

/// What the dream's state asks of the score.
#[derive(bevy::ecs::system::SystemParam)]
struct DreamHeard<'w, 's> {
    state: Res<'w, State<AppState>>,
    chapter: Option<Res<'w, State<Chapter>>>,
    ending: Option<Res<'w, Ending>>,
    warmth: Option<Res<'w, Warmth>>,
    worries: Option<Res<'w, Worries>>,
    heart: Option<Res<'w, Heart>>,
    heard: Option<Res<'w, VoicesHeard>>,
    subtitle: Option<Res<'w, Subtitle>>,
    flowers: Query<'w, 's, (), With<VoiceFlower>>,
}

impl DreamHeard<'_, '_> {
    fn movement(&self) -> Movement {
        let ending = self.ending.as_deref().cloned().unwrap_or_default();
        movement_of(
            *self.state.get(),
            self.chapter.as_ref().map(|c| *c.get()),
            &ending,
        )
    }

    fn listening(&self) -> Listening {
        let worries = self.worries.as_deref().copied().unwrap_or_default();
        let heart = self.heart.as_deref();
        Listening {
            coldness: self.warmth.as_deref().map_or(0.0, Warmth::coldness),
            voices: (
                self.heard.as_deref().map_or(0, |h| h.0.len()),
                self.flowers.iter().count(),
            ),
            worries: (worries.planted, worries.total.max(worries.carried)),
            memories: (
                heart.map_or(0, Heart::filled),
                heart.map_or(0, |h| h.panes.len()),
            ),
        }
    }
}

/// Each frame: a new movement begins at once (at its first bar); within a movement the stems'
/// gains change only at a bar line, never mid-phrase; the music dips while a line is spoken.
fn direct_the_score(
    mut commands: Commands,
    heard: DreamHeard,
    score: Res<Score>,
    time: Res<Time<Real>>,
    music: Option<ResMut<Music>>,
) {
    let now = time.elapsed_secs_f64();
    let movement = heard.movement();
    let ducked = heard
        .subtitle
        .as_deref()
        .is_some_and(|s| s.current.is_some());
    let gains = stem_gains(movement, &heard.listening());
    let Some(mut music) = music else {
        commands.insert_resource(Music {
            movement,
            began_at: now,
            bar: 0,
            gains,
            ducked,
        });
        return;
    };
    if music.movement != movement {
        *music = Music {
            movement,
            began_at: now,
            bar: 0,
            gains,
            ducked,
        };
        return;
    }
    music.ducked = ducked;
    let bar = (music.seconds_in(now) / score.seconds_per_bar.max(0.01)).floor() as u64;
    if bar != music.bar {
        music.bar = bar;
        if music.gains != gains {
            music.gains = gains;
        }
    }
}
