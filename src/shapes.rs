//! Procedural meshes: leaning towers, the door's arch, the sky dome, flowers and stardust,
//! built from code so every shape in the game is our own.

use std::f32::consts::{PI, TAU};

use bevy::asset::RenderAssetUsages;
use bevy::mesh::Indices;
use bevy::prelude::*;
use bevy::render::render_resource::PrimitiveTopology;

/// Vertices and triangles gathered before they become a `Mesh`; pieces can be merged so a
/// whole field of small things costs one draw call.
#[derive(Debug, Default, Clone)]
pub struct MeshParts {
    pub positions: Vec<[f32; 3]>,
    pub normals: Vec<[f32; 3]>,
    pub uvs: Vec<[f32; 2]>,
    pub colors: Vec<[f32; 4]>,
    pub indices: Vec<u32>,
}

impl MeshParts {
    fn vertex(&mut self, position: Vec3, normal: Vec3, uv: Vec2, color: LinearRgba) -> u32 {
        let index = self.positions.len() as u32;
        self.positions.push(position.to_array());
        self.normals.push(normal.normalize_or_zero().to_array());
        self.uvs.push(uv.to_array());
        // Vertex alpha is unused; HDR colours scaled up must not carry a scaled alpha along.
        self.colors.push(color.with_alpha(1.0).to_f32_array());
        index
    }

    fn quad(&mut self, a: u32, b: u32, c: u32, d: u32) {
        self.indices.extend_from_slice(&[a, b, c, a, c, d]);
    }

    /// Appends `other`, moved by `transform`.
    pub fn append(&mut self, other: &MeshParts, transform: &Transform) {
        let base = self.positions.len() as u32;
        let matrix = transform.to_matrix();
        for (position, normal) in other.positions.iter().zip(&other.normals) {
            self.positions.push(
                matrix
                    .transform_point3(Vec3::from_array(*position))
                    .to_array(),
            );
            self.normals.push(
                (transform.rotation * Vec3::from_array(*normal))
                    .normalize_or_zero()
                    .to_array(),
            );
        }
        self.uvs.extend_from_slice(&other.uvs);
        self.colors.extend_from_slice(&other.colors);
        self.indices.extend(other.indices.iter().map(|i| i + base));
    }

    pub fn into_mesh(self) -> Mesh {
        Mesh::new(
            PrimitiveTopology::TriangleList,
            RenderAssetUsages::RENDER_WORLD,
        )
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, self.positions)
        .with_inserted_attribute(Mesh::ATTRIBUTE_NORMAL, self.normals)
        .with_inserted_attribute(Mesh::ATTRIBUTE_UV_0, self.uvs)
        .with_inserted_attribute(Mesh::ATTRIBUTE_COLOR, self.colors)
        .with_inserted_indices(Indices::U32(self.indices))
    }
}

