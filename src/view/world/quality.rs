//! Render quality: the preset in force (Low, Medium or High; Auto picks Low on a software
//! renderer or an integrated GPU) and what each one draws — the meadow's flowers, shadows,
//! bloom, anti-aliasing and the resolution the world is rendered at.

use bevy::anti_alias::fxaa::Fxaa;
use bevy::camera::{ImageRenderTarget, RenderTarget};
use bevy::core_pipeline::tonemapping::{DebandDither, Tonemapping};
use bevy::light::{CascadeShadowConfig, CascadeShadowConfigBuilder, DirectionalLightShadowMap};
use bevy::post_process::bloom::Bloom;
use bevy::prelude::*;
use bevy::render::render_resource::TextureFormat;
use bevy::render::renderer::RenderAdapterInfo;
use bevy::window::{PrimaryWindow, WindowRef};
use wgpu_types::DeviceType as WgpuDeviceType;

use crate::core::settings::{Quality, Settings};
use crate::view::world::camera::DreamCamera;

/// The preset actually drawn: the player's choice, or Auto's pick.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderQuality(pub Quality);

/// What a preset draws.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    /// One flower in this many of the meadow beyond the walkable garden is drawn.
    pub far_flowers_one_in: usize,
    /// One flower in this many inside the walkable garden is drawn.
    pub near_flowers_one_in: usize,
    /// Flowers beyond this distance from the garden's edge are not drawn, metres.
    pub meadow_reach: f32,
    /// Shadow map size and cascades, or no shadows.
    pub shadows: Option<(usize, usize)>,
    pub bloom: bool,
    pub anti_alias: bool,
    /// The world is rendered at this fraction of the window's pixels each way, then drawn
    /// up to fill it; text and menus stay sharp at the window's own resolution.
    pub render_scale: f32,
}

impl RenderQuality {
    pub fn look(self) -> Look {
        match self.0 {
            Quality::Low => Look {
                far_flowers_one_in: 4,
                near_flowers_one_in: 2,
                meadow_reach: 80.0,
                shadows: None,
                bloom: false,
                anti_alias: false,
                render_scale: 0.5,
            },
            Quality::Medium => Look {
                far_flowers_one_in: 2,
                near_flowers_one_in: 1,
                meadow_reach: 100.0,
                shadows: Some((1024, 2)),
                bloom: true,
                anti_alias: true,
                render_scale: 0.75,
            },
            Quality::High | Quality::Auto => Look {
                far_flowers_one_in: 1,
                near_flowers_one_in: 1,
                meadow_reach: f32::INFINITY,
                shadows: Some((2048, 4)),
                bloom: true,
                anti_alias: true,
                render_scale: 1.0,
            },
        }
    }
}

/// The preset Auto picks for a graphics adapter.
pub fn auto_for(device: Option<WgpuDeviceType>) -> Quality {
    match device {
        Some(WgpuDeviceType::DiscreteGpu) => Quality::High,
        Some(WgpuDeviceType::Cpu | WgpuDeviceType::IntegratedGpu) => Quality::Low,
        // A virtual GPU, or nothing known: the middle way.
        _ => Quality::Medium,
    }
}

pub fn plugin(app: &mut App) {
    let chosen = resolved(
        app.world().get_resource::<Settings>(),
        app.world().get_resource::<RenderAdapterInfo>(),
    );
    app.insert_resource(chosen)
        // The adapter is known only once the renderer has started.
        .add_systems(Startup, follow_the_setting)
        .add_systems(
            PreUpdate,
            follow_the_setting.run_if(resource_changed::<Settings>),
        )
        .add_systems(PostUpdate, scale_the_render)
        .add_systems(
            PostUpdate,
            (dress_the_camera, light_the_shadows).run_if(
                resource_changed::<RenderQuality>
                    .or_else(any_match_filter::<Added<DreamCamera>>)
                    .or_else(any_match_filter::<Added<DirectionalLight>>),
            ),
        );
}

/// The preset in force for the player's choice on this adapter.
fn resolved(settings: Option<&Settings>, adapter: Option<&RenderAdapterInfo>) -> RenderQuality {
    RenderQuality(match settings.map_or(Quality::Auto, |s| s.quality) {
        Quality::Auto => auto_for(adapter.map(|info| info.device_type)),
        preset => preset,
    })
}

