//! Cloth: the shawl of hope, draped around the dreamer's shoulders.

use bevy::prelude::*;

use super::MeshParts;

/// The shawl as the dreamer sees it, in the camera's own space (looking down −Z): a band of
/// silk around the bottom and sides of the view, `distance` in front of the eyes, folded.
/// uv.x runs along the band (0..1 from left to right), uv.y from its outer edge (0, out of
/// view) to its inner, loose edge (1).
pub fn shawl(distance: f32) -> MeshParts {
    const ALONG: usize = 72;
    const ACROSS: usize = 8;
    let mut parts = MeshParts::default();
    let mut rows = Vec::new();
    for i in 0..=ALONG {
        let u = i as f32 / ALONG as f32;
        // From the left shoulder, under the chin, to the right shoulder.
        let angle = (-105.0 + 210.0 * u).to_radians();
        let at_sides = angle.sin().abs();
        // Only its edge is in view: a little across the bottom, a little up the sides.
        let inner = distance * (0.56 + 0.44 * at_sides);
        let outer = distance * 1.5;
        let folds = (u * 38.0).sin() * 0.5 + (u * 17.0 + 1.3).sin() * 0.5;
        let row: Vec<u32> = (0..=ACROSS)
            .map(|j| {
                let v = j as f32 / ACROSS as f32;
                let radius = outer + (inner - outer) * v + folds * 0.012 * distance * v;
                let direction = Vec2::new(angle.sin(), -angle.cos());
                let position = (direction * radius).extend(-distance - folds * 0.03 * distance);
                // Facing the eyes, tipped a little with the folds.
                let normal = Vec3::new(folds * 0.25 * direction.x, folds * 0.25 * direction.y, 1.0);
                parts.vertex(position, normal, Vec2::new(u, v), LinearRgba::WHITE)
            })
            .collect();
        rows.push(row);
    }
    for pair in rows.windows(2) {
        for j in 0..ACROSS {
            parts.quad(pair[0][j], pair[1][j], pair[1][j + 1], pair[0][j + 1]);
        }
    }
    parts
}
