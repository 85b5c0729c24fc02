//! The ending: the stained-glass heart assembles, the moon leans down with a shawl woven from
//! hope, and the garden merges with morning. Each scene can be skipped with Interact, and
//! skipping leaves exactly the state that watching leaves.

use bevy::prelude::*;

use crate::flow::{AppState, DreamClock, DreamSystems};
use crate::level::Spoken;
use crate::river::HeartAssembled;
use crate::voices::{InteractEdge, VoiceTriggered, show_subtitles};
use crate::walking::{Dreamer, forward};

/// Seconds each scene lasts when watched, in ticks.
pub const HEART_SCENE_TICKS: u32 = 4 * 60;
pub const MOON_SCENE_TICKS: u32 = 10 * 60;
pub const DAWN_SCENE_TICKS: u32 = 14 * 60;
/// Ticks before the moon's scene ends when the shawl settles on the dreamer's shoulders.
pub const SHAWL_SETTLES_BEFORE_END: u32 = 3 * 60;

/// The moon's words.
pub fn moon_words() -> Spoken {
    Spoken {
        speaker: "The moon".into(),
        line: "Carry this home. Remember, you are deserving—especially when you forget it most."
            .into(),
        audio: "voices/moon.ogg".into(),
    }
}

/// The closing lines, spoken as the dreamer wakes.
pub fn closing_words() -> Spoken {
    Spoken {
        speaker: "The petals".into(),
        line: "Forgive. Begin again. Bring gentleness to the places that hurt, and new blooms will rise—soft, wild, and resilient—whenever you wander back into the dark.".into(),
        audio: "voices/closing.ogg".into(),
    }
}

/// Which part of the ending is playing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scene {
    /// The fragments fly together into the heart.
    Heart,
    /// The moon descends and wraps the dreamer in the shawl.
    Moon,
    /// The indigo turns to sunrise and the view fades to white.
    Dawn,
}

/// The ending's progress: the scene playing and its ticks left, and what has happened.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct Ending {
    pub scene: Option<Scene>,
    pub ticks_left: u32,
    pub shawl: bool,
    /// The tick the dreamer woke (the first frame of the dawn), if they have.
    pub woke_on_tick: Option<u64>,
    /// The whole ending has played (or been skipped) to its last frame.
    pub finished: bool,
}

impl Ending {
    /// Movement stops while a scene plays.
    pub fn holds_still(&self) -> bool {
        self.scene.is_some() || self.finished
    }
}

/// The moon wrapped the dreamer in the shawl woven from hope.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShawlReceived;

/// The dreamer woke: the first frame of the dawn. The run's time ends here.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Awoke {
    pub tick: u64,
}

/// The dream is over; the results can show.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct DreamEnded;

/// A scene was skipped.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct SceneSkipped(pub Scene);

pub struct EndingPlugin;

impl Plugin for EndingPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Ending>()
            .add_message::<ShawlReceived>()
            .add_message::<Awoke>()
            .add_message::<DreamEnded>()
            .add_message::<SceneSkipped>()
            .add_systems(OnEnter(AppState::Playing), |mut ending: ResMut<Ending>| {
                *ending = Ending::default();
            })
            .add_systems(
                FixedUpdate,
                play_ending
                    .after(crate::river::gather_fragments)
                    .before(show_subtitles)
                    .in_set(DreamSystems::React),
            );
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "the ending moves the whole dream to its close"
)]
fn play_ending(
    clock: Res<DreamClock>,
    edge: Res<InteractEdge>,
    dreamers: Query<&Dreamer>,
    mut assembled: MessageReader<HeartAssembled>,
    mut ending: ResMut<Ending>,
    mut shawl: MessageWriter<ShawlReceived>,
    mut awoke: MessageWriter<Awoke>,
    mut ended: MessageWriter<DreamEnded>,
    mut skipped: MessageWriter<SceneSkipped>,
    mut voices: MessageWriter<VoiceTriggered>,
) {
    if assembled.read().last().is_some() && ending.scene.is_none() && !ending.finished {
        ending.scene = Some(Scene::Heart);
        ending.ticks_left = HEART_SCENE_TICKS;
        return;
    }
    let Some(scene) = ending.scene else {
        return;
    };
    // A fresh press of Interact skips to the scene's last tick; the same ending follows.
    if edge.pressed_now {
        ending.ticks_left = 0;
        skipped.write(SceneSkipped(scene));
    } else {
        ending.ticks_left = ending.ticks_left.saturating_sub(1);
    }
    // The shawl settles while the moon is still near (or at once, when her scene is skipped).
    if scene == Scene::Moon && !ending.shawl && ending.ticks_left <= SHAWL_SETTLES_BEFORE_END {
        ending.shawl = true;
        shawl.write(ShawlReceived);
    }
    if ending.ticks_left > 0 {
        return;
    }
    let here = dreamers
        .single()
        .map_or(Vec2::ZERO, |d| d.position + forward(d.yaw) * 4.0);
    match scene {
        Scene::Heart => {
            ending.scene = Some(Scene::Moon);
            ending.ticks_left = MOON_SCENE_TICKS;
            voices.write(VoiceTriggered {
                flower: None,
                spoken: moon_words(),
                position: here,
            });
        }
        Scene::Moon => {
            ending.scene = Some(Scene::Dawn);
            ending.ticks_left = DAWN_SCENE_TICKS;
            ending.woke_on_tick = Some(clock.tick);
            awoke.write(Awoke { tick: clock.tick });
            voices.write(VoiceTriggered {
                flower: None,
                spoken: closing_words(),
                position: here,
            });
        }
        Scene::Dawn => {
            ending.scene = None;
            ending.finished = true;
            ended.write(DreamEnded);
        }
    }
}
