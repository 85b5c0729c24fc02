//! Living shapes: the meadow's flowers, glints of stardust and starlight, the lotus, and the
//! young trees that grow out of planted worries.

use std::f32::consts::{PI, TAU};

use bevy::prelude::*;

use crate::view::world::shapes::{MeshParts, limb};

/// One flower: a slender stem, `petals` cupped petals and a heart, coloured through vertex
/// colours so a whole meadow shares one material.
pub fn flower(
    petals: u32,
    petal_length: f32,
    stem_height: f32,
    petal: LinearRgba,
    heart: LinearRgba,
) -> MeshParts {
    let mut parts = flower_stem(stem_height);
    parts.append(
        &flower_bloom(petals, petal_length, stem_height, petal, heart),
        &Transform::IDENTITY,
    );
    parts
}

/// A flower's slender stem, `stem_height` tall.
pub(crate) fn flower_stem(stem_height: f32) -> MeshParts {
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
    parts
}

/// A flower's bloom atop a stem `stem_height` tall: `petals` cupped petals and a heart.
pub(crate) fn flower_bloom(
    petals: u32,
    petal_length: f32,
    stem_height: f32,
    petal: LinearRgba,
    heart: LinearRgba,
) -> MeshParts {
    let mut parts = MeshParts::default();
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
pub(crate) fn glint(size: f32, color: LinearRgba) -> MeshParts {
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
pub(crate) fn lotus_petals(radius: f32) -> MeshParts {
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

/// A young tree grown from a worry: roots tangling up out of the ground, a slender trunk,
/// branches in fresh leaf, and small luminous blossoms at their tips. `seed` varies its shape.
pub(crate) fn young_tree(seed: u32) -> MeshParts {
    let mut parts = MeshParts::default();
    let bark = LinearRgba::rgb(0.13, 0.075, 0.05);
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
        // A spray of new leaves around each tip, and a blossom opening among them.
        for _ in 0..14 {
            let out = Vec3::new(random() - 0.5, random() * 0.8 - 0.2, random() - 0.5)
                .normalize_or(Vec3::Y);
            let green = LinearRgba::rgb(0.18 + random() * 0.1, 0.45 + random() * 0.25, 0.2);
            leaf(
                &mut parts,
                tip + out * (0.06 + random() * 0.26),
                out,
                0.2 + random() * 0.1,
                green,
            );
        }
        let pink = LinearRgba::rgb(1.5, 0.95 + random() * 0.3, 1.15);
        parts.append(
            &glint(0.24, pink),
            &Transform::from_translation(tip + Vec3::Y * 0.05)
                .with_rotation(Quat::from_rotation_x(random() * 1.2 - 0.6)),
        );
    }
    parts
}

/// A leaf `length` long growing out along `out` from `at`: a slender diamond, its face turned
/// up toward the light.
fn leaf(parts: &mut MeshParts, at: Vec3, out: Vec3, length: f32, color: LinearRgba) {
    let side = out.cross(Vec3::Y).normalize_or(Vec3::X) * length * 0.22;
    let normal = side.cross(out).normalize_or(Vec3::Y);
    let normal = if normal.y < 0.0 { -normal } else { normal };
    let tip = at + out * length;
    let middle = at + out * length * 0.45;
    let ids = [
        parts.vertex(at, normal, Vec2::ZERO, color * 0.8),
        parts.vertex(middle + side, normal, Vec2::X, color),
        parts.vertex(tip, normal, Vec2::ONE, color * 1.2),
        parts.vertex(middle - side, normal, Vec2::Y, color),
    ];
    parts.quad(ids[0], ids[1], ids[2], ids[3]);
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

/// Half of a worry's stone, cracked open like a geode: a bowl of `radius` whose closed back
/// lies toward `side` (+1 or −1 along x) and whose rim is the jagged line of the crack. The
/// first part is the stone's outside (facing out), the second its hollow inside (facing in),
/// so each can have its own material: grey stone without, light within. The two halves of
/// one stone meet along the same crack.
pub(crate) fn worry_half(radius: f32, side: f32) -> (MeshParts, MeshParts) {
    const AROUND: usize = 28;
    const DOWN: usize = 8;
    // The crack zigzags round the stone.
    let rim = |a: f32| PI * 0.5 + 0.16 * (1.0 - 2.0 * ((a * 7.0 / TAU).fract() - 0.5).abs() * 2.0);
    let point = |a: f32, polar: f32, r: f32| {
        Vec3::new(
            side * r * polar.cos(),
            r * polar.sin() * a.cos(),
            r * polar.sin() * a.sin(),
        )
    };
    let white = LinearRgba::WHITE;
    let shell = |r: f32, inward: bool| {
        let mut parts = MeshParts::default();
        let rows: Vec<Vec<u32>> = (0..=DOWN)
            .map(|k| {
                (0..=AROUND)
                    .map(|i| {
                        let a = TAU * i as f32 / AROUND as f32;
                        let polar = rim(a) * k as f32 / DOWN as f32;
                        let at = point(a, polar, r);
                        let normal = if inward { -at } else { at };
                        parts.vertex(at, normal, Vec2::new(i as f32, k as f32), white)
                    })
                    .collect()
            })
            .collect();
        // Wound so the outside faces out and the inside in, whichever way the half lies.
        let flip = (side > 0.0) != inward;
        for pair in rows.windows(2) {
            for i in 0..AROUND {
                let (a, b, c, d) = (pair[0][i], pair[0][i + 1], pair[1][i + 1], pair[1][i]);
                if flip {
                    parts.quad(a, d, c, b);
                } else {
                    parts.quad(a, b, c, d);
                }
            }
        }
        parts
    };
    (shell(radius, false), shell(radius * 0.9, true))
}

/// A moss-grown boulder resting in the meadow, `width` × `depth` across and `height` tall:
/// a sphere sunk into the ground and knocked irregular, moss on what faces the sky and bare
/// blue-grey stone on its flanks. `seed` varies its lumps.
pub(crate) fn mossy_boulder(width: f32, depth: f32, height: f32, seed: u32) -> MeshParts {
    const RINGS: usize = 12;
    const SEGMENTS: usize = 20;
    // How far round the sphere reaches before the ground hides it.
    const SUNK: f32 = 0.62 * PI;
    let phase =
        |k: u32| (seed.wrapping_mul(2_654_435_761).wrapping_add(k * 40_503) % 6283) as f32 / 1000.0;
    let (p1, p2, p3) = (phase(1), phase(2), phase(3));
    let radius = height / (1.0 - SUNK.cos());
    let lift = -radius * SUNK.cos();
    let point = |ring: usize, segment: usize| {
        let theta = ring as f32 / RINGS as f32 * SUNK;
        let phi = segment as f32 / SEGMENTS as f32 * TAU;
        let lump = 1.0
            + 0.11 * (3.0 * phi + p1).sin() * (2.0 * theta + p2).sin()
            + 0.05 * (5.0 * phi + p3).sin()
            + 0.04 * (7.0 * theta + 2.0 * phi + p1).sin();
        Vec3::new(
            theta.sin() * phi.cos() * width * 0.5 * lump,
            (theta.cos() * radius * lump.sqrt() + lift).max(0.0),
            theta.sin() * phi.sin() * depth * 0.5 * lump,
        )
    };
    let positions: Vec<Vec<Vec3>> = (0..=RINGS)
        .map(|ring| (0..=SEGMENTS).map(|segment| point(ring, segment)).collect())
        .collect();
    // Smooth normals from the neighbours: across the ring and down the meridian.
    let normal = |ring: usize, segment: usize| {
        let around = positions[ring][(segment + 1) % SEGMENTS]
            - positions[ring][(segment + SEGMENTS - 1) % SEGMENTS];
        let down =
            positions[(ring + 1).min(RINGS)][segment] - positions[ring.saturating_sub(1)][segment];
        let n = down.cross(around);
        if ring == 0 || n.length_squared() < 1e-8 {
            Vec3::Y
        } else {
            n.normalize()
        }
    };
    let moss = LinearRgba::rgb(0.07, 0.17, 0.1);
    let stone = LinearRgba::rgb(0.15, 0.15, 0.2);
    let mut parts = MeshParts::default();
    let mut index = vec![vec![0u32; SEGMENTS + 1]; RINGS + 1];
    for ring in 0..=RINGS {
        for segment in 0..=SEGMENTS {
            let n = normal(ring, segment % SEGMENTS);
            let mossy = ((n.y - 0.35) / 0.3).clamp(0.0, 1.0);
            index[ring][segment] = parts.vertex(
                positions[ring][segment],
                n,
                Vec2::new(segment as f32 / SEGMENTS as f32, ring as f32 / RINGS as f32),
                stone.mix(&moss, mossy),
            );
        }
    }
    for ring in 0..RINGS {
        for segment in 0..SEGMENTS {
            parts.quad(
                index[ring][segment],
                index[ring][segment + 1],
                index[ring + 1][segment + 1],
                index[ring + 1][segment],
            );
        }
    }
    parts
}
