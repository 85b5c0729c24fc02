//! What serde cannot check: format version, finite numbers, unique ids, everything inside
//! the bounds, what each kind of level needs, and that everything required can be reached on
//! foot from the spawn.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use bevy::math::Vec2;

use super::nav::NavGrid;
use super::parse::{Locator, Problem, Step};
use super::types::*;

struct Validator<'a> {
    path: &'a Path,
    locator: Locator<'a>,
    problems: Vec<Problem>,
    /// How often each (section, id) has been seen, so a problem points at its own copy.
    seen: HashMap<(&'static str, String), usize>,
}

impl Validator<'_> {
    fn report(&mut self, steps: &[Step], message: impl Into<String>) {
        let (line, col) = self.locator.find(steps);
        self.problems.push(Problem {
            file: self.path.to_owned(),
            line,
            col,
            message: message.into(),
        });
    }

    fn finite(&mut self, steps: &[Step], name: &str, value: f32) -> bool {
        if value.is_finite() {
            true
        } else {
            self.report(
                steps,
                format!("{name} must be a finite number, not {value}"),
            );
            false
        }
    }

    fn point(&mut self, steps: &[Step], name: &str, point: Point) -> bool {
        let x = self.finite(steps, &format!("{name}.x"), point.x);
        let z = self.finite(steps, &format!("{name}.z"), point.z);
        x && z
    }

    fn positive(&mut self, steps: &[Step], name: &str, value: f32) -> bool {
        if !self.finite(steps, name, value) {
            return false;
        }
        if value <= 0.0 {
            self.report(
                steps,
                format!("{name} must be greater than zero, found {value}"),
            );
            return false;
        }
        true
    }

    /// Which appearance of `id` within `section` this is (0 for the first).
    fn occurrence(&mut self, section: &'static str, id: &str) -> usize {
        let count = self.seen.entry((section, id.to_owned())).or_default();
        *count += 1;
        *count - 1
    }

    fn unique_id(&mut self, ids: &mut HashSet<String>, steps: &[Step], id: &str) {
        if id.trim().is_empty() {
            self.report(steps, "an id must not be empty");
        } else if !ids.insert(id.to_owned()) {
            self.report(steps, format!("the id \"{id}\" is used twice"));
        }
    }

    fn inside(&mut self, bounds: Option<&Bounds>, steps: &[Step], what: &str, p: Point) {
        if let Some(bounds) = bounds
            && !bounds.contains(p.vec(), 0.0)
        {
            self.report(
                steps,
                format!(
                    "{what} at ({}, {}) lies outside the bounds ({}, {})..({}, {})",
                    p.x, p.z, bounds.min.x, bounds.min.z, bounds.max.x, bounds.max.z
                ),
            );
        }
    }

    fn text(&mut self, steps: &[Step], name: &str, value: &str) {
        if value.trim().is_empty() {
            self.report(steps, format!("{name} must not be empty"));
        }
    }

    /// A spoken line under `at`: who says it, what, and its sound.
    fn spoken(&mut self, at: &[Step], spoken: &Spoken) {
        let under = |key| [at, &[Step::Key(key)]].concat();
        self.text(&under("speaker"), "speaker", &spoken.speaker);
        self.text(&under("line"), "line", &spoken.line);
        self.text(&under("audio"), "audio", &spoken.audio);
    }
}

/// Checks everything serde cannot: versions, numbers, ids, bounds and reachability.
pub fn validate(level: &LevelDef, path: &Path, text: &str) -> Vec<Problem> {
    let mut v = Validator {
        path,
        locator: Locator { text },
        problems: Vec::new(),
        seen: HashMap::new(),
    };
    v.header(level);
    // Bounds first: everything else is measured against them.
    let bounds = v.bounds(level);
    let bounds = bounds.as_ref();
    let spawn_ok = v.spawn(level, bounds);
    let mut ids = HashSet::new();
    let obstacles_ok = v.obstacles(level, bounds, &mut ids);
    v.doors(level, bounds, &mut ids);
    v.voices(level, bounds, &mut ids);
    v.lotus(level, bounds);
    v.words(level);
    v.fragrances(level, bounds);
    v.river(level, bounds);
    v.fragments(level, bounds);
    v.parts_of_its_kind(level);
    // Reachability only makes sense once the geometry itself is sound.
    if v.problems.is_empty() && bounds.is_some() && spawn_ok && obstacles_ok {
        check_reachability(level, &mut v);
    }
    v.problems
}

