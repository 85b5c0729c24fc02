//! Stained glass: the fragments' shard outlines and their bevelled shards, and the heart
//! window — its panes cut to the heart's outline, its lead came, and its picture for the HUD —
//! with the few polygon tools they need (clipping, triangulating).

use bevy::prelude::*;

use crate::dream::river::Shard;
use crate::view::world::shapes::{MeshParts, rgba_image};

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

/// Keeps the part of `polygon` on the side of the line through `origin` that `normal` points
/// to (Sutherland–Hodgman against one half-plane).
pub(crate) fn clip(polygon: &[Vec2], origin: Vec2, normal: Vec2) -> Vec<Vec2> {
    let side = |p: Vec2| (p - origin).dot(normal);
    let mut kept = Vec::with_capacity(polygon.len() + 2);
    for (i, &a) in polygon.iter().enumerate() {
        let b = polygon[(i + 1) % polygon.len()];
        let (sa, sb) = (side(a), side(b));
        if sa >= 0.0 {
            kept.push(a);
        }
        if (sa >= 0.0) != (sb >= 0.0) {
            kept.push(a + (b - a) * (sa / (sa - sb)));
        }
    }
    kept
}

/// Twice the signed area of `polygon` (positive counter-clockwise).
fn doubled_area(polygon: &[Vec2]) -> f32 {
    (0..polygon.len())
        .map(|i| polygon[i].perp_dot(polygon[(i + 1) % polygon.len()]))
        .sum()
}

/// The centre of mass of `polygon`.
pub fn centroid(polygon: &[Vec2]) -> Vec2 {
    let area = doubled_area(polygon);
    if area.abs() < 1e-9 {
        return polygon.iter().copied().sum::<Vec2>() / polygon.len().max(1) as f32;
    }
    let sum: Vec2 = (0..polygon.len())
        .map(|i| {
            let (a, b) = (polygon[i], polygon[(i + 1) % polygon.len()]);
            (a + b) * a.perp_dot(b)
        })
        .sum();
    sum / (3.0 * area)
}

/// Triangles covering the simple polygon `polygon` (any winding), by clipping ears.
pub(crate) fn triangulate(polygon: &[Vec2]) -> Vec<[usize; 3]> {
    let mut left: Vec<usize> = (0..polygon.len()).collect();
    if doubled_area(polygon) < 0.0 {
        left.reverse();
    }
    let mut triangles = Vec::new();
    let mut guard = 0;
    while left.len() > 3 && guard < polygon.len() * polygon.len() {
        guard += 1;
        let n = left.len();
        let ear = (0..n).find(|&i| {
            let (a, b, c) = (
                polygon[left[(i + n - 1) % n]],
                polygon[left[i]],
                polygon[left[(i + 1) % n]],
            );
            if (b - a).perp_dot(c - b) <= 1e-9 {
                return false;
            }
            left.iter().all(|&k| {
                let p = polygon[k];
                p == a || p == b || p == c || !in_triangle(p, a, b, c)
            })
        });
        // A polygon with no ear left (only slivers): fan the rest.
        let i = ear.unwrap_or(1);
        triangles.push([left[(i + n - 1) % n], left[i], left[(i + 1) % n]]);
        left.remove(i);
    }
    if left.len() == 3 {
        triangles.push([left[0], left[1], left[2]]);
    }
    triangles
}

fn in_triangle(p: Vec2, a: Vec2, b: Vec2, c: Vec2) -> bool {
    let d1 = (b - a).perp_dot(p - a);
    let d2 = (c - b).perp_dot(p - b);
    let d3 = (a - c).perp_dot(p - c);
    d1 >= 0.0 && d2 >= 0.0 && d3 >= 0.0
}

