//! Water: the river's surface laid along its path, the banks that lead down to it from the
//! meadow, and the reeds that grow along them.

use bevy::prelude::*;

use crate::view::world::shapes::MeshParts;

/// The path resampled every metre or two, so what follows it bends smoothly.
fn resample(path: &[Vec2]) -> Vec<Vec2> {
    let mut points = Vec::new();
    for pair in path.windows(2) {
        let steps = (pair[0].distance(pair[1]) / 1.5).ceil().max(1.0) as usize;
        for s in 0..steps {
            points.push(pair[0].lerp(pair[1], s as f32 / steps as f32));
        }
    }
    points.extend(path.last());
    points
}

/// The unit vector across the path at its `i`-th point (to its left going downstream).
fn across(points: &[Vec2], i: usize) -> Vec2 {
    let ahead = points.get(i + 1).copied().unwrap_or(points[i])
        - points
            .get(i.saturating_sub(1))
            .copied()
            .unwrap_or(points[i]);
    Vec2::new(-ahead.y, ahead.x).normalize_or_zero()
}

/// A strip along a ground path whose cross-section is `columns`: each an offset across the
/// path (metres, negative to the right), a height, and a colour. uv.x runs 0..1 across it,
/// uv.y along it in units of `uv_length` metres.
fn strip(path: &[Vec2], columns: &[(f32, f32, LinearRgba)], uv_length: f32) -> MeshParts {
    strip_shaped(path, columns, uv_length, |_, offset| offset)
}

/// A [`strip`] whose columns' offsets are reshaped along the way by `shape(run, offset)`.
fn strip_shaped(
    path: &[Vec2],
    columns: &[(f32, f32, LinearRgba)],
    uv_length: f32,
    shape: impl Fn(f32, f32) -> f32,
) -> MeshParts {
    let mut parts = MeshParts::default();
    let points = resample(path);
    let (first, last) = (columns[0].0, columns[columns.len() - 1].0);
    let mut run = 0.0;
    let mut previous: Option<Vec<u32>> = None;
    for (i, &p) in points.iter().enumerate() {
        if i > 0 {
            run += p.distance(points[i - 1]);
        }
        let side = across(&points, i);
        let row: Vec<u32> = columns
            .iter()
            .map(|&(offset, height, color)| {
                let at = p + side * shape(run, offset);
                let u = (offset - first) / (last - first);
                parts.vertex(
                    Vec3::new(at.x, height, at.y),
                    Vec3::Y,
                    Vec2::new(u, run / uv_length),
                    color,
                )
            })
            .collect();
        if let Some(before) = &previous {
            for c in 0..row.len() - 1 {
                parts.quad(before[c], before[c + 1], row[c + 1], row[c]);
            }
        }
        previous = Some(row);
    }
    parts
}

/// The water's surface along a ground path, `width` wide, at `height`.
pub(crate) fn ribbon(path: &[Vec2], width: f32, height: f32) -> Mesh {
    let white = LinearRgba::WHITE;
    strip(
        path,
        &[(-width * 0.5, height, white), (width * 0.5, height, white)],
        width,
    )
    .into_mesh()
}

/// The banks on both sides of water `width` wide: from the meadow's soft earth (`earth`) they
/// rise to a mossy lip and darken into wet mud at the water's edge, so the water lies in its
/// bed (all just above the flat ground, which would hide anything below it).
pub(crate) fn banks(path: &[Vec2], width: f32, reach: f32, earth: LinearRgba) -> MeshParts {
    let mud = LinearRgba::rgb(0.018, 0.017, 0.022);
    let moss = earth.mix(&LinearRgba::rgb(0.01, 0.02, 0.015), 0.5);
    let half = width * 0.5;
    let side = |sign: f32| {
        let mut columns = vec![
            (sign * (half - 0.4), 0.006, mud),
            (sign * (half + 0.3), 0.02, mud),
            (sign * (half + reach * 0.45), 0.03, moss),
            (sign * (half + reach), 0.004, earth),
        ];
        if sign < 0.0 {
            columns.reverse();
        }
        // The bank's outer edge wanders in and out, as earth does, never a ruled line.
        strip_shaped(path, &columns, 4.0, move |run, offset| {
            let beyond = (offset.abs() - half - 0.3).max(0.0);
            let wander =
                1.0 + 0.45 * (run * 0.37 + sign).sin() + 0.25 * (run * 1.13 + 2.0 * sign).sin();
            offset.signum() * (offset.abs() - beyond + beyond * wander)
        })
    };
    let mut parts = side(1.0);
    parts.append(&side(-1.0), &Transform::IDENTITY);
    parts
}

/// Tufts of reeds along both banks of water `width` wide: thin tapering blades, a few to a
/// tuft, leaning a little, placed by `seed`.
pub(crate) fn reeds(path: &[Vec2], width: f32, seed: u32) -> MeshParts {
    let mut parts = MeshParts::default();
    let mut state = seed.wrapping_mul(2_654_435_761) | 1;
    let mut random = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        (state % 10_000) as f32 / 10_000.0
    };
    let points = resample(path);
    for (i, &p) in points.iter().enumerate() {
        let side = across(&points, i);
        // Two or three tufts a side, from the water's edge up the bank toward the meadow.
        for sign in [1.0_f32, -1.0, 1.0, -1.0, 1.0, -1.0] {
            if random() < 0.3 {
                continue;
            }
            let root = p + side * sign * (width * 0.5 - 0.2 + random() * random() * 3.2);
            let blades = 4 + (random() * 6.0) as usize;
            for _ in 0..blades {
                let at = root + Vec2::new(random() - 0.5, random() - 0.5) * 0.35;
                let tall = 0.7 + random() * 1.0;
                let lean = Vec2::new(random() - 0.5, random() - 0.5) * 0.35;
                let facing = Vec2::from_angle(random() * std::f32::consts::TAU) * 0.025;
                let base = Vec3::new(at.x, 0.0, at.y);
                let tip = base + Vec3::new(lean.x, tall, lean.y);
                let green = LinearRgba::rgb(0.1, 0.2 + random() * 0.12, 0.14);
                let normal = Vec3::new(-facing.y, 0.0, facing.x);
                let a = parts.vertex(base - facing.extend(0.0).xzy(), normal, Vec2::ZERO, green);
                let b = parts.vertex(base + facing.extend(0.0).xzy(), normal, Vec2::X, green);
                let c = parts.vertex(tip, normal, Vec2::Y, green * 1.6);
                parts.indices.extend_from_slice(&[a, b, c]);
            }
        }
    }
    parts
}