impl Validator<'_> {
    fn header(&mut self, level: &LevelDef) {
        if level.version != LEVEL_FORMAT_VERSION {
            self.report(
                &[Step::Key("version")],
                format!(
                    "level format version {} is not one this game reads (it reads version {})",
                    level.version, LEVEL_FORMAT_VERSION
                ),
            );
        }
        self.text(&[Step::Key("name")], "name", &level.name);
    }

    fn bounds(&mut self, level: &LevelDef) -> Option<Bounds> {
        let min_ok = self.point(
            &[Step::Key("bounds"), Step::Key("min")],
            "bounds.min",
            level.bounds.min,
        );
        let max_ok = self.point(
            &[Step::Key("bounds"), Step::Key("max")],
            "bounds.max",
            level.bounds.max,
        );
        if !(min_ok && max_ok) {
            return None;
        }
        let size = level.bounds.size();
        if size.x < 4.0 || size.y < 4.0 {
            self.report(
                &[Step::Key("bounds")],
                "bounds must span at least 4 m each way, with max greater than min",
            );
            return None;
        }
        Some(level.bounds)
    }

    fn spawn(&mut self, level: &LevelDef, bounds: Option<&Bounds>) -> bool {
        let steps = [Step::Key("spawn")];
        let ok = self.point(&steps, "spawn.at", level.spawn.at)
            & self.finite(&steps, "spawn.facing", level.spawn.facing);
        self.inside(bounds, &steps, "the spawn", level.spawn.at);
        ok
    }

    fn obstacles(
        &mut self,
        level: &LevelDef,
        bounds: Option<&Bounds>,
        ids: &mut HashSet<String>,
    ) -> bool {
        let mut all_ok = true;
        for obstacle in &level.obstacles {
            let nth = self.occurrence("obstacles", &obstacle.id);
            let steps = [Step::Key("obstacles"), Step::Str(&obstacle.id, nth)];
            let field = |key| [steps[0], steps[1], Step::Key(key)];
            self.unique_id(ids, &steps, &obstacle.id);
            let ok = self.point(&steps, "at", obstacle.at)
                & self.positive(&field("width"), "footprint.width", obstacle.footprint.width)
                & self.positive(&field("depth"), "footprint.depth", obstacle.footprint.depth)
                & self.positive(&field("height"), "height", obstacle.height)
                & self.point(&field("lean"), "lean", obstacle.lean)
                & self.finite(&field("turn"), "turn", obstacle.turn);
            all_ok &= ok;
            if !ok {
                continue;
            }
            let what = format!("obstacle \"{}\"", obstacle.id);
            self.inside(bounds, &steps, &what, obstacle.at);
            if obstacle.lean.vec().length() > obstacle.height * 0.5 {
                self.report(
                    &field("lean"),
                    format!("{what} leans further than half its height"),
                );
            }
        }
        all_ok
    }

    fn doors(&mut self, level: &LevelDef, bounds: Option<&Bounds>, ids: &mut HashSet<String>) {
        for door in &level.doors {
            let nth = self.occurrence("doors", &door.id);
            let steps = [Step::Key("doors"), Step::Str(&door.id, nth)];
            self.unique_id(ids, &steps, &door.id);
            if self.point(&steps, "at", door.at) & self.finite(&steps, "facing", door.facing) {
                let what = format!("door \"{}\"", door.id);
                self.inside(bounds, &steps, &what, door.at);
            }
        }
    }

    fn voices(&mut self, level: &LevelDef, bounds: Option<&Bounds>, ids: &mut HashSet<String>) {
        for voice in &level.voices {
            let nth = self.occurrence("voices", &voice.id);
            let steps = [Step::Key("voices"), Step::Str(&voice.id, nth)];
            self.unique_id(ids, &steps, &voice.id);
            if self.point(&steps, "at", voice.at) {
                let what = format!("voice flower \"{}\"", voice.id);
                self.inside(bounds, &steps, &what, voice.at);
            }
            self.spoken(&steps, &voice.spoken());
        }
    }

    fn lotus(&mut self, level: &LevelDef, bounds: Option<&Bounds>) {
        let Some(lotus) = &level.lotus else {
            return;
        };
        let steps = [Step::Key("lotus")];
        if self.point(&steps, "lotus.at", lotus.at)
            & self.positive(&steps, "lotus.radius", lotus.radius)
        {
            self.inside(bounds, &steps, "the lotus", lotus.at);
        }
        self.spoken(&[Step::Key("lotus"), Step::Key("whisper")], &lotus.whisper);
    }

    /// The moon's words and the waking lines.
    fn words(&mut self, level: &LevelDef) {
        for (key, spoken) in [("moon", &level.moon), ("waking", &level.waking)] {
            if let Some(spoken) = spoken {
                self.spoken(&[Step::Key(key)], spoken);
            }
        }
    }

    fn fragrances(&mut self, level: &LevelDef, bounds: Option<&Bounds>) {
        for fragrance in &level.fragrances {
            let nth = self.occurrence("fragrances", &fragrance.name);
            let steps = [Step::Key("fragrances"), Step::Str(&fragrance.name, nth)];
            self.text(&steps, "fragrance name", &fragrance.name);
            let (r, g, b) = fragrance.color;
            if self.point(&steps, "at", fragrance.at)
                & self.positive(&steps, "radius", fragrance.radius)
                & self.finite(&steps, "color", r + g + b)
            {
                let what = format!("fragrance \"{}\"", fragrance.name);
                self.inside(bounds, &steps, &what, fragrance.at);
            }
        }
    }

    fn river(&mut self, level: &LevelDef, bounds: Option<&Bounds>) {
        let Some(river) = &level.river else {
            return;
        };
        self.positive(
            &[Step::Key("river"), Step::Key("width")],
            "river.width",
            river.width,
        );
        if river.path.len() < 2 {
            self.report(
                &[Step::Key("river"), Step::Key("path")],
                "a river path needs at least two points",
            );
        }
        for (index, point) in river.path.iter().enumerate() {
            let steps = [Step::Key("river"), Step::Key("path"), Step::Item(index)];
            if self.point(&steps, "river point", *point) {
                self.inside(bounds, &steps, &format!("river point {index}"), *point);
            }
        }
    }

    fn fragments(&mut self, level: &LevelDef, bounds: Option<&Bounds>) {
        let Some(fragments) = &level.fragments else {
            return;
        };
        if fragments.count == 0 {
            self.report(
                &[Step::Key("fragments"), Step::Key("count")],
                "fragments.count must be at least 1",
            );
        }
        if (fragments.candidates.len() as u64) < u64::from(fragments.count) {
            self.report(
                &[Step::Key("fragments"), Step::Key("candidates")],
                format!(
                    "{} fragments are asked for but only {} candidate points are given",
                    fragments.count,
                    fragments.candidates.len()
                ),
            );
        }
        for (index, point) in fragments.candidates.iter().enumerate() {
            let steps = [
                Step::Key("fragments"),
                Step::Key("candidates"),
                Step::Item(index),
            ];
            if self.point(&steps, "fragment candidate", *point) {
                let what = format!("fragment candidate {index}");
                self.inside(bounds, &steps, &what, *point);
            }
        }
    }

    /// What a city and a garden each cannot do without.
    fn parts_of_its_kind(&mut self, level: &LevelDef) {
        let kind = [Step::Key("kind")];
        match level.kind {
            LevelKind::City => {
                if level.doors.is_empty() {
                    self.report(&kind, "a city needs at least one door candidate in `doors`");
                }
            }
            LevelKind::Garden => {
                let missing = [
                    (level.lotus.is_none(), "a garden needs a `lotus`"),
                    (level.river.is_none(), "a garden needs a `river`"),
                    (level.fragments.is_none(), "a garden needs `fragments`"),
                    (
                        level.moon.is_none() || level.waking.is_none(),
                        "a garden needs the `moon`'s words and the `waking` lines",
                    ),
                    (
                        level.voices.is_empty(),
                        "a garden needs at least one voice flower in `voices`",
                    ),
                ];
                for (absent, message) in missing {
                    if absent {
                        self.report(&kind, message);
                    }
                }
            }
        }
    }
}