/// The heart's outline, counter-clockwise, about two units across: the classic heart curve,
/// its lobes up and its tip down.
pub fn heart_outline() -> Vec<Vec2> {
    const STEPS: usize = 96;
    (0..STEPS)
        .map(|i| {
            let t = std::f32::consts::TAU * i as f32 / STEPS as f32;
            Vec2::new(
                16.0 * t.sin().powi(3),
                13.0 * t.cos() - 5.0 * (2.0 * t).cos() - 2.0 * (3.0 * t).cos() - (4.0 * t).cos(),
            ) / 17.0
        })
        .rev()
        .collect()
}

/// One piece of glass in the heart window, leaded to its neighbours.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowPane {
    /// The fragment whose glass it is.
    pub fragment: usize,
    pub outline: Vec<Vec2>,
    /// The small piece cut in the fragment's own shard shape, so each fragment can be told
    /// by its outline as well as its colour.
    pub emblem: bool,
}

/// Where the window's radiating lead lines meet.
const HEART_CENTRE: Vec2 = Vec2::new(0.0, -0.02);

/// How far from `from` along `direction` the edge of `outline` lies.
fn reach(outline: &[Vec2], from: Vec2, direction: Vec2) -> f32 {
    let mut nearest = f32::INFINITY;
    for i in 0..outline.len() {
        let (a, b) = (outline[i], outline[(i + 1) % outline.len()]);
        let edge = b - a;
        let denominator = direction.perp_dot(edge);
        if denominator.abs() < 1e-9 {
            continue;
        }
        let t = (a - from).perp_dot(edge) / denominator;
        let u = (a - from).perp_dot(direction) / denominator;
        if t > 0.0 && (0.0..=1.0).contains(&u) {
            nearest = nearest.min(t);
        }
    }
    nearest
}

/// The heart window for these shards: one wedge of glass per fragment radiating from the
/// heart's middle, each cut across into an inner and an outer piece, and an emblem in the
/// shard's shape leaded into the outer one.
pub fn heart_window(shards: &[Shard]) -> Vec<WindowPane> {
    let outline = heart_outline();
    let count = shards.len().max(1);
    // Start at the cleft between the lobes; a little irregularity, as a glazier cuts by hand.
    let angle = |i: usize| {
        let wobble = [0.0, 0.06, -0.05, 0.04, -0.07, 0.05, -0.03, 0.07][i % 8];
        std::f32::consts::FRAC_PI_2 - std::f32::consts::TAU * (i as f32 + wobble) / count as f32
    };
    let mut panes = Vec::new();
    for (fragment, shard) in shards.iter().enumerate() {
        let (a0, a1) = (angle(fragment), angle(fragment + 1));
        let (d0, d1) = (Vec2::from_angle(a0), Vec2::from_angle(a1));
        // The wedge between two rays going clockwise: inside both half-planes.
        let mut wedge = clip(&outline, HEART_CENTRE, -d0.perp());
        wedge = clip(&wedge, HEART_CENTRE, d1.perp());
        if count == 1 {
            wedge.clone_from(&outline);
        }
        if wedge.len() < 3 {
            continue;
        }
        let cut_at =
            |d: Vec2, share: f32| HEART_CENTRE + d * reach(&outline, HEART_CENTRE, d) * share;
        let (p0, p1) = (cut_at(d0, 0.45), cut_at(d1, 0.52));
        let across = (p1 - p0).perp().normalize_or_zero();
        let towards_middle = if (HEART_CENTRE - p0).dot(across) > 0.0 {
            across
        } else {
            -across
        };
        let inner = clip(&wedge, p0, towards_middle);
        let outer = clip(&wedge, p0, -towards_middle);
        for piece in [inner, outer.clone()] {
            if piece.len() >= 3 {
                panes.push(WindowPane {
                    fragment,
                    outline: piece,
                    emblem: false,
                });
            }
        }
        if outer.len() >= 3 {
            let middle = centroid(&outer);
            let room = (0..outer.len())
                .map(|i| {
                    let (a, b) = (outer[i], outer[(i + 1) % outer.len()]);
                    let t = ((middle - a).dot(b - a) / (b - a).length_squared().max(1e-9))
                        .clamp(0.0, 1.0);
                    middle.distance(a + (b - a) * t)
                })
                .fold(f32::INFINITY, f32::min);
            let scale = room * 0.62 / 1.3;
            panes.push(WindowPane {
                fragment,
                outline: shard_outline(*shard)
                    .into_iter()
                    .map(|p| middle + p * scale)
                    .collect(),
                emblem: true,
            });
        }
    }
    panes
}

