//! The city's shapes: leaning towers, the door's arch and the column of light above it.

use std::f32::consts::PI;

use bevy::prelude::*;

use crate::view::world::shapes::MeshParts;

/// How wide one bay of a tower's windows is, near enough (each face fits a whole number).
pub(crate) const WINDOW_BAY: f32 = 2.4;

/// Where one face of a tower starts in its texture's `u`: every face has its own run of
/// window bays, so the shader can tell each window of the city from every other.
const FACE_SPAN: f32 = 128.0;

/// A tower on a rectangular footprint whose top drifts by `lean` and narrows a little, the
/// faces finely divided so a ripple shader has vertices to move. Its walls' `u` counts window
/// bays (a whole number across each face, the faces of tower `facade` numbered apart from
/// every other tower's) and `v` is the height in metres over four.
pub(crate) fn leaning_tower(width: f32, depth: f32, height: f32, lean: Vec2, facade: u32) -> Mesh {
    const RINGS: u32 = 72;
    const TAPER: f32 = 0.82;
    let half = Vec2::new(width, depth) * 0.5;
    // The lean follows a soft curve, so towers bow toward each other rather than tilt stiffly.
    let ring_point = |corner: Vec2, t: f32| {
        let offset = lean * t * t;
        let scale = 1.0 + (TAPER - 1.0) * t;
        Vec3::new(
            corner.x * scale + offset.x,
            t * height,
            corner.y * scale + offset.y,
        )
    };
    let corners = [
        Vec2::new(-half.x, half.y),
        Vec2::new(half.x, half.y),
        Vec2::new(half.x, -half.y),
        Vec2::new(-half.x, -half.y),
    ];
    let mut parts = MeshParts::default();
    let white = LinearRgba::WHITE;
    for side in 0..4 {
        let (a, b) = (corners[side], corners[(side + 1) % 4]);
        let bays = (a.distance(b) / WINDOW_BAY).round().max(1.0);
        let start = ((facade * 4) as usize + side) as f32 * FACE_SPAN;
        let mut previous: Option<(u32, u32)> = None;
        for ring in 0..=RINGS {
            let t = ring as f32 / RINGS as f32;
            let (pa, pb) = (ring_point(a, t), ring_point(b, t));
            // Outward normal from the face's slope at this height.
            let dt = 1.0 / RINGS as f32;
            let up = ring_point(a, (t + dt).min(1.0)) - ring_point(a, (t - dt).max(0.0));
            let normal = (pb - pa).cross(up).normalize_or_zero();
            let v = t * height / 4.0;
            let ia = parts.vertex(pa, normal, Vec2::new(start, v), white);
            let ib = parts.vertex(pb, normal, Vec2::new(start + bays, v), white);
            if let Some((qa, qb)) = previous {
                parts.quad(qa, qb, ib, ia);
            }
            previous = Some((ia, ib));
        }
    }
    let top: Vec<u32> = corners
        .iter()
        .map(|&c| parts.vertex(ring_point(c, 1.0), Vec3::Y, c / 4.0, white))
        .collect();
    parts.quad(top[0], top[1], top[2], top[3]);
    parts.into_mesh()
}

