//! Water: a ribbon laid along the river's path.

use bevy::prelude::*;

use super::MeshParts;

/// A flat ribbon along a ground path, `width` wide, for water.
pub fn ribbon(path: &[Vec2], width: f32, height: f32) -> Mesh {
    let mut parts = MeshParts::default();
    let mut run = 0.0;
    let mut previous: Option<(u32, u32)> = None;
    // Resample the path finely so the ribbon bends smoothly.
    let mut points = Vec::new();
    for pair in path.windows(2) {
        let steps = (pair[0].distance(pair[1]) / 2.0).ceil().max(1.0) as usize;
        for s in 0..steps {
            points.push(pair[0].lerp(pair[1], s as f32 / steps as f32));
        }
    }
    points.extend(path.last());
    for (i, &p) in points.iter().enumerate() {
        let ahead = points.get(i + 1).copied().unwrap_or(p)
            - points.get(i.saturating_sub(1)).copied().unwrap_or(p);
        let side = Vec2::new(-ahead.y, ahead.x).normalize_or_zero() * width * 0.5;
        if i > 0 {
            run += p.distance(points[i - 1]);
        }
        let left = parts.vertex(
            Vec3::new(p.x - side.x, height, p.y - side.y),
            Vec3::Y,
            Vec2::new(0.0, run / width),
            LinearRgba::WHITE,
        );
        let right = parts.vertex(
            Vec3::new(p.x + side.x, height, p.y + side.y),
            Vec3::Y,
            Vec2::new(1.0, run / width),
            LinearRgba::WHITE,
        );
        if let Some((pl, pr)) = previous {
            parts.quad(pl, pr, right, left);
        }
        previous = Some((left, right));
    }
    parts.into_mesh()
}
