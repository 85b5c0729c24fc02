//! The level files' types: points, bounds, obstacles, the door candidates, the garden's
//! lotus, river, fragments, voices and fragrances; and the small geometry they need.

use bevy::math::ops;
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::core::fingerprint::Fingerprint;

/// The level format this build reads.
pub(crate) const LEVEL_FORMAT_VERSION: u32 = 2;
/// How close (metres) the dreamer must come to a thing to reach it.
pub const REACH_DISTANCE: f32 = 1.2;

/// A point on the ground plane, in metres (x to the east, z to the south).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    pub x: f32,
    pub z: f32,
}

impl Point {
    pub fn vec(self) -> Vec2 {
        Vec2::new(self.x, self.z)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spawn {
    pub at: Point,
    /// Degrees; 0 looks north (toward -z), 90 looks west.
    pub facing: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    pub min: Point,
    pub max: Point,
}

impl Bounds {
    pub fn contains(&self, p: Vec2, margin: f32) -> bool {
        p.x >= self.min.x + margin
            && p.x <= self.max.x - margin
            && p.y >= self.min.z + margin
            && p.y <= self.max.z - margin
    }

    pub fn clamp(&self, p: Vec2, margin: f32) -> Vec2 {
        Vec2::new(
            p.x.clamp(self.min.x + margin, self.max.x - margin),
            p.y.clamp(self.min.z + margin, self.max.z - margin),
        )
    }

    pub fn size(&self) -> Vec2 {
        self.max.vec() - self.min.vec()
    }

    pub fn center(&self) -> Vec2 {
        (self.min.vec() + self.max.vec()) * 0.5
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Footprint {
    pub width: f32,
    pub depth: f32,
}

/// Something the dreamer cannot pass through: a tower in the city, a moss-grown boulder in the
/// garden. Its footprint is a rectangle on the ground, turned by `turn` degrees; `lean` shifts
/// its top (metres), so towers can lean together without changing where the dreamer walks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Obstacle {
    pub id: String,
    pub at: Point,
    pub footprint: Footprint,
    pub height: f32,
    #[serde(default)]
    pub lean: Point,
    #[serde(default)]
    pub turn: f32,
}

impl Obstacle {
    fn half_extents(&self) -> Vec2 {
        Vec2::new(self.footprint.width, self.footprint.depth) * 0.5
    }

    fn to_local(&self, p: Vec2) -> Vec2 {
        let (sin, cos) = ops::sin_cos(self.turn.to_radians());
        let d = p - self.at.vec();
        // Rotate by -turn into the footprint's own axes.
        Vec2::new(d.x * cos - d.y * sin, d.x * sin + d.y * cos)
    }

    fn to_world_direction(&self, v: Vec2) -> Vec2 {
        let (sin, cos) = ops::sin_cos(self.turn.to_radians());
        Vec2::new(v.x * cos + v.y * sin, -v.x * sin + v.y * cos)
    }

    /// Whether a circle of `radius` at `p` may come within reach of the footprint: a quick,
    /// generous test against the footprint's bounding circle that lets far obstacles be
    /// skipped without the exact (and dearer) `clearance`.
    pub fn may_touch(&self, p: Vec2, radius: f32) -> bool {
        let half_diagonal = (self.footprint.width * self.footprint.width
            + self.footprint.depth * self.footprint.depth)
            .sqrt()
            * 0.5;
        let reach = half_diagonal + radius + 0.01;
        p.distance_squared(self.at.vec()) <= reach * reach
    }

    /// How far `p` is outside the footprint (negative inside) and the outward direction.
    pub fn clearance(&self, p: Vec2) -> (f32, Vec2) {
        let local = self.to_local(p);
        let half = self.half_extents();
        let outside = local.abs() - half;
        if outside.x > 0.0 || outside.y > 0.0 {
            let nearest = local.clamp(-half, half);
            let away = local - nearest;
            let distance = away.length();
            (distance, self.to_world_direction(away / distance))
        } else {
            // Inside: leave by the nearest face.
            let normal = if outside.x > outside.y {
                Vec2::new(local.x.signum(), 0.0)
            } else {
                Vec2::new(0.0, local.y.signum())
            };
            (outside.x.max(outside.y), self.to_world_direction(normal))
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DoorCandidate {
    pub id: String,
    pub at: Point,
    /// Degrees: the direction the door's front looks.
    pub facing: f32,
}

/// Something spoken: who, what, and the sound file of it under `assets/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spoken {
    pub speaker: String,
    pub line: String,
    pub audio: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lotus {
    pub at: Point,
    pub radius: f32,
    /// What the trees grown from planted worries whisper.
    pub whisper: Spoken,
}

/// A fragrance swirling in the garden: entering its zone shows its name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fragrance {
    pub name: String,
    pub at: Point,
    pub radius: f32,
    /// Linear RGB of its wisps.
    pub color: (f32, f32, f32),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct River {
    pub width: f32,
    pub path: Vec<Point>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fragments {
    pub count: u32,
    pub candidates: Vec<FragmentPlace>,
}

/// A place a fragment may wash up, and the memory it holds: shown and softly spoken when the
/// fragment is gathered, and listed on waking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FragmentPlace {
    pub at: Point,
    pub memory: Spoken,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoiceFlower {
    pub id: String,
    pub at: Point,
    pub speaker: String,
    pub line: String,
    /// Path under `assets/`.
    pub audio: String,
}

impl VoiceFlower {
    /// What the flower says, as any spoken line is kept.
    pub fn spoken(&self) -> Spoken {
        Spoken {
            speaker: self.speaker.clone(),
            line: self.line.clone(),
            audio: self.audio.clone(),
        }
    }
}

/// How the city's warmth drains as the dreamer walks: from 1 to `floor` over `distance`
/// metres walked (never by time).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Darkening {
    pub distance: f32,
    pub floor: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LevelKind {
    City,
    Garden,
}

/// One level file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelDef {
    pub version: u32,
    pub kind: LevelKind,
    pub name: String,
    pub spawn: Spawn,
    pub bounds: Bounds,
    #[serde(default)]
    pub obstacles: Vec<Obstacle>,
    #[serde(default)]
    pub doors: Vec<DoorCandidate>,
    /// The city: how its warmth drains.
    #[serde(default)]
    pub darkening: Option<Darkening>,
    /// The city: how many worries cling to the dreamer by the time warmth reaches its floor.
    #[serde(default)]
    pub worries: u32,
    #[serde(default)]
    pub lotus: Option<Lotus>,
    #[serde(default)]
    pub river: Option<River>,
    #[serde(default)]
    pub fragments: Option<Fragments>,
    #[serde(default)]
    pub voices: Vec<VoiceFlower>,
    #[serde(default)]
    pub fragrances: Vec<Fragrance>,
    /// The garden: what the moon says as she wraps the dreamer in the shawl.
    #[serde(default)]
    pub moon: Option<Spoken>,
    /// The garden: the closing lines, spoken as the dreamer wakes.
    #[serde(default)]
    pub waking: Option<Spoken>,
}

/// The dreamer's body: a circle this wide (metres) on the ground.
pub const DREAMER_RADIUS: f32 = 0.4;

/// The point of the polyline through `path` nearest `p` (none without a segment).
pub(crate) fn nearest_on_path(path: &[Point], p: Vec2) -> Option<Vec2> {
    path.windows(2)
        .map(|pair| {
            let (a, b) = (pair[0].vec(), pair[1].vec());
            let ab = b - a;
            let t = ((p - a).dot(ab) / ab.length_squared().max(1e-6)).clamp(0.0, 1.0);
            a + ab * t
        })
        .min_by(|x, y| p.distance_squared(*x).total_cmp(&p.distance_squared(*y)))
}

/// Distance from `p` to the polyline through `path`.
pub(crate) fn distance_to_path(path: &[Point], p: Vec2) -> f32 {
    nearest_on_path(path, p).map_or(f32::MAX, |nearest| p.distance(nearest))
}

impl River {
    /// How far `p` is from the river's middle line.
    pub fn distance(&self, p: Vec2) -> f32 {
        distance_to_path(&self.path, p)
    }

    /// The point of the river's middle line nearest `p`.
    pub fn nearest(&self, p: Vec2) -> Option<Vec2> {
        nearest_on_path(&self.path, p)
    }
}

impl LevelDef {
    /// Feeds everything that can change how a run plays (see `Levels::fingerprint`).
    pub fn feed_fingerprint(&self, hash: &mut Fingerprint) {
        let mut number = |value: f32| hash_f32(hash, value);
        number(self.spawn.at.x);
        number(self.spawn.at.z);
        number(self.spawn.facing);
        for corner in [self.bounds.min, self.bounds.max] {
            number(corner.x);
            number(corner.z);
        }
        // Not the format version: a file rewritten in a newer format plays the same.
        hash.feed(&[self.kind as u8]);
        hash.feed_u64(self.obstacles.len() as u64);
        for obstacle in &self.obstacles {
            hash.feed(obstacle.id.as_bytes());
            for value in [
                obstacle.at.x,
                obstacle.at.z,
                obstacle.footprint.width,
                obstacle.footprint.depth,
                obstacle.height,
                obstacle.lean.x,
                obstacle.lean.z,
                obstacle.turn,
            ] {
                hash_f32(hash, value);
            }
        }
        hash.feed_u64(self.doors.len() as u64);
        for door in &self.doors {
            hash.feed(door.id.as_bytes());
            for value in [door.at.x, door.at.z, door.facing] {
                hash_f32(hash, value);
            }
        }
        if let Some(darkening) = self.darkening {
            hash_f32(hash, darkening.distance);
            hash_f32(hash, darkening.floor);
        }
        hash.feed_u64(u64::from(self.worries));
        if let Some(lotus) = &self.lotus {
            for value in [lotus.at.x, lotus.at.z, lotus.radius] {
                hash_f32(hash, value);
            }
        }
        hash.feed_u64(self.fragrances.len() as u64);
        for fragrance in &self.fragrances {
            for value in [fragrance.at.x, fragrance.at.z, fragrance.radius] {
                hash_f32(hash, value);
            }
        }
        if let Some(river) = &self.river {
            hash_f32(hash, river.width);
            hash.feed_u64(river.path.len() as u64);
            for point in &river.path {
                hash_f32(hash, point.x);
                hash_f32(hash, point.z);
            }
        }
        if let Some(fragments) = &self.fragments {
            hash.feed_u64(u64::from(fragments.count));
            hash.feed_u64(fragments.candidates.len() as u64);
            for place in &fragments.candidates {
                hash_f32(hash, place.at.x);
                hash_f32(hash, place.at.z);
            }
        }
        hash.feed_u64(self.voices.len() as u64);
        for voice in &self.voices {
            hash.feed(voice.id.as_bytes());
            hash_f32(hash, voice.at.x);
            hash_f32(hash, voice.at.z);
        }
    }
}

fn hash_f32(hash: &mut Fingerprint, value: f32) {
    hash.feed(&value.to_bits().to_le_bytes());
}
