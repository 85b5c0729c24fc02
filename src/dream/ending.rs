//! The ending: the stained-glass heart assembles, the moon leans down with a shawl woven from
//! hope, and the garden merges with morning. Each scene can be skipped with Interact, and
//! skipping leaves exactly the state that watching leaves.

use bevy::prelude::*;

use super::river::HeartAssembled;
use super::voices::VoiceTriggered;
use super::walking::{Dreamer, forward};
use crate::core::flow::{AppState, DreamClock, DreamSystems, HoldStill};
use crate::core::input::InteractEdge;
use crate::core::ticks::seconds;
use crate::level::Levels;

/// How long each scene lasts when watched, in ticks.
pub(crate) const HEART_SCENE_TICKS: u32 = seconds(4);
pub(crate) const MOON_SCENE_TICKS: u32 = seconds(10);
pub const DAWN_SCENE_TICKS: u32 = seconds(14);
/// Ticks before the moon's scene ends when the shawl settles on the dreamer's shoulders.
pub(crate) const SHAWL_SETTLES_BEFORE_END: u32 = seconds(3);

/// Which part of the ending is playing, in the order they play.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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

    /// The ending staged part way through `scene` with `ticks_left` (screenshots): the shawl
    /// given once it has settled in the moon's scene, the waking at `woke_on_tick` once in
    /// the dawn.
    pub fn staged(scene: Scene, ticks_left: u32, woke_on_tick: u64) -> Self {
        Self {
            scene: Some(scene),
            ticks_left,
            shawl: scene == Scene::Dawn
                || (scene == Scene::Moon && ticks_left <= SHAWL_SETTLES_BEFORE_END),
            woke_on_tick: (scene == Scene::Dawn).then_some(woke_on_tick),
            finished: false,
        }
    }

    /// How far through `scene` the ending is, 0..1: 0 before it begins, 1 once it is over.
    pub fn progress(&self, scene: Scene) -> f32 {
        let total = match scene {
            Scene::Heart => HEART_SCENE_TICKS,
            Scene::Moon => MOON_SCENE_TICKS,
            Scene::Dawn => DAWN_SCENE_TICKS,
        };
        match self.scene {
            Some(now) if now == scene => 1.0 - self.ticks_left as f32 / total as f32,
            Some(now) if now > scene => 1.0,
            _ if self.finished => 1.0,
            _ => 0.0,
        }
    }
}

/// The heart is whole and has been seen: the moon begins to lean down.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoonLeansDown;

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
pub(crate) struct DreamEnded;

/// A scene was skipped.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SceneSkipped(pub Scene);

pub fn plugin(app: &mut App) {
    app.init_resource::<Ending>()
        .add_message::<MoonLeansDown>()
        .add_message::<ShawlReceived>()
        .add_message::<Awoke>()
        .add_message::<DreamEnded>()
        .add_message::<SceneSkipped>()
        .add_systems(OnEnter(AppState::Playing), |mut ending: ResMut<Ending>| {
            *ending = Ending::default();
        })
        .add_systems(
            FixedUpdate,
            (play_ending, hold_still)
                .chain()
                .in_set(DreamSystems::Ending),
        );
}

/// While a scene plays (and after the last) the dreamer stands still.
fn hold_still(ending: Res<Ending>, mut hold: ResMut<HoldStill>) {
    hold.set_if_neq(HoldStill(ending.holds_still()));
}

#[expect(
    clippy::too_many_arguments,
    reason = "the ending moves the whole dream to its close"
)]
fn play_ending(
    clock: Res<DreamClock>,
    levels: Res<Levels>,
    edge: Res<InteractEdge>,
    dreamers: Query<&Dreamer>,
    mut assembled: MessageReader<HeartAssembled>,
    mut ending: ResMut<Ending>,
    mut moon: MessageWriter<MoonLeansDown>,
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
    let garden = &levels.garden;
    match scene {
        Scene::Heart => {
            ending.scene = Some(Scene::Moon);
            ending.ticks_left = MOON_SCENE_TICKS;
            moon.write(MoonLeansDown);
            voices.write(VoiceTriggered {
                flower: None,
                spoken: garden.moon.clone().expect("a garden has the moon's words"),
                position: here,
                lingers: false,
            });
        }
        Scene::Moon => {
            ending.scene = Some(Scene::Dawn);
            ending.ticks_left = DAWN_SCENE_TICKS;
            ending.woke_on_tick = Some(clock.tick);
            awoke.write(Awoke { tick: clock.tick });
            voices.write(VoiceTriggered {
                flower: None,
                spoken: garden
                    .waking
                    .clone()
                    .expect("a garden has the waking lines"),
                position: here,
                // The closing words stay, over the dawn and after it, skipped or not.
                lingers: true,
            });
        }
        Scene::Dawn => {
            ending.scene = None;
            ending.finished = true;
            ended.write(DreamEnded);
        }
    }
}
