//! The frame clock: how long each rendered frame takes, from the first schedule of a frame to
//! its last, for `bench` and for a screenshot that measures (`Finish::Measure`).

use std::time::Instant;

use bevy::app::MainScheduleOrder;
use bevy::ecs::schedule::ScheduleLabel;
use bevy::prelude::*;
use bevy::render::renderer::RenderAdapterInfo;

use crate::view::world::quality::RenderQuality;

/// The line a child prints its figures on, for the parent to find among anything else.
pub(super) const REPORT: &str = "bench-report: ";

/// Keeps each frame's times once `measuring` is set, and reports after `wanted` frames.
#[derive(Resource, Debug, Default)]
pub(crate) struct FrameClock {
    pub measuring: bool,
    wanted: usize,
    began: Option<Instant>,
    frame_ms: Vec<f64>,
    main_ms: Vec<f64>,
}

/// Runs first in every frame, before `First`.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
struct FrameBegins;

/// Runs last in every frame, after `Last` (the render world's work is not in between).
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
struct FrameEnds;

/// Times every frame of `app` (see [`FrameClock`]); reports and exits after `frames`.
pub(crate) fn install_frame_clock(app: &mut App, frames: u32) {
    app.insert_resource(FrameClock {
        wanted: frames as usize,
        ..default()
    })
    .init_schedule(FrameBegins)
    .init_schedule(FrameEnds);
    let mut order = app.world_mut().resource_mut::<MainScheduleOrder>();
    order.insert_before(First, FrameBegins);
    order.insert_after(Last, FrameEnds);
    app.add_systems(FrameBegins, frame_begins)
        .add_systems(FrameEnds, frame_ends);
}

fn frame_begins(mut clock: ResMut<FrameClock>) {
    let now = Instant::now();
    if clock.measuring
        && let Some(before) = clock.began
    {
        clock.frame_ms.push((now - before).as_secs_f64() * 1000.0);
    }
    clock.began = Some(now);
}

fn frame_ends(
    mut clock: ResMut<FrameClock>,
    adapter: Option<Res<RenderAdapterInfo>>,
    quality: Option<Res<RenderQuality>>,
    mut exit: MessageWriter<AppExit>,
) {
    if !clock.measuring {
        return;
    }
    if let Some(began) = clock.began {
        clock.main_ms.push(began.elapsed().as_secs_f64() * 1000.0);
    }
    if clock.frame_ms.len() < clock.wanted {
        return;
    }
    let frames = clock.frame_ms.len();
    let report = SceneReport {
        adapter: adapter
            .as_ref()
            .map_or_else(|| "unknown".into(), |info| info.name.clone()),
        device: adapter.as_ref().map_or_else(
            || "unknown".into(),
            |info| format!("{:?}", info.device_type),
        ),
        quality: quality.map_or_else(|| "none".into(), |q| format!("{:?}", q.0)),
        frames,
        frame_ms: median(&mut clock.frame_ms),
        main_ms: median(&mut clock.main_ms),
        peak_rss_mb: peak_resident_mb(),
    };
    match serde_json::to_string(&report) {
        Ok(json) => say!("{REPORT}{json}"),
        Err(error) => complain!("the report could not be written: {error}"),
    }
    clock.measuring = false;
    exit.write(AppExit::Success);
}

/// One scene's figures, as a child reports them.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct SceneReport {
    pub(super) adapter: String,
    pub(super) device: String,
    pub(super) quality: String,
    pub(super) frames: usize,
    /// Median time from one frame's start to the next's.
    pub(super) frame_ms: f64,
    /// Median time of the main world's schedules a frame: fixed-step logic, Update and the
    /// rest, not the render world.
    pub(super) main_ms: f64,
    pub(super) peak_rss_mb: Option<f64>,
}

/// The median of some figures (the mean of the middle two for an even count).
pub(super) fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.len() % 2 == 1 {
        values[middle]
    } else {
        (values[middle - 1] + values[middle]) / 2.0
    }
}

/// This process's peak resident memory, where the system tells it (Linux's /proc).
pub(super) fn peak_resident_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kilobytes: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes / 1024.0)
}