/// A pane of the window as a mesh: flat glass in the XY plane, a little in front of the lead
/// behind it when it is an emblem; uv is its place in the window, for the glass's texture.
pub(crate) fn window_glass(pane: &WindowPane) -> MeshParts {
    let mut parts = MeshParts::default();
    let z = if pane.emblem { 0.004 } else { 0.0 };
    let ids: Vec<u32> = pane
        .outline
        .iter()
        .map(|p| parts.vertex(p.extend(z), Vec3::Z, *p, LinearRgba::WHITE))
        .collect();
    for [a, b, c] in triangulate(&pane.outline) {
        parts.indices.extend_from_slice(&[ids[a], ids[b], ids[c]]);
    }
    parts
}

/// The lead came between the panes: a dark strip `width` wide along every edge of every pane,
/// standing `depth` proud of the glass on both sides, with a bead at each joint.
pub(crate) fn window_lead(panes: &[WindowPane], width: f32, depth: f32) -> MeshParts {
    let mut parts = MeshParts::default();
    let lead = LinearRgba::rgb(0.05, 0.045, 0.05);
    for pane in panes {
        let n = pane.outline.len();
        for i in 0..n {
            let (a, b) = (pane.outline[i], pane.outline[(i + 1) % n]);
            let side = (b - a).perp().normalize_or_zero() * width * 0.5;
            for face in [1.0_f32, -1.0] {
                let z = face * depth + if pane.emblem { 0.004 } else { 0.0 };
                let normal = Vec3::Z * face;
                let corners = [a - side, b - side, b + side, a + side];
                let ids: Vec<u32> = corners
                    .iter()
                    .map(|p| parts.vertex(p.extend(z), normal, *p, lead))
                    .collect();
                if face > 0.0 {
                    parts.quad(ids[0], ids[1], ids[2], ids[3]);
                } else {
                    parts.quad(ids[3], ids[2], ids[1], ids[0]);
                }
            }
        }
    }
    parts
}

/// The heart window drawn as a picture `size` pixels wide, for the HUD: the same panes and
/// lead as the window in the world; gathered fragments' panes in their colours with the
/// glass's texture, the rest as dark, empty glass.
pub fn heart_image(panes: &[WindowPane], colors: &[Color], filled: &[bool], size: u32) -> Image {
    let height = size * 9 / 10;
    let mut data = Vec::with_capacity((size * height * 4) as usize);
    // The window spans x −1..1 and y −1.05..0.75.
    let scale = 2.16 / size as f32;
    let lead_width = 2.2 * scale;
    for y in 0..height {
        for x in 0..size {
            let p = Vec2::new(
                (x as f32 + 0.5) * scale - 1.08,
                0.8 - (y as f32 + 0.5) * scale,
            );
            // An emblem lies over its wedge: look at emblems first.
            let found = panes
                .iter()
                .filter(|pane| pane.emblem)
                .chain(panes.iter().filter(|pane| !pane.emblem))
                .find(|pane| inside_outline(&pane.outline, p));
            let rgba = match found {
                None => [0.0, 0.0, 0.0, 0.0],
                Some(pane) => {
                    let near_lead = edge_distance(&pane.outline, p) < lead_width
                        || (!pane.emblem
                            && panes.iter().any(|e| {
                                e.emblem
                                    && e.fragment == pane.fragment
                                    && edge_distance(&e.outline, p) < lead_width
                            }));
                    if near_lead {
                        [0.1, 0.09, 0.12, 1.0]
                    } else if filled.get(pane.fragment).copied().unwrap_or(false) {
                        let color = colors[pane.fragment % colors.len()].to_srgba();
                        let glass = cathedral(p * 2.5 + Vec2::splat(pane.fragment as f32));
                        let lift = if pane.emblem { 1.25 } else { 1.0 };
                        [
                            color.red * glass * lift,
                            color.green * glass * lift,
                            color.blue * glass * lift,
                            0.95,
                        ]
                    } else {
                        [0.55, 0.55, 0.7, 0.18]
                    }
                }
            };
            data.extend(rgba.map(|c| (c.clamp(0.0, 1.0) * 255.0) as u8));
        }
    }
    rgba_image(size, height, data)
}

