//! The game's own materials, each a WGSL shader in `assets/shaders/`: the silver's satin
//! ripple, the twinkling stardust, the meadow's sway and the river's flowing water.

use bevy::pbr::{ExtendedMaterial, MaterialExtension};
use bevy::prelude::*;
use bevy::render::render_resource::AsBindGroup;
use bevy::shader::ShaderRef;

pub fn plugin(app: &mut App) {
    app.add_plugins((
        MaterialPlugin::<SatinMaterial>::default(),
        MaterialPlugin::<StardustMaterial>::default(),
        MaterialPlugin::<SwayMaterial>::default(),
        MaterialPlugin::<FlowMaterial>::default(),
    ));
}

/// The satin ripple on top of the standard PBR silver.
#[derive(Asset, AsBindGroup, Reflect, Debug, Clone, Default)]
pub struct Satin {
    /// x: ripple amplitude (m), y: unease (0..1), z: time scale, w: sheen.
    #[uniform(100)]
    pub params: Vec4,
}

impl MaterialExtension for Satin {
    fn vertex_shader() -> ShaderRef {
        "shaders/satin.wgsl".into()
    }

    fn fragment_shader() -> ShaderRef {
        "shaders/satin.wgsl".into()
    }
}

pub type SatinMaterial = ExtendedMaterial<StandardMaterial, Satin>;

/// Twinkling stardust that brightens under recent footsteps.
#[derive(Asset, AsBindGroup, TypePath, Debug, Clone, Default)]
pub struct StardustMaterial {
    /// Recent steps: xy ground position, z seconds since, w 1 when used.
    #[uniform(0)]
    pub steps: [Vec4; 8],
    /// x: warmth, y: twinkle (1) or still (0).
    #[uniform(0)]
    pub params: Vec4,
}

impl Material for StardustMaterial {
    fn fragment_shader() -> ShaderRef {
        "shaders/stardust.wgsl".into()
    }

    fn alpha_mode(&self) -> AlphaMode {
        AlphaMode::Add
    }
}

/// A gentle sway on top of the standard PBR material.
#[derive(Asset, AsBindGroup, Reflect, Debug, Clone, Default)]
pub struct Sway {
    /// x: sway at the top of a stem (m), y: gust speed, z: how open the blooms are (dawn).
    #[uniform(100)]
    pub params: Vec4,
}

impl MaterialExtension for Sway {
    fn vertex_shader() -> ShaderRef {
        "shaders/sway.wgsl".into()
    }
}

pub type SwayMaterial = ExtendedMaterial<StandardMaterial, Sway>;

/// The river's flowing water.
#[derive(Asset, AsBindGroup, TypePath, Debug, Clone, Default)]
pub struct FlowMaterial {
    /// x: awake (0..1), y: flow speed, z: motion on (1) or still (0).
    #[uniform(0)]
    pub params: Vec4,
}

impl Material for FlowMaterial {
    fn fragment_shader() -> ShaderRef {
        "shaders/river.wgsl".into()
    }
}