fn check_reachability(level: &LevelDef, v: &mut Validator) {
    let grid = NavGrid::new(level);
    let spawn = level.spawn.at.vec();
    if !grid.is_walkable(spawn) {
        v.report(
            &[Step::Key("spawn")],
            "the spawn is inside an obstacle or too close to the edge to stand on",
        );
        return;
    }
    let reached = grid.flood_from(spawn);
    let mut require = |steps: &[Step], what: String, at: Vec2, reach: f32| {
        if !grid.reaches(&reached, at, reach) {
            v.report(steps, format!("{what} cannot be reached from the spawn"));
        }
    };
    for door in &level.doors {
        // The dreamer must be able to stand in the doorway itself to walk through it.
        require(
            &[Step::Key("doors"), Step::Str(&door.id, 0)],
            format!("door \"{}\"", door.id),
            door.at.vec(),
            0.5,
        );
    }
    for voice in &level.voices {
        require(
            &[Step::Key("voices"), Step::Str(&voice.id, 0)],
            format!("voice flower \"{}\"", voice.id),
            voice.at.vec(),
            REACH_DISTANCE * 2.0,
        );
    }
    if let Some(lotus) = &level.lotus {
        require(
            &[Step::Key("lotus")],
            "the lotus".into(),
            lotus.at.vec(),
            lotus.radius + REACH_DISTANCE,
        );
    }
    if let Some(river) = &level.river {
        for (index, point) in river.path.iter().enumerate() {
            require(
                &[Step::Key("river"), Step::Key("path"), Step::Item(index)],
                format!("river point {index}"),
                point.vec(),
                river.width * 0.5 + REACH_DISTANCE,
            );
        }
    }
    if let Some(fragments) = &level.fragments {
        for (index, point) in fragments.candidates.iter().enumerate() {
            require(
                &[
                    Step::Key("fragments"),
                    Step::Key("candidates"),
                    Step::Item(index),
                ],
                format!("fragment candidate {index}"),
                point.vec(),
                REACH_DISTANCE,
            );
        }
    }
}