/// The whole heart's colours as its light falls on the ground a few metres on: the window's
/// picture blurred (light through glass has no hard edges by the time it lands), the lead only
/// a dimming between the colours. Premultiplied and opaque, for an additive material.
pub(crate) fn heart_light_image(panes: &[WindowPane], colors: &[Color], size: u32) -> Image {
    let fragments = panes
        .iter()
        .map(|pane| pane.fragment + 1)
        .max()
        .unwrap_or(0);
    let sharp = heart_image(panes, colors, &vec![true; fragments], size);
    let (width, height) = (sharp.width() as usize, sharp.height() as usize);
    let mut light: Vec<[f32; 3]> = sharp
        .data
        .as_deref()
        .unwrap_or_default()
        .chunks_exact(4)
        .map(|px| {
            let alpha = px[3] as f32 / 255.0;
            [0, 1, 2].map(|c| px[c] as f32 / 255.0 * alpha)
        })
        .collect();
    let radius = (size as usize / 40).max(1);
    // Three box blurs each way come close to a gaussian.
    for _ in 0..3 {
        light = box_blur(&light, width, height, radius, [1, width]);
        light = box_blur(&light, width, height, radius, [width, 1]);
    }
    let data = light
        .iter()
        .flat_map(|rgb| {
            let [r, g, b] = rgb.map(|c| (c.clamp(0.0, 1.0) * 255.0) as u8);
            [r, g, b, 255]
        })
        .collect();
    rgba_image(width as u32, height as u32, data)
}

/// A box blur of `radius` along one axis of an image: `[step, stride]` are the index steps
/// along the axis and across it (`[1, width]` blurs the rows). Beyond the edges is dark.
fn box_blur(
    pixels: &[[f32; 3]],
    width: usize,
    height: usize,
    radius: usize,
    [step, stride]: [usize; 2],
) -> Vec<[f32; 3]> {
    let (length, lines) = if step == 1 {
        (width, height)
    } else {
        (height, width)
    };
    let mut out = vec![[0.0; 3]; pixels.len()];
    let span = (2 * radius + 1) as f32;
    for line in 0..lines {
        for i in 0..length {
            let mut sum = [0.0; 3];
            for j in i.saturating_sub(radius)..(i + radius + 1).min(length) {
                for (total, value) in sum.iter_mut().zip(pixels[line * stride + j * step]) {
                    *total += value;
                }
            }
            out[line * stride + i * step] = sum.map(|c| c / span);
        }
    }
    out
}

/// The distance from `p` to the nearest edge of `outline`.
fn edge_distance(outline: &[Vec2], p: Vec2) -> f32 {
    (0..outline.len())
        .map(|i| {
            let (a, b) = (outline[i], outline[(i + 1) % outline.len()]);
            let t = ((p - a).dot(b - a) / (b - a).length_squared().max(1e-12)).clamp(0.0, 1.0);
            p.distance(a + (b - a) * t)
        })
        .fold(f32::INFINITY, f32::min)
}