/// A round-topped arch: two pillars and a half ring, `opening` wide inside and `crown`
/// high at the top of the opening, each side `thickness` thick and `depth` deep.
pub(crate) fn arch(opening: f32, crown: f32, thickness: f32, depth: f32) -> Mesh {
    const ARC_STEPS: usize = 32;
    let inner = opening * 0.5;
    let centre_radius = inner + thickness * 0.5;
    let spring = crown - inner;
    // Centre line of the arch body with the inward (toward the opening) direction.
    let mut line: Vec<(Vec2, Vec2)> = vec![
        (Vec2::new(-centre_radius, 0.0), Vec2::X),
        (Vec2::new(-centre_radius, spring), Vec2::X),
    ];
    for step in 1..ARC_STEPS {
        let angle = PI - PI * step as f32 / ARC_STEPS as f32;
        let outward = Vec2::new(angle.cos(), angle.sin());
        line.push((Vec2::new(0.0, spring) + outward * centre_radius, -outward));
    }
    line.push((Vec2::new(centre_radius, spring), -Vec2::X));
    line.push((Vec2::new(centre_radius, 0.0), -Vec2::X));

    let mut parts = MeshParts::default();
    let white = LinearRgba::WHITE;
    let half_depth = depth * 0.5;
    let half_thick = thickness * 0.5;
    let mut run = 0.0;
    let mut previous: Option<[u32; 8]> = None;
    for (index, &(centre, inward)) in line.iter().enumerate() {
        if index > 0 {
            run += centre.distance(line[index - 1].0);
        }
        let at = |across: f32, z: f32| (centre + inward * across).extend(z);
        let inward3 = inward.extend(0.0);
        let v = run / 2.0;
        // Each face gets its own vertices so its edges stay crisp.
        let ids = [
            parts.vertex(
                at(half_thick, half_depth),
                inward3,
                Vec2::new(0.0, v),
                white,
            ),
            parts.vertex(
                at(half_thick, -half_depth),
                inward3,
                Vec2::new(1.0, v),
                white,
            ),
            parts.vertex(
                at(-half_thick, half_depth),
                -inward3,
                Vec2::new(0.0, v),
                white,
            ),
            parts.vertex(
                at(-half_thick, -half_depth),
                -inward3,
                Vec2::new(1.0, v),
                white,
            ),
            parts.vertex(
                at(half_thick, half_depth),
                Vec3::Z,
                Vec2::new(0.0, v),
                white,
            ),
            parts.vertex(
                at(-half_thick, half_depth),
                Vec3::Z,
                Vec2::new(1.0, v),
                white,
            ),
            parts.vertex(
                at(half_thick, -half_depth),
                Vec3::NEG_Z,
                Vec2::new(0.0, v),
                white,
            ),
            parts.vertex(
                at(-half_thick, -half_depth),
                Vec3::NEG_Z,
                Vec2::new(1.0, v),
                white,
            ),
        ];
        if let Some(p) = previous {
            parts.quad(p[0], p[1], ids[1], ids[0]);
            parts.quad(p[3], p[2], ids[2], ids[3]);
            parts.quad(p[5], p[4], ids[4], ids[5]);
            parts.quad(p[6], p[7], ids[7], ids[6]);
        }
        previous = Some(ids);
    }
    let mut mesh = parts.into_mesh();
    // Winding is easier to reason about per face than to get right by hand everywhere: let the
    // material draw both sides.
    mesh.remove_attribute(Mesh::ATTRIBUTE_COLOR);
    mesh
}

/// A column of light as a flat ribbon in the XY plane (turned to face the eye where it is
/// drawn): `half_width` to each side of its middle, bright along the middle and fading
/// smoothly to nothing at its edges and its top, widening as it rises into haze.
pub(crate) fn soft_beam(half_width: f32, height: f32, color: LinearRgba) -> Mesh {
    const COLUMNS: usize = 13;
    const ROWS: usize = 16;
    let mut parts = MeshParts::default();
    let mut rows = Vec::new();
    for row in 0..=ROWS {
        let t = row as f32 / ROWS as f32;
        let widen = 1.0 + t * 2.5;
        let ids: Vec<u32> = (0..COLUMNS)
            .map(|column| {
                let across = column as f32 / (COLUMNS - 1) as f32 * 2.0 - 1.0;
                // A soft bell across its width, a long fade up its height.
                let strength = (1.0 - across * across).powi(3) * (1.0 - t).powi(2);
                parts.vertex(
                    Vec3::new(across * half_width * widen, t * height, 0.0),
                    Vec3::Z,
                    Vec2::new(column as f32 / (COLUMNS - 1) as f32, t),
                    color * strength,
                )
            })
            .collect();
        rows.push(ids);
    }
    for pair in rows.windows(2) {
        for column in 0..COLUMNS - 1 {
            parts.quad(
                pair[0][column],
                pair[0][column + 1],
                pair[1][column + 1],
                pair[1][column],
            );
        }
    }
    parts.into_mesh()
}