fn follow_the_setting(
    settings: Res<Settings>,
    adapter: Option<Res<RenderAdapterInfo>>,
    mut quality: ResMut<RenderQuality>,
) {
    quality.set_if_neq(resolved(Some(&settings), adapter.as_deref()));
}

fn dress_the_camera(
    mut commands: Commands,
    quality: Res<RenderQuality>,
    cameras: Query<Entity, With<DreamCamera>>,
) {
    let look = quality.look();
    for camera in &cameras {
        let mut camera = commands.entity(camera);
        if look.bloom {
            camera.insert(Bloom::NATURAL);
        } else {
            camera.remove::<Bloom>();
        }
        if look.anti_alias {
            camera.insert(Fxaa::default());
        } else {
            camera.remove::<Fxaa>();
        }
    }
}

fn light_the_shadows(
    mut commands: Commands,
    quality: Res<RenderQuality>,
    mut lights: Query<(Entity, &mut DirectionalLight)>,
) {
    let look = quality.look();
    if let Some((size, _)) = look.shadows {
        commands.insert_resource(DirectionalLightShadowMap { size });
    }
    for (entity, mut light) in &mut lights {
        light.shadow_maps_enabled = look.shadows.is_some();
        if let Some((_, cascades)) = look.shadows {
            let config: CascadeShadowConfig = CascadeShadowConfigBuilder {
                num_cascades: cascades,
                ..default()
            }
            .build();
            commands.entity(entity).insert(config);
        }
    }
}

/// The world rendered below the window's resolution, and what draws it up to the window.
#[derive(Resource)]
struct ScaledRender {
    image: Handle<Image>,
    presenter: Entity,
    picture: Entity,
}

/// Renders the world at the preset's scale: below 1, the dreamer's camera draws into an image
/// of that size and a second camera shows it stretched over the window (the menus and text
/// are drawn by that camera, at full sharpness); at 1, straight to the window.
fn scale_the_render(
    mut commands: Commands,
    quality: Res<RenderQuality>,
    scaled: Option<Res<ScaledRender>>,
    windows: Query<Ref<Window>, With<PrimaryWindow>>,
    cameras: Query<Entity, With<DreamCamera>>,
    mut images: ResMut<Assets<Image>>,
    mut pictures: Query<&mut Sprite>,
) {
    let Ok(window) = windows.single() else {
        return;
    };
    let Ok(camera) = cameras.single() else {
        return;
    };
    let changed = quality.is_changed() || window.is_changed() || scaled.is_none();
    if !changed {
        return;
    }
    let scale = quality.look().render_scale;
    if scale >= 1.0 {
        if let Some(scaled) = scaled {
            commands
                .entity(camera)
                .insert(RenderTarget::Window(WindowRef::Primary));
            commands.entity(scaled.presenter).despawn();
            commands.entity(scaled.picture).despawn();
            commands.remove_resource::<ScaledRender>();
        }
        return;
    }
    let physical = window.physical_size().max(UVec2::ONE);
    let size = (physical.as_vec2() * scale)
        .round()
        .as_uvec2()
        .max(UVec2::ONE);
    let logical = window.size();
    if let Some(scaled) = scaled {
        if let Some(mut image) = images.get_mut(&scaled.image)
            && image.size() != size
        {
            image.resize(bevy::render::render_resource::Extent3d {
                width: size.x,
                height: size.y,
                depth_or_array_layers: 1,
            });
        }
        if let Ok(mut picture) = pictures.get_mut(scaled.picture) {
            picture.custom_size = Some(logical);
        }
        return;
    }
    let image = images.add(Image::new_target_texture(
        size.x,
        size.y,
        TextureFormat::Rgba8UnormSrgb,
        None,
    ));
    commands
        .entity(camera)
        .insert(RenderTarget::Image(ImageRenderTarget::from(image.clone())));
    let presenter = commands
        .spawn((
            Name::new("Presenter: the world drawn up to the window"),
            Camera2d,
            Camera {
                order: 1,
                ..default()
            },
            Msaa::Off,
            Tonemapping::None,
            DebandDither::Disabled,
            IsDefaultUiCamera,
        ))
        .id();
    let picture = commands
        .spawn((
            Name::new("The world, rendered small"),
            Sprite {
                image: image.clone(),
                custom_size: Some(logical),
                ..default()
            },
        ))
        .id();
    commands.insert_resource(ScaledRender {
        image,
        presenter,
        picture,
    });
}