/// The glass's texture as the HUD draws it: the shader's `cathedral` without its seed
/// bubbles, too small to see at the HUD's size.
fn cathedral(p: Vec2) -> f32 {
    let ripple =
        0.5 + 0.5 * (p.x * 5.3 + (p.y * 3.1).sin() * 1.7 + (p.x * 1.3 + p.y * 2.2).sin()).sin();
    let streak = 0.5 + 0.5 * (p.y * 17.0 + (p.x * 2.3).sin() * 2.5).sin();
    0.72 + 0.2 * ripple + 0.08 * streak
}

/// A shard broken from a leaded window: its outline cut by two lead lines into the small
/// pieces of glass it was made of (crossing a little off its middle, at angles of its own,
/// so no two shards are leaded alike). The outline keeps the shard's shape.
pub fn shard_pieces(shard: Shard) -> Vec<Vec<Vec2>> {
    let outline = shard_outline(shard);
    let turn = shard as u8 as f32 * 37.0 + 20.0;
    let cuts = [turn, turn + 75.0].map(|degrees| {
        let a = degrees.to_radians();
        Vec2::new(a.cos(), a.sin())
    });
    // Through a point every one of the shapes surrounds (the crescent's band included).
    let through = match shard {
        Shard::Crescent => Vec2::new(-0.62, 0.05),
        _ => Vec2::new(0.06, -0.04),
    };
    let mut pieces = vec![outline];
    for cut in cuts {
        pieces = pieces
            .iter()
            .flat_map(|piece| [clip(piece, through, cut), clip(piece, through, -cut)])
            .filter(|piece| piece.len() >= 3 && doubled_area(piece).abs() > 0.02)
            .collect();
    }
    pieces
}

/// A piece of stained glass as a solid: `outline`, `thickness` thick, the faces inset toward
/// its middle and the edges bevelled so they catch the light; faceted (each face its own
/// normal).
pub(crate) fn bevelled_glass(outline: &[Vec2], thickness: f32) -> MeshParts {
    let middle = centroid(outline);
    let inset: Vec<Vec2> = outline
        .iter()
        .map(|p| middle + (*p - middle) * 0.86)
        .collect();
    let mut parts = MeshParts::default();
    let half = thickness * 0.5;
    let white = LinearRgba::WHITE;
    let uv = |p: Vec2| p * 0.5 + Vec2::splat(0.5);
    for face in [1.0_f32, -1.0] {
        // The flat face.
        let ids: Vec<u32> = inset
            .iter()
            .map(|p| parts.vertex(p.extend(face * half), Vec3::Z * face, uv(*p), white))
            .collect();
        for [a, b, c] in triangulate(&inset) {
            if face > 0.0 {
                parts.indices.extend_from_slice(&[ids[a], ids[b], ids[c]]);
            } else {
                parts.indices.extend_from_slice(&[ids[c], ids[b], ids[a]]);
            }
        }
        // The bevel from the face down to the outline's edge.
        let n = outline.len();
        for i in 0..n {
            let j = (i + 1) % n;
            let (a, b) = (inset[i].extend(face * half), inset[j].extend(face * half));
            let (c, d) = (outline[j].extend(0.0), outline[i].extend(0.0));
            let normal = (b - a).cross(d - a).normalize_or_zero() * face;
            let outward = ((outline[i] + outline[j]) * 0.5 - middle).extend(0.0);
            let normal = if normal.dot(outward) < 0.0 && normal.z.abs() < 0.99 {
                -normal
            } else {
                normal
            };
            let ids = [a, b, c, d].map(|p| parts.vertex(p, normal, uv(p.truncate()), white));
            // Wind the quad to face along its normal.
            let facing = (b - a).cross(c - a).dot(normal) > 0.0;
            if facing {
                parts.quad(ids[0], ids[1], ids[2], ids[3]);
            } else {
                parts.quad(ids[3], ids[2], ids[1], ids[0]);
            }
        }
    }
    parts
}
