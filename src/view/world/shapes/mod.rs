//! Procedural meshes and pictures: every shape in the game is built here in code, so all of
//! it is our own. Pieces gather in `MeshParts`, so a whole field of small things can be one
//! mesh.

pub mod buildings;
pub mod cloth;
pub mod glass;
pub mod plants;
pub mod sky;
pub mod water;

use std::f32::consts::TAU;

use bevy::asset::RenderAssetUsages;
use bevy::mesh::Indices;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, PrimitiveTopology, TextureDimension, TextureFormat};

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

/// A six-sided tapering limb from `from` to `to`.
pub(crate) fn limb(
    parts: &mut MeshParts,
    from: Vec3,
    to: Vec3,
    r0: f32,
    r1: f32,
    color: LinearRgba,
) {
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

/// Colour at `t` along sorted stops, blended linearly.
pub(crate) fn gradient(stops: &[(f32, LinearRgba)], t: f32) -> LinearRgba {
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

/// A picture drawn in code: `width` × `height` sRGB pixels, four bytes each.
pub(crate) fn rgba_image(width: u32, height: u32, data: Vec<u8>) -> Image {
    Image::new(
        Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        },
        TextureDimension::D2,
        data,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::RENDER_WORLD,
    )
}
