//! Reduced motion, kept in one place: the ambient clock every swaying, pulsing or drifting
//! thing reads (it stands still when the player asks for less motion), and each animated
//! effect's look at a moment, computed here and used by the systems that draw it, so a test
//! can list every effect and see that each holds still.

use bevy::prelude::*;

use crate::core::settings::Settings;

/// The clock of the world's ambient motion: it runs with time, and stands still under reduced
/// motion (it does not jump when motion returns).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq)]
pub struct Ambient {
    /// Seconds of ambient motion so far.
    pub seconds: f32,
    /// Seconds of ambient motion this frame (zero when still).
    pub delta: f32,
    /// Reduced motion is on.
    pub still: bool,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Ambient>()
        .add_systems(First, run_the_ambient_clock);
}

fn run_the_ambient_clock(time: Res<Time>, settings: Res<Settings>, mut ambient: ResMut<Ambient>) {
    ambient.still = settings.reduced_motion;
    ambient.delta = if ambient.still {
        0.0
    } else {
        time.delta_secs()
    };
    ambient.seconds += ambient.delta;
}

/// A moment as the screen sees it: real time (what the shaders' `globals.time` counts) and the
/// ambient clock.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moment {
    pub real: f32,
    pub ambient: Ambient,
}

/// Every animated effect on screen that is not the dreamer's own movement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// The door's glow breathing.
    DoorPulse,
    /// The light swell of stepping through the door.
    PortalFlash,
    /// The towers' satin ripples and sheen (shader).
    TowerRipples,
    /// The stardust twinkling on the avenues (shader).
    StardustTwinkle,
    /// Whispers of light and darkness passing between the towers.
    Whispers,
    /// The cold city's heavy clouds rolling overhead (shader).
    CloudDrift,
    /// The meadow swaying in gusts (shader).
    MeadowSway,
    /// The grown trees swaying (shader).
    TreeSway,
    /// The wisps circling in the garden air.
    Wisps,
    /// The river's flowing bands and flaring glints (shader).
    RiverFlow,
    /// The glass shards bobbing and turning on the banks.
    ShardShimmer,
    /// Droplets beading and sliding at the edges of the view.
    Droplets,
    /// The slow float of the dreamer's eyes.
    Breathing,
    /// The heart's panes flying to their places.
    HeartFlight,
    /// The shawl rising onto the shoulders and stirring (shader).
    ShawlStir,
    /// A gathered shard rising into the dreamer's hands, turning there, then let go.
    HeldShard,
}

impl Effect {
    pub const ALL: [Effect; 16] = [
        Effect::DoorPulse,
        Effect::PortalFlash,
        Effect::TowerRipples,
        Effect::StardustTwinkle,
        Effect::Whispers,
        Effect::CloudDrift,
        Effect::MeadowSway,
        Effect::TreeSway,
        Effect::Wisps,
        Effect::RiverFlow,
        Effect::ShardShimmer,
        Effect::Droplets,
        Effect::Breathing,
        Effect::HeartFlight,
        Effect::ShawlStir,
        Effect::HeldShard,
    ];

    /// What the effect puts on screen at `moment`, as numbers: a glow, a place, an opacity, or
    /// for a shader the phase it animates with (its time rate times real time) and its uniforms.
    pub fn look(self, moment: Moment) -> Vec<f32> {
        let Moment { real, ambient } = moment;
        match self {
            Effect::DoorPulse => vec![door_breath(ambient)],
            Effect::PortalFlash => {
                vec![portal_flash(real % PORTAL_FLASH_SECONDS, ambient.still)]
            }
            Effect::TowerRipples => {
                let params = satin_params(0.5, ambient.still);
                vec![params.x, params.y, params.z * real, params.w]
            }
            Effect::StardustTwinkle => vec![stardust_twinkle(ambient.still) * real.sin()],
            Effect::Whispers => {
                vec![0.3 + whisper_travel(12.0, ambient)]
            }
            Effect::CloudDrift => vec![cloud_drift(ambient.still) * real],
            Effect::MeadowSway => {
                let (bend, rate) = meadow_sway(ambient.still);
                vec![bend, rate * real]
            }
            Effect::TreeSway => {
                let (bend, rate) = tree_sway(ambient.still);
                vec![bend, rate * real]
            }
            Effect::Wisps => wisp_place(Vec2::ZERO, 4.0, 1.0, 0.3, 0.5, ambient)
                .to_array()
                .to_vec(),
            Effect::RiverFlow => vec![river_rate(ambient.still) * real],
            Effect::ShardShimmer => {
                let (lift, turn) = shard_shimmer(0.9, ambient);
                vec![lift, turn]
            }
            Effect::Droplets => vec![if droplets_cling(ambient.still) {
                real
            } else {
                0.0
            }],
            Effect::Breathing => vec![breathing(ambient)],
            Effect::ShawlStir => vec![shawl_stir(ambient.still) * real],
            Effect::HeldShard => {
                let (place, turn, size) = held_shard(real % HELD_SHARD_SECONDS, ambient.still);
                vec![place.x, place.y, place.z, turn, size]
            }
            Effect::HeartFlight => {
                let t = (real * 0.2).fract();
                heart_flight(Vec3::X * 4.0, Vec3::ZERO, t, ambient.still)
                    .to_array()
                    .to_vec()
            }
        }
    }
}

/// The door's glow, 0.5..1 of its full blue, breathing slowly.
pub(crate) fn door_breath(ambient: Ambient) -> f32 {
    0.75 + 0.25 * (ambient.seconds * 1.6).sin()
}

/// How long the portal's light swell lasts.
pub(crate) const PORTAL_FLASH_SECONDS: f32 = 1.8;

