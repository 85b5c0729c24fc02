//! Stained glass: the outlines of the fragments' shards, panes cut to them, and their small
//! pictures for the HUD.

use bevy::prelude::*;

use super::{MeshParts, rgba_image};
use crate::dream::river::Shard;

/// The outline of a fragment's shard, about a unit across, counter-clockwise.
pub fn shard_outline(shard: Shard) -> Vec<Vec2> {
    let arc = |centre: Vec2, radius: f32, from: f32, to: f32, steps: usize| -> Vec<Vec2> {
        (0..=steps)
            .map(|i| {
                let a = (from + (to - from) * i as f32 / steps as f32).to_radians();
                centre + Vec2::new(a.cos(), a.sin()) * radius
            })
            .collect()
    };
    match shard {
        Shard::Triangle => vec![
            Vec2::new(0.0, 1.1),
            Vec2::new(-0.95, -0.6),
            Vec2::new(0.95, -0.6),
        ],
        Shard::Diamond => vec![
            Vec2::new(0.0, 1.2),
            Vec2::new(-0.7, 0.0),
            Vec2::new(0.0, -1.2),
            Vec2::new(0.7, 0.0),
        ],
        Shard::Teardrop => {
            let mut points = vec![Vec2::new(0.0, 1.3)];
            points.extend(arc(Vec2::new(0.0, -0.2), 0.75, 150.0, 390.0, 16));
            points
        }
        Shard::Crescent => {
            let mut points = arc(Vec2::ZERO, 1.0, 40.0, 320.0, 20);
            points.extend(arc(Vec2::new(0.45, 0.0), 0.72, 290.0, 70.0, 20));
            points
        }
        Shard::Star => (0..10)
            .map(|i| {
                let a = (90.0 + 36.0 * i as f32).to_radians();
                let r = if i % 2 == 0 { 1.1 } else { 0.45 };
                Vec2::new(a.cos(), a.sin()) * r
            })
            .collect(),
        Shard::Leaf => {
            let side = |sign: f32| -> Vec<Vec2> {
                (0..=12)
                    .map(|i| {
                        let y = -1.2 + 2.4 * i as f32 / 12.0;
                        Vec2::new(
                            sign * 0.55 * (std::f32::consts::PI * (y + 1.2) / 2.4).sin(),
                            y,
                        )
                    })
                    .collect()
            };
            let mut points = side(1.0);
            points.extend(side(-1.0).into_iter().rev().skip(1));
            points.pop();
            points
        }
        Shard::Circle => arc(Vec2::ZERO, 0.9, 0.0, 345.0, 23),
    }
}

/// Whether `p` lies inside the closed polygon `outline` (even-odd rule).
pub fn inside_outline(outline: &[Vec2], p: Vec2) -> bool {
    let mut inside = false;
    let mut j = outline.len() - 1;
    for i in 0..outline.len() {
        let (a, b) = (outline[i], outline[j]);
        if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// A thin pane of stained glass in a shard's shape, standing upright (the XY plane).
pub fn shard_pane(shard: Shard, color: LinearRgba) -> MeshParts {
    let outline = shard_outline(shard);
    let mut parts = MeshParts::default();
    if shard == Shard::Crescent {
        // Not star-shaped: join the outer and inner arcs as a strip.
        let half = outline.len() / 2;
        let (outer, inner) = outline.split_at(half);
        let inner: Vec<Vec2> = inner.iter().rev().copied().collect();
        for i in 0..half.saturating_sub(1).min(inner.len().saturating_sub(1)) {
            let ids: Vec<u32> = [outer[i], outer[i + 1], inner[i + 1], inner[i]]
                .iter()
                .map(|p| parts.vertex(p.extend(0.0), Vec3::Z, *p * 0.5 + Vec2::splat(0.5), color))
                .collect();
            parts.quad(ids[0], ids[1], ids[2], ids[3]);
        }
        return parts;
    }
    let centre = parts.vertex(Vec3::ZERO, Vec3::Z, Vec2::splat(0.5), color * 1.4);
    let rim: Vec<u32> = outline
        .iter()
        .map(|p| parts.vertex(p.extend(0.0), Vec3::Z, *p * 0.5 + Vec2::splat(0.5), color))
        .collect();
    for i in 0..rim.len() {
        parts
            .indices
            .extend_from_slice(&[centre, rim[i], rim[(i + 1) % rim.len()]]);
    }
    parts
}

/// A small picture of a shard for the HUD: its shape in its colour, with a pale leading.
pub fn shard_image(shard: Shard, color: Color, filled: bool) -> Image {
    const SIZE: u32 = 48;
    let outline = shard_outline(shard);
    let fill = color.to_srgba();
    let mut data = Vec::with_capacity((SIZE * SIZE * 4) as usize);
    for y in 0..SIZE {
        for x in 0..SIZE {
            // Sample a little inside the edge too, to draw a lead line around the glass.
            let p = Vec2::new(x as f32 + 0.5, (SIZE - y) as f32 - 0.5) / SIZE as f32 * 2.8
                - Vec2::splat(1.4);
            let inside = inside_outline(&outline, p);
            let inner = inside_outline(&outline, p * 1.12);
            let rgba = match (inside, inner, filled) {
                (true, true, true) => [fill.red, fill.green, fill.blue, 0.95],
                (true, true, false) => [1.0, 1.0, 1.0, 0.08],
                (true, false, _) => [0.92, 0.9, 1.0, 0.85],
                _ => [0.0, 0.0, 0.0, 0.0],
            };
            data.extend(rgba.map(|c| (c.clamp(0.0, 1.0) * 255.0) as u8));
        }
    }
    rgba_image(SIZE, SIZE, data)
}