/// A tower on a rectangular footprint whose top drifts by `lean` and narrows a little, the
/// faces finely divided so a ripple shader has vertices to move.
pub fn leaning_tower(width: f32, depth: f32, height: f32, lean: Vec2) -> Mesh {
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
    let mut around = 0.0;
    for side in 0..4 {
        let (a, b) = (corners[side], corners[(side + 1) % 4]);
        let length = a.distance(b);
        let mut previous: Option<(u32, u32)> = None;
        for ring in 0..=RINGS {
            let t = ring as f32 / RINGS as f32;
            let (pa, pb) = (ring_point(a, t), ring_point(b, t));
            // Outward normal from the face's slope at this height.
            let dt = 1.0 / RINGS as f32;
            let up = ring_point(a, (t + dt).min(1.0)) - ring_point(a, (t - dt).max(0.0));
            let normal = (pb - pa).cross(up).normalize_or_zero();
            let v = t * height / 4.0;
            let ia = parts.vertex(pa, normal, Vec2::new(around / 4.0, v), white);
            let ib = parts.vertex(pb, normal, Vec2::new((around + length) / 4.0, v), white);
            if let Some((qa, qb)) = previous {
                parts.quad(qa, qb, ib, ia);
            }
            previous = Some((ia, ib));
        }
        around += length;
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
pub fn arch(opening: f32, crown: f32, thickness: f32, depth: f32) -> Mesh {
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

/// A sphere seen from inside, coloured by height from `stops` (sine of elevation, colour),
/// sorted from the nadir up.
pub fn sky_dome(radius: f32, stops: &[(f32, LinearRgba)]) -> Mesh {
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
pub fn sky_colors(stops: &[(f32, LinearRgba)]) -> Vec<[f32; 4]> {
    let mut colors = Vec::with_capacity(((SKY_RINGS + 1) * (SKY_SEGMENTS + 1)) as usize);
    for ring in 0..=SKY_RINGS {
        let color = gradient(stops, sky_elevation(ring).sin())
            .with_alpha(1.0)
            .to_f32_array();
        colors.extend(std::iter::repeat_n(color, (SKY_SEGMENTS + 1) as usize));
    }
    colors
}

/// An open column of light, bright at its foot and fading to nothing at the top; drawn
/// additively it reads as a glow rising into the sky.
pub fn light_beam(radius: f32, height: f32, color: LinearRgba) -> Mesh {
    const SEGMENTS: u32 = 16;
    const RINGS: u32 = 12;
    let mut parts = MeshParts::default();
    for ring in 0..=RINGS {
        let t = ring as f32 / RINGS as f32;
        let fade = (1.0 - t).powi(2);
        for segment in 0..=SEGMENTS {
            let angle = TAU * segment as f32 / SEGMENTS as f32;
            let out = Vec3::new(angle.cos(), 0.0, angle.sin());
            // Widens a little as it rises, like light diffusing into haze.
            let r = radius * (1.0 + t * 2.5);
            parts.vertex(
                out * r + Vec3::Y * t * height,
                out,
                Vec2::new(segment as f32 / SEGMENTS as f32, t),
                color * fade,
            );
        }
    }
    let row = SEGMENTS + 1;
    for ring in 0..RINGS {
        for segment in 0..SEGMENTS {
            let a = ring * row + segment;
            parts.quad(a, a + 1, a + row + 1, a + row);
        }
    }
    parts.into_mesh()
}

/// Colour at `t` along sorted stops, blended linearly.
pub fn gradient(stops: &[(f32, LinearRgba)], t: f32) -> LinearRgba {
    let Some(first) = stops.first() else {
        return LinearRgba::BLACK;
    };
    if t <= first.0 {
        return first.1;
    }
    for pair in stops.windows(2) {
        let ((t0, c0), (t1, c1)) = (pair[0], pair[1]);
        if t <= t1 {
            let f = ((t - t0) / (t1 - t0).max(1e-6)).clamp(0.0, 1.0);
            return c0.mix(&c1, f);
        }
    }
    stops[stops.len() - 1].1
}

/// One flower: a slender stem, `petals` cupped petals and a heart, coloured through vertex
/// colours so a whole meadow shares one material.
pub fn flower(
    petals: u32,
    petal_length: f32,
    stem_height: f32,
    petal: LinearRgba,
    heart: LinearRgba,
) -> MeshParts {
    let mut parts = MeshParts::default();
    let stem = LinearRgba::rgb(0.05, 0.16, 0.09);
    // Two crossed strips read as a round stem from every side.
    for angle in [0.0, PI / 2.0] {
        let side = Vec3::new(angle.cos(), 0.0, angle.sin()) * 0.012;
        let normal = Vec3::new(-angle.sin(), 0.0, angle.cos());
        let a = parts.vertex(-side, normal, Vec2::ZERO, stem);
        let b = parts.vertex(side, normal, Vec2::X, stem);
        let c = parts.vertex(side + Vec3::Y * stem_height, normal, Vec2::ONE, stem);
        let d = parts.vertex(-side + Vec3::Y * stem_height, normal, Vec2::Y, stem);
        parts.quad(a, b, c, d);
    }
    let top = Vec3::Y * stem_height;
    for index in 0..petals {
        let angle = TAU * index as f32 / petals as f32;
        let out = Vec3::new(angle.cos(), 0.0, angle.sin());
        let across = Vec3::new(-angle.sin(), 0.0, angle.cos());
        // Petals rise as they reach out: a cup open to the sky.
        let tip = top + (out * 0.8 + Vec3::Y * 0.55).normalize() * petal_length;
        let middle = top + (out * 0.9 + Vec3::Y * 0.25).normalize() * petal_length * 0.5;
        let width = petal_length * 0.32;
        let normal = (tip - top).cross(across).normalize_or_zero();
        let base = parts.vertex(top, normal, Vec2::ZERO, heart.mix(&petal, 0.5));
        let left = parts.vertex(middle - across * width, normal, Vec2::X, petal);
        let end = parts.vertex(tip, normal, Vec2::ONE, petal * 1.25);
        let rightv = parts.vertex(middle + across * width, normal, Vec2::Y, petal);
        parts.quad(base, left, end, rightv);
    }
    let heart_top = top + Vec3::Y * petal_length * 0.12;
    for index in 0..5 {
        let a0 = TAU * index as f32 / 5.0;
        let a1 = TAU * (index + 1) as f32 / 5.0;
        let r = petal_length * 0.14;
        let p0 = top + Vec3::new(a0.cos(), 0.0, a0.sin()) * r;
        let p1 = top + Vec3::new(a1.cos(), 0.0, a1.sin()) * r;
        let i0 = parts.vertex(heart_top, Vec3::Y, Vec2::splat(0.5), heart);
        let i1 = parts.vertex(p0, Vec3::Y, Vec2::ZERO, heart);
        let i2 = parts.vertex(p1, Vec3::Y, Vec2::X, heart);
        parts.indices.extend_from_slice(&[i0, i1, i2]);
    }
    parts
}

/// A tiny four-pointed glint lying on the ground, for stardust and starlight.
pub fn glint(size: f32, color: LinearRgba) -> MeshParts {
    let mut parts = MeshParts::default();
    let centre = parts.vertex(Vec3::ZERO, Vec3::Y, Vec2::splat(0.5), color);
    let points: Vec<u32> = (0..8)
        .map(|i| {
            let angle = TAU * i as f32 / 8.0;
            let r = if i % 2 == 0 { size } else { size * 0.3 };
            parts.vertex(
                Vec3::new(angle.cos() * r, 0.0, angle.sin() * r),
                Vec3::Y,
                Vec2::ZERO,
                color * 0.6,
            )
        })
        .collect();
    for i in 0..8 {
        parts
            .indices
            .extend_from_slice(&[centre, points[(i + 1) % 8], points[i]]);
    }
    parts
}

/// The lotus: three rings of cupped petals around a glowing heart.
pub fn lotus_petals(radius: f32) -> MeshParts {
    let mut parts = MeshParts::default();
    let rings = [
        (10, radius * 0.95, 0.35, LinearRgba::rgb(1.0, 0.7, 0.85)),
        (8, radius * 0.7, 0.75, LinearRgba::rgb(1.0, 0.82, 0.92)),
        (6, radius * 0.45, 1.15, LinearRgba::rgb(1.0, 0.93, 0.97)),
    ];
    for (ring, &(count, length, rise, color)) in rings.iter().enumerate() {
        for i in 0..count {
            let angle = TAU * (i as f32 + ring as f32 * 0.5) / count as f32;
            let out = Vec3::new(angle.cos(), 0.0, angle.sin());
            let across = Vec3::new(-angle.sin(), 0.0, angle.cos());
            let base = Vec3::Y * 0.1;
            let tip = base + (out + Vec3::Y * rise).normalize() * length;
            let middle = base + (out * 1.0 + Vec3::Y * rise * 0.4).normalize() * length * 0.55;
            let width = length * 0.38;
            let normal = (tip - base).cross(across).normalize_or_zero();
            let heart = color.mix(&LinearRgba::rgb(1.0, 0.9, 0.5), 0.6);
            let a = parts.vertex(base, normal, Vec2::ZERO, heart);
            let b = parts.vertex(middle - across * width, normal, Vec2::X, color);
            let c = parts.vertex(tip, normal, Vec2::ONE, color);
            let d = parts.vertex(middle + across * width, normal, Vec2::Y, color);
            parts.quad(a, b, c, d);
        }
    }
    parts
}

/// A six-sided tapering limb from `from` to `to`.
fn limb(parts: &mut MeshParts, from: Vec3, to: Vec3, r0: f32, r1: f32, color: LinearRgba) {
    let axis = (to - from).normalize_or_zero();
    let side = axis.any_orthonormal_vector();
    let other = axis.cross(side);
    let ring = |centre: Vec3, r: f32, parts: &mut MeshParts| -> Vec<u32> {
        (0..=6)
            .map(|i| {
                let a = TAU * i as f32 / 6.0;
                let out = side * a.cos() + other * a.sin();
                parts.vertex(centre + out * r, out, Vec2::new(i as f32 / 6.0, 0.0), color)
            })
            .collect()
    };
    let bottom = ring(from, r0, parts);
    let top = ring(to, r1, parts);
    for i in 0..6 {
        parts.quad(bottom[i], top[i], top[i + 1], bottom[i + 1]);
    }
}

/// A young tree grown from a worry: roots tangling up out of the ground, a slender trunk,
/// branches, and small luminous blossoms at their tips. `seed` varies its shape.
pub fn young_tree(seed: u32) -> MeshParts {
    let mut parts = MeshParts::default();
    let bark = LinearRgba::rgb(0.16, 0.11, 0.14);
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    let mut random = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        (state % 10_000) as f32 / 10_000.0
    };
    // Roots: arcs that leave the trunk's foot and curl back into the earth.
    for i in 0..6 {
        let angle = TAU * (i as f32 + random() * 0.5) / 6.0;
        let out = Vec3::new(angle.cos(), 0.0, angle.sin());
        let knee = out * (0.35 + random() * 0.25) + Vec3::Y * (0.18 + random() * 0.12);
        let foot = out * (0.8 + random() * 0.4) - Vec3::Y * 0.05;
        limb(&mut parts, Vec3::Y * 0.25, knee, 0.07, 0.05, bark);
        limb(&mut parts, knee, foot, 0.05, 0.02, bark);
    }
    let mut tips = Vec::new();
    grow(
        &mut parts,
        &mut tips,
        Vec3::ZERO,
        Vec3::Y,
        1.3,
        0.13,
        4,
        &mut random,
        bark,
    );
    for tip in tips {
        let blossom = glint(0.16, LinearRgba::rgb(1.6, 1.5, 0.8));
        parts.append(
            &blossom,
            &Transform::from_translation(tip)
                .with_rotation(Quat::from_rotation_x(random() * 1.2 - 0.6)),
        );
    }
    parts
}

#[expect(
    clippy::too_many_arguments,
    reason = "a recursive branch carries its whole state"
)]
fn grow(
    parts: &mut MeshParts,
    tips: &mut Vec<Vec3>,
    from: Vec3,
    direction: Vec3,
    length: f32,
    radius: f32,
    depth: u32,
    random: &mut impl FnMut() -> f32,
    bark: LinearRgba,
) {
    let to = from + direction * length;
    limb(parts, from, to, radius, radius * 0.68, bark);
    if depth == 0 {
        tips.push(to);
        return;
    }
    let children = if depth > 2 { 2 } else { 3 };
    for child in 0..children {
        let spin = TAU * (child as f32 / children as f32 + random() * 0.3);
        let lean = 0.45 + random() * 0.35;
        let side = direction.any_orthonormal_vector();
        let around = Quat::from_axis_angle(direction, spin) * side;
        let new_direction = (direction * (1.0 - lean) + around * lean + Vec3::Y * 0.25).normalize();
        grow(
            parts,
            tips,
            to,
            new_direction,
            length * (0.62 + random() * 0.15),
            radius * 0.66,
            depth - 1,
            random,
            bark,
        );
    }
}

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

/// The outline of a fragment's shard, about a unit across, counter-clockwise.
pub fn shard_outline(shard: crate::river::Shard) -> Vec<Vec2> {
    use crate::river::Shard;
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
pub fn shard_pane(shard: crate::river::Shard, color: LinearRgba) -> MeshParts {
    let outline = shard_outline(shard);
    let mut parts = MeshParts::default();
    if shard == crate::river::Shard::Crescent {
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
pub fn shard_image(shard: crate::river::Shard, color: Color, filled: bool) -> Image {
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

/// A picture drawn in code: `width` × `height` sRGB pixels, four bytes each.
pub fn rgba_image(width: u32, height: u32, data: Vec<u8>) -> Image {
    Image::new(
        bevy::render::render_resource::Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        },
        bevy::render::render_resource::TextureDimension::D2,
        data,
        bevy::render::render_resource::TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::RENDER_WORLD,
    )
}
