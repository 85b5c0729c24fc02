//! The garden's logic: where the meadow's flowers grow (scattered by the dream's seed), and
//! the fragrances the dreamer walks into.

use std::f32::consts::TAU;

use bevy::math::ops;
use bevy::prelude::*;
use chacha20::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use super::walking::Dreamer;
use crate::core::flow::{AppState, Chapter, DreamSystems};
use crate::level::{LevelDef, Levels};

/// A flower of the meadow: where it grows, which of the species, how big and how turned.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlowerSpot {
    pub position: Vec2,
    pub species: u8,
    pub scale: f32,
    pub turn: f32,
}

/// Number of flower species in the meadow.
pub const SPECIES: u8 = 6;
/// Of those, how many grow where the dreamer can walk; the rest reach toward the horizon.
pub const MEADOW_NEAR: usize = 46_000;
/// Flowers in the meadow, the unreachable far field included.
pub const MEADOW_FLOWERS: usize = 60_000;
/// How far past the walkable bounds the meadow runs toward the horizon, metres.
pub(crate) const MEADOW_BEYOND: f32 = 140.0;

/// The meadow for a dream: scattered by its seed in soft drifts, clear of stones, the lotus
/// clearing, the river and the voice flowers.
pub fn meadow_layout(level: &LevelDef, seed: u64) -> Vec<FlowerSpot> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6d65_6164_6f77); // "meadow"
    let min = level.bounds.min.vec() - Vec2::splat(MEADOW_BEYOND);
    let max = level.bounds.max.vec() + Vec2::splat(MEADOW_BEYOND);
    let drift_phase = Vec2::new(rng.random_range(0.0..TAU), rng.random_range(0.0..TAU));
    let mut spots = Vec::with_capacity(MEADOW_FLOWERS);
    let mut near = 0;
    while spots.len() < MEADOW_FLOWERS {
        // Fill the walkable garden first, then the far field out to the horizon.
        let (lo, hi) = if near < MEADOW_NEAR {
            (level.bounds.min.vec(), level.bounds.max.vec())
        } else {
            (min, max)
        };
        let p = Vec2::new(rng.random_range(lo.x..hi.x), rng.random_range(lo.y..hi.y));
        let inside = level.bounds.contains(p, 0.0);
        if near >= MEADOW_NEAR && inside {
            continue;
        }
        // Soft drifts: denser in some places, sparse in others, never empty.
        let drift = (ops::sin(p.x * 0.045 + drift_phase.x) * ops::cos(p.y * 0.05 + drift_phase.y))
            * 0.5
            + 0.5;
        let density = if inside {
            0.3 + 0.7 * drift
        } else {
            0.2 + 0.5 * drift
        };
        if rng.random_range(0.0..1.0f32) > density || !room_for_a_flower(level, p) {
            continue;
        }
        if inside {
            near += 1;
        }
        // Each drift favours a colour, with strays of the others.
        let favoured = ((drift * 2.999 + ops::sin(p.x * 0.01)) * 2.0) as u8 % SPECIES;
        let species = if rng.random_range(0.0..1.0f32) < 0.7 {
            favoured
        } else {
            rng.random_range(0..SPECIES)
        };
        spots.push(FlowerSpot {
            position: p,
            species,
            scale: rng.random_range(1.0..1.9),
            turn: rng.random_range(0.0..TAU),
        });
    }
    spots
}

fn room_for_a_flower(level: &LevelDef, p: Vec2) -> bool {
    if level.obstacles.iter().any(|o| o.clearance(p).0 < 0.4) {
        return false;
    }
    if let Some(lotus) = &level.lotus
        && p.distance(lotus.at.vec()) < lotus.radius + 7.0
    {
        return false;
    }
    if let Some(river) = &level.river
        && river.distance(p) < river.width * 0.5 + 0.6
    {
        return false;
    }
    level.voices.iter().all(|v| p.distance(v.at.vec()) > 1.2)
}

/// The dreamer walked into a fragrance's air.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct FragranceNoticed {
    pub name: String,
}

/// The fragrance the dreamer stands in, if any.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct CurrentFragrance(pub Option<String>);

/// What happens in the garden regardless of how it looks: the fragrances.
pub fn plugin(app: &mut App) {
    app.add_message::<FragranceNoticed>()
        .init_resource::<CurrentFragrance>()
        .add_systems(
            OnEnter(AppState::Playing),
            |mut current: ResMut<CurrentFragrance>| {
                current.0 = None;
            },
        )
        .add_systems(FixedUpdate, breathe_fragrances.in_set(DreamSystems::Garden));
}

fn breathe_fragrances(
    levels: Res<Levels>,
    chapter: Res<State<Chapter>>,
    dreamers: Query<&Dreamer>,
    mut current: ResMut<CurrentFragrance>,
    mut noticed: MessageWriter<FragranceNoticed>,
) {
    let Ok(dreamer) = dreamers.single() else {
        return;
    };
    let here = if *chapter.get() == Chapter::Garden {
        levels
            .garden
            .fragrances
            .iter()
            .filter(|f| dreamer.position.distance(f.at.vec()) <= f.radius)
            .min_by(|a, b| {
                let da = dreamer.position.distance(a.at.vec()) / a.radius;
                let db = dreamer.position.distance(b.at.vec()) / b.radius;
                da.total_cmp(&db)
            })
            .map(|f| f.name.clone())
    } else {
        None
    };
    if here != current.0 {
        if let Some(name) = &here {
            noticed.write(FragranceNoticed { name: name.clone() });
        }
        current.0 = here;
    }
}
