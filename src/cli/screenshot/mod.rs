//! `begin-again screenshot`: the game in a window, staged at a level, a place or a beat of the
//! story; a few frames rendered, one saved to PNG, and the app exits. How the game is seen
//! without a person.

mod request;
mod staging;

use std::path::PathBuf;
use std::process::ExitCode;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};

use super::args::{Beat, LevelChoice, ScreenshotArgs};
use crate::DesktopOptions;
use crate::core::flow::{AfterLoading, AppState};
use crate::core::input::InputSource;
use crate::core::settings::Quality;
use crate::level::LevelsSource;
use crate::view::screens::menus::Menu;
use request::Capture;
pub(crate) use request::{DEFAULT_SEED, Finish, Staging};

/// A frame this dark on average is treated as a failed render.
const BLACK_FRAME_LUMA: f32 = 2.0;
pub(crate) fn run(args: &ScreenshotArgs, seed: Option<u64>, levels: LevelsSource) -> ExitCode {
    if let Some(parent) = args.out.parent().filter(|p| !p.as_os_str().is_empty())
        && let Err(error) = std::fs::create_dir_all(parent)
    {
        complain!("{}: cannot create the folder: {error}", parent.display());
        return ExitCode::FAILURE;
    }
    let staging = Staging {
        beat: args.beat,
        pose: args.at,
        finish: Finish::Save(args.out.clone()),
        frames: args.frames.max(1),
        settings: args.settings.clone(),
    };
    stage(
        staging,
        args.level,
        args.size,
        Some(args.quality),
        seed,
        levels,
    )
}

/// Stages a scene in a window and finishes as `staging` says: a screenshot, or a measure.
pub(crate) fn stage(
    staging: Staging,
    level: Option<LevelChoice>,
    size: UVec2,
    quality: Option<Quality>,
    seed: Option<u64>,
    levels: LevelsSource,
) -> ExitCode {
    // Staged beats save blooms, progress and runs: never into the player's own folder, and
    // into a private one of this run's own (a fixed name in /tmp could be another user's).
    let private = match crate::saving::private_temporary_folder("begin-again-screenshot") {
        Ok(folder) => {
            crate::saving::use_data_dir(folder.clone());
            folder
        }
        Err(error) => {
            complain!("cannot make a private temporary folder for the screenshot's saves: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(file) = &staging.settings
        && let Err(error) = std::fs::copy(file, private.join("settings.ron"))
    {
        complain!("{}: cannot read the settings: {error}", file.display());
        return ExitCode::FAILURE;
    }
    let chapter = staging.chapter(level);
    let options = DesktopOptions {
        seed: Some(seed.unwrap_or(DEFAULT_SEED)),
        levels,
        window_size: size,
        synchronous_pipelines: true,
        unattended: true,
        quality,
        after_loading: if staging.begun_at_the_title() {
            AfterLoading::Title
        } else {
            AfterLoading::Dream(chapter)
        },
        race: None,
    };
    let mut app = crate::desktop_app(&options);
    if let Finish::Measure(frames) = staging.finish {
        super::frame_clock::install_frame_clock(&mut app, frames);
    }
    app.insert_resource(staging)
        .insert_resource(InputSource::replay(Vec::new()))
        .init_resource::<Capture>()
        .add_plugins(staging::plugin)
        .add_systems(
            Update,
            capture
                .after(staging::StagingSystems)
                .run_if(in_state(AppState::Playing).or_else(in_state(AppState::Title))),
        )
        .add_systems(
            Update,
            (open_title_page, mark_staged)
                .chain()
                .before(capture)
                .run_if(in_state(Menu::Title)),
        )
        .add_systems(Update, leave_if_broken.run_if(in_state(AppState::Broken)));
    let exit = app.run();
    let _ = std::fs::remove_dir_all(private);
    super::args::exit_code(&exit)
}

/// The title needs no staging.
fn mark_staged(staging: Res<Staging>, mut capture: ResMut<Capture>) {
    if staging.on_the_title() {
        capture.staged = true;
    }
}

/// Opens the title's speedrun screen or settings page, as a press of its button would.
fn open_title_page(
    staging: Res<Staging>,
    mut opened: Local<bool>,
    mut next: ResMut<NextState<Menu>>,
) {
    let page = match staging.beat {
        Some(Beat::SpeedrunMenu) => Menu::Speedrun,
        Some(Beat::Settings) => Menu::Settings,
        Some(Beat::Controls) => Menu::Controls,
        _ => return,
    };
    if !*opened {
        *opened = true;
        next.set(page);
    }
}

fn capture(
    mut commands: Commands,
    staging: Res<Staging>,
    mut capture: ResMut<Capture>,
    clock: Option<ResMut<super::frame_clock::FrameClock>>,
) {
    if !capture.staged || capture.requested {
        return;
    }
    capture.frames_rendered += 1;
    if capture.frames_rendered < staging.frames {
        return;
    }
    let out = match &staging.finish {
        Finish::Save(out) => out.clone(),
        Finish::Measure(_) => {
            // The scene has settled: from here the clock keeps every frame's cost.
            if let Some(mut clock) = clock {
                clock.measuring = true;
            }
            capture.requested = true;
            return;
        }
    };
    capture.requested = true;
    commands.spawn(Screenshot::primary_window()).observe(
        move |captured: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
            exit.write(save(&captured.image, &out));
        },
    );
}

/// Saves the frame; a frame that is black, or that cannot be saved, is a failure.
fn save(image: &Image, out: &PathBuf) -> AppExit {
    let rgb = match image.clone().try_into_dynamic() {
        Ok(dynamic) => dynamic.to_rgb8(),
        Err(error) => {
            error!("the captured frame could not be read: {error}");
            return AppExit::from_code(3);
        }
    };
    if let Err(error) = rgb.save_with_format(out, image::ImageFormat::Png) {
        error!("{}: cannot save the screenshot: {error}", out.display());
        return AppExit::from_code(3);
    }
    let luma = mean_brightness(&rgb);
    info!(
        "screenshot saved to {} (mean brightness {luma:.1} of 255)",
        out.display()
    );
    if luma < BLACK_FRAME_LUMA {
        error!(
            "{}: the frame is black (mean brightness {luma:.2})",
            out.display()
        );
        return AppExit::from_code(4);
    }
    AppExit::Success
}

/// A frame's mean brightness, 0 to 255.
pub(crate) fn mean_brightness(rgb: &image::RgbImage) -> f32 {
    let pixels = (rgb.width() * rgb.height()).max(1) as f32;
    rgb.pixels()
        .map(|p| 0.2126 * f32::from(p[0]) + 0.7152 * f32::from(p[1]) + 0.0722 * f32::from(p[2]))
        .sum::<f32>()
        / pixels
}

/// Whether a captured frame shows something rather than black.
pub(crate) fn shows_something(image: &Image) -> bool {
    image
        .clone()
        .try_into_dynamic()
        .is_ok_and(|dynamic| mean_brightness(&dynamic.to_rgb8()) >= BLACK_FRAME_LUMA)
}

fn leave_if_broken(mut exit: MessageWriter<AppExit>) {
    exit.write(AppExit::from_code(2));
}
