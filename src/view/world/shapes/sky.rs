//! The sky: a dome seen from inside, coloured by height, whose colours can change in place.

use std::f32::consts::{PI, TAU};

use bevy::asset::RenderAssetUsages;
use bevy::prelude::*;

use crate::view::world::shapes::{MeshParts, gradient};

/// A sphere seen from inside, coloured by height from `stops` (sine of elevation, colour),
/// sorted from the nadir up.
pub(crate) fn sky_dome(radius: f32, stops: &[(f32, LinearRgba)]) -> Mesh {
    let mut parts = MeshParts::default();
    for ring in 0..=SKY_RINGS {
        let elevation = sky_elevation(ring);
        let height = elevation.sin();
        let color = gradient(stops, height);
        for segment in 0..=SKY_SEGMENTS {
            let azimuth = TAU * segment as f32 / SKY_SEGMENTS as f32;
            let direction = Vec3::new(
                elevation.cos() * azimuth.cos(),
                height,
                elevation.cos() * azimuth.sin(),
            );
            parts.vertex(
                direction * radius,
                -direction,
                Vec2::new(
                    segment as f32 / SKY_SEGMENTS as f32,
                    ring as f32 / SKY_RINGS as f32,
                ),
                color,
            );
        }
    }
    let row = SKY_SEGMENTS + 1;
    for ring in 0..SKY_RINGS {
        for segment in 0..SKY_SEGMENTS {
            let a = ring * row + segment;
            parts.quad(a, a + 1, a + row + 1, a + row);
        }
    }
    let mut mesh = parts.into_mesh();
    // Kept in the main world too, so `sky_colors` can recolour it as the mood changes.
    mesh.asset_usage = RenderAssetUsages::default();
    mesh
}

const SKY_SEGMENTS: u32 = 64;
const SKY_RINGS: u32 = 48;

fn sky_elevation(ring: u32) -> f32 {
    -PI / 2.0 + PI * ring as f32 / SKY_RINGS as f32
}

/// New vertex colours for a `sky_dome`, so a sky can change without rebuilding its mesh.
pub(crate) fn sky_colors(stops: &[(f32, LinearRgba)]) -> Vec<[f32; 4]> {
    let mut colors = Vec::with_capacity(((SKY_RINGS + 1) * (SKY_SEGMENTS + 1)) as usize);
    for ring in 0..=SKY_RINGS {
        let color = gradient(stops, sky_elevation(ring).sin())
            .with_alpha(1.0)
            .to_f32_array();
        colors.extend(std::iter::repeat_n(color, (SKY_SEGMENTS + 1) as usize));
    }
    colors
}
