//! Cloth: the shawl of hope, wrapped around the dreamer's shoulders.

use std::f32::consts::PI;

use bevy::prelude::*;

use crate::view::world::shapes::MeshParts;

/// How far past the loose edge the fringe hangs, in the band's uv.y.
pub(crate) const FRINGE: f32 = 0.16;

/// Rows of vertices in the fringe, beyond the hem.
const FRINGE_ROWS: usize = 3;

/// Where row `j` of a band of `across` rows of cloth (and the fringe's rows beyond them) lies
/// across it, in uv.y: the cloth's rows where `cloth` puts them (from 0..1), the fringe's
/// evenly past the hem.
fn across_band(j: usize, across: usize, cloth: impl Fn(f32) -> f32) -> f32 {
    if j <= across {
        cloth(j as f32 / across as f32)
    } else {
        1.0 + FRINGE * (j - across) as f32 / FRINGE_ROWS as f32
    }
}

/// Joins each row of vertices to the next with quads.
fn sew(parts: &mut MeshParts, rows: &[Vec<u32>]) {
    for pair in rows.windows(2) {
        for j in 0..pair[0].len() - 1 {
            parts.quad(pair[0][j], pair[1][j], pair[1][j + 1], pair[0][j + 1]);
        }
    }
}

/// The shawl as the dreamer sees it, in the camera's own space (looking down −Z), `distance`
/// in front of the eyes where the view is `half_width` × `half_height` across: its two ends
/// fall from above the view down either side and cross under the chin, the right end over
/// the left, their loose edges scalloped where the silk hangs in folds that run along it.
/// Each end is a band: uv.x runs along it (0 above the view .. 1 below it), uv.y from its
/// outer edge (0, out of view) to its loose, rolled edge (1); beyond that, to `1 + FRINGE`,
/// its fringe (the shader cuts it into tassels).
pub fn shawl(distance: f32, half_width: f32, half_height: f32) -> MeshParts {
    const ALONG: usize = 64;
    const ACROSS: usize = 28;
    let mut parts = MeshParts::default();
    // Left end (behind) first, then the right end over it.
    for (side, nearer, phase) in [(-1.0_f32, 0.0_f32, 0.0_f32), (1.0, 0.03, 1.7)] {
        let loose_edge = |s: f32| {
            let hang = (s * 9.0 + phase).sin() * 0.035 * half_width;
            Vec2::new(
                side * (half_width * (0.9 - 1.1 * s.powf(3.7)) + hang),
                half_height * (1.35 - 2.45 * s),
            )
        };
        // The folds follow the cloth's length, meandering a little.
        let fold = |s: f32, v: f32| (v * PI * 12.0 + (s * 4.0 + phase).sin() * 1.2).sin();
        let mut rows = Vec::new();
        for i in 0..=ALONG {
            let s = i as f32 / ALONG as f32;
            let inner = loose_edge(s);
            // Outward, away from a point above the middle of the view: off the screen's edge.
            let outward = (inner - Vec2::new(0.0, 0.3 * half_height)).normalize_or(Vec2::NEG_Y);
            let outer = inner + outward * 0.8 * half_width;
            let row: Vec<u32> = (0..=ACROSS + FRINGE_ROWS)
                .map(|j| {
                    // Rows crowd toward the loose edge, where the hem and fringe are.
                    let v = across_band(j, ACROSS, |t| 1.0 - (1.0 - t).powi(2));
                    let crease = fold(s, v.min(1.0));
                    let slope = (fold(s, v.min(1.0) + 0.01) - crease) / 0.01;
                    // The fringe carries on from the hem, drooping a little under its weight.
                    let at =
                        outer.lerp(inner, v) + Vec2::NEG_Y * (v - 1.0).max(0.0) * 1.3 * half_height;
                    let depth = -distance * (1.0 - nearer) + crease * 0.025 * distance;
                    let normal = Vec3::new(0.0, 0.0, 1.0) - (outward * slope * 0.04).extend(0.0);
                    parts.vertex(at.extend(depth), normal, Vec2::new(s, v), LinearRgba::WHITE)
                })
                .collect();
            rows.push(row);
        }
        sew(&mut parts, &rows);
    }
    parts
}

/// The shawl on its way down from the moon, `length` across and `width` deep, silk billowing
/// in the air, facing −Z (toward whoever it is coming to): uv as `shawl`'s bands, uv.x along it,
/// uv.y from its upper edge down to its loose, fringed edge (1, below; the fringe beyond, to
/// `1 + FRINGE`).
pub(crate) fn shawl_in_flight(length: f32, width: f32) -> MeshParts {
    const ALONG: usize = 48;
    const ACROSS: usize = 16;
    // Billowing: bellied out by the air it falls through, a slow wave along it, and the
    // folds that run along its length.
    // A shawl folded into a triangle, as shawls are worn: its fold along the top, its two
    // fringed edges meeting in a point below.
    let shape = |s: f32, v: f32| {
        let depth = width * (0.12 + 0.88 * (1.0 - (2.0 * s - 1.0).abs()));
        let belly = (s * PI).sin() * 0.3 * width;
        let wave = (s * PI * 3.0 + v * 1.5).sin() * 0.15 * width;
        let fold = (v.min(1.0) * PI * 6.0 + (s * 4.0).sin() * 1.2).sin() * 0.03 * width;
        let droop = (s * PI).sin() * 0.15 * width;
        let down = v.min(1.0) * depth + (v - 1.0).max(0.0) * width * 0.9;
        Vec3::new(
            (s - 0.5) * length,
            0.5 * width - down - droop,
            -(belly * (0.4 + 0.6 * v.min(1.0)) + wave + fold),
        )
    };
    let mut parts = MeshParts::default();
    let mut rows = Vec::new();
    for i in 0..=ALONG {
        let s = i as f32 / ALONG as f32;
        let row: Vec<u32> = (0..=ACROSS + FRINGE_ROWS)
            .map(|j| {
                let v = across_band(j, ACROSS, |t| t);
                let at = shape(s, v);
                let along = shape((s + 0.01).min(1.0), v) - shape((s - 0.01).max(0.0), v);
                let down = shape(s, v + 0.01) - shape(s, (v - 0.01).max(0.0));
                let normal = along.cross(down);
                // Seen whole, it shows its outer half's pattern: the silk's few broad folds, the
                // woven stars and moons, the gold border, the fringe (the whole band's many
                // folds, across so narrow a piece, read as the stripes of a rug).
                let pattern = if v <= 1.0 { 0.55 + 0.45 * v } else { v };
                parts.vertex(at, normal, Vec2::new(s, pattern), LinearRgba::WHITE)
            })
            .collect();
        rows.push(row);
    }
    sew(&mut parts, &rows);
    parts
}