/// The portal light's opacity `age` seconds after stepping through: a quick swell to
/// white-blue, then a slow fade into the garden. Under reduced motion there is no flash (the
/// garden simply appears).
pub(crate) fn portal_flash(age: f32, still: bool) -> f32 {
    if still {
        return 0.0;
    }
    let t = age / PORTAL_FLASH_SECONDS;
    let alpha = if t < 0.15 {
        t / 0.15
    } else {
        (1.0 - (t - 0.15) / 0.85).max(0.0)
    };
    alpha * 0.95
}

/// The towers' satin ripple in metres.
pub(crate) const SATIN_RIPPLE: f32 = 0.65;

/// The satin shader's uniforms as the city cools: x ripple (metres), y unease, z time rate,
/// w sheen. Still, the silver keeps its calm folds, frozen (time rate zero), and cools as it
/// would with motion on: the unease also sets how the cold silver shines.
pub(crate) fn satin_params(coldness: f32, still: bool) -> Vec4 {
    if still {
        Vec4::new(SATIN_RIPPLE, coldness, 0.0, 1.0)
    } else {
        Vec4::new(
            SATIN_RIPPLE * (1.0 + 0.15 * coldness),
            coldness,
            1.0 + 0.6 * coldness,
            1.0,
        )
    }
}

/// How much the stardust twinkles (the shader's mix toward its flicker).
pub(crate) fn stardust_twinkle(still: bool) -> f32 {
    if still { 0.0 } else { 1.0 }
}

/// The time rate of the clouds' drift over the cold city; still, they hang where they are.
pub(crate) fn cloud_drift(still: bool) -> f32 {
    if still { 0.0 } else { 1.0 }
}

/// How far along its arc (0..1 of the path) a whisper travels this frame on a path of
/// `length` metres.
pub(crate) fn whisper_travel(length: f32, ambient: Ambient) -> f32 {
    ambient.delta * 9.0 / length.max(1.0)
}

/// How far the meadow bends in gusts, and the gusts' time rate. Still, the flowers stand
/// upright.
pub(crate) fn meadow_sway(still: bool) -> (f32, f32) {
    if still { (0.0, 0.0) } else { (0.06, 0.8) }
}

/// How far a grown tree bends (the sway shader's bend grows with the square of height, so a
/// tree's is small), and its time rate. Still, the trees stand still.
pub(crate) fn tree_sway(still: bool) -> (f32, f32) {
    if still { (0.0, 0.0) } else { (0.0025, 0.5) }
}

/// Where a wisp circling `centre` at `radius` and `height` is.
pub(crate) fn wisp_place(
    centre: Vec2,
    radius: f32,
    height: f32,
    speed: f32,
    phase: f32,
    ambient: Ambient,
) -> Vec3 {
    let t = ambient.seconds;
    let angle = phase + t * speed;
    let wobble = (t * 0.7 + phase * 3.0).sin();
    let r = radius * (0.85 + 0.15 * wobble);
    Vec3::new(
        centre.x + angle.cos() * r,
        height + 0.3 * (t * 0.9 + phase).sin(),
        centre.y + angle.sin() * r,
    )
}

/// The river shader's flow rate (bands and glints move with it).
pub(crate) fn river_rate(still: bool) -> f32 {
    if still { 0.0 } else { 1.0 }
}

/// A shard's lift (metres above its rest) and how far it rocks (radians either side of facing
/// the dreamer) as it shimmers, so its faces and bevels catch the moon in turn.
pub(crate) fn shard_shimmer(phase: f32, ambient: Ambient) -> (f32, f32) {
    let t = ambient.seconds;
    (
        0.12 * (t * 1.3 + phase).sin(),
        0.6 * (t * 0.8 + phase).sin(),
    )
}

/// How long a gathered shard stays in the dreamer's hands: its memory's time to be read.
pub(crate) const HELD_SHARD_SECONDS: f32 = 6.0;

/// A gathered shard `age` seconds after it was taken from the river, in the eyes' own space
/// (looking down −Z): where it is, how far it has turned (radians) and its size. It rises
/// from below into view, turns gently in the hands, and at the end floats up and away into
/// light. Still, it is simply held, unturning, until it goes.
pub(crate) fn held_shard(age: f32, still: bool) -> (Vec3, f32, f32) {
    let held = Vec3::new(0.0, -0.13, -0.75);
    if still {
        return (held, 0.0, 1.0);
    }
    let rise = (age / 0.8).clamp(0.0, 1.0);
    let rise = 1.0 - (1.0 - rise).powi(3);
    let away = ((age - (HELD_SHARD_SECONDS - 1.2)) / 1.2).clamp(0.0, 1.0);
    let place = held + Vec3::new(0.0, -0.45 * (1.0 - rise) + 0.5 * away * away, -0.6 * away);
    (place, 0.35 * (age * 0.9).sin(), 1.0 - away)
}

/// Whether droplets bead at the edges of the view.
pub(crate) fn droplets_cling(still: bool) -> bool {
    !still
}

/// The eyes' slow float (metres) while dreaming.
pub(crate) fn breathing(ambient: Ambient) -> f32 {
    (ambient.seconds * 0.7).sin() * 0.03
}

/// How fast the shawl's silk stirs.
pub(crate) fn shawl_stir(still: bool) -> f32 {
    if still { 0.0 } else { 1.0 }
}

/// Where a heart pane flying `from` → `to` is at `t` (0..1) of the heart's assembling, arcing
/// up on the way. Still, each pane is already in its place.
pub(crate) fn heart_flight(from: Vec3, to: Vec3, t: f32, still: bool) -> Vec3 {
    if still {
        return to;
    }
    let eased = t * t * (3.0 - 2.0 * t);
    from.lerp(to, eased) + Vec3::Y * (eased * std::f32::consts::PI).sin() * 0.8
}
