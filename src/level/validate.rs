//! What serde cannot check: that a level can make a playable dream. The format version;
//! every number finite and in range (sizes, counts, radii, widths, distances); unique ids;
//! words present and short enough to read; every sound a level names one of the game's own,
//! inside `assets/`; everything inside the bounds; what each kind of level needs; and that
//! everything required can be reached on foot from the spawn. Limits keep `check` itself
//! quick and small on any input: nothing is measured on a grid before the sizes are sound.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use bevy::math::Vec2;

use super::nav::NavGrid;
use super::parse::{Locator, Problem, Step};
use super::types::*;
use crate::core::assets::asset_exists;

/// What a level may hold. Beyond these no dream plays well (or `check` would take long).
pub mod limits {
    /// The largest level file read.
    pub const FILE_BYTES: usize = 1024 * 1024;
    /// How far from the origin anything may stand, metres.
    pub const COORDINATE: f32 = 10_000.0;
    /// The bounds' span each way, metres: room to walk, and a walk grid of at most 4 million
    /// cells.
    pub const BOUNDS_SPAN: (f32, f32) = (8.0, 1000.0);
    pub const OBSTACLES: usize = 500;
    /// An obstacle's footprint, each way, metres.
    pub const FOOTPRINT: (f32, f32) = (0.2, 60.0);
    pub const HEIGHT: (f32, f32) = (0.5, 1000.0);
    /// Door candidates in a city.
    pub const DOORS: (usize, usize) = (1, 64);
    /// Voice flowers in a garden.
    pub const VOICES: (usize, usize) = (1, 64);
    pub const FRAGRANCES: usize = 64;
    pub const FRAGRANCE_RADIUS: (f32, f32) = (1.0, 100.0);
    /// Worries that cling in the city: stones on the HUD, trees around the lotus.
    pub const WORRIES: (u32, u32) = (1, 12);
    /// Metres walked for the warmth to drain.
    pub const DARKENING_DISTANCE: (f32, f32) = (10.0, 5000.0);
    pub const WARMTH_FLOOR: (f32, f32) = (0.05, 0.9);
    pub const LOTUS_RADIUS: (f32, f32) = (0.5, 20.0);
    pub const RIVER_WIDTH: (f32, f32) = (1.0, 40.0);
    pub const RIVER_POINTS: (usize, usize) = (2, 256);
    /// Fragments to gather: the heart has seven panes.
    pub const FRAGMENTS: (u32, u32) = (1, 7);
    pub const CANDIDATES: usize = 256;
    /// Names, speakers, ids: characters.
    pub const NAME_CHARS: usize = 80;
    /// A spoken line: characters.
    pub const LINE_CHARS: usize = 400;
    /// A memory fits in two lines of subtitle, this many characters each.
    pub const SUBTITLE_LINE_CHARS: usize = 64;
    pub const MEMORY_LINES: usize = 2;
}

/// How many subtitle lines of `width` characters `text` wraps to (word by word).
pub fn subtitle_lines(text: &str, width: usize) -> usize {
    let mut lines = 0;
    let mut current = 0;
    for word in text.split_whitespace() {
        let length = word.chars().count();
        if current == 0 {
            lines += 1;
            current = length;
        } else if current + 1 + length <= width {
            current += 1 + length;
        } else {
            lines += 1;
            current = length;
        }
    }
    lines
}

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

    /// A number within `min..=max`.
    fn within(&mut self, steps: &[Step], name: &str, value: f32, (min, max): (f32, f32)) -> bool {
        if !self.finite(steps, name, value) {
            return false;
        }
        if value < min || value > max {
            self.report(
                steps,
                format!("{name} must be from {min} to {max}, found {value}"),
            );
            return false;
        }
        true
    }

    fn point(&mut self, steps: &[Step], name: &str, point: Point) -> bool {
        let far = (-limits::COORDINATE, limits::COORDINATE);
        let x = self.within(steps, &format!("{name}.x"), point.x, far);
        let z = self.within(steps, &format!("{name}.z"), point.z, far);
        x && z
    }

    /// A count within `min..=max`.
    fn count(&mut self, steps: &[Step], what: &str, count: usize, (min, max): (usize, usize)) {
        if count < min || count > max {
            self.report(
                steps,
                format!("{count} {what}: a level holds from {min} to {max}"),
            );
        }
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
        } else if id.chars().count() > limits::NAME_CHARS {
            self.report(
                steps,
                format!("the id is longer than {} characters", limits::NAME_CHARS),
            );
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

    /// Words to show: present, printable, at most `most` characters.
    fn text(&mut self, steps: &[Step], name: &str, value: &str, most: usize) {
        if value.trim().is_empty() {
            self.report(steps, format!("{name} must not be empty"));
        } else if value.chars().count() > most {
            self.report(steps, format!("{name} is longer than {most} characters"));
        } else if value.chars().any(char::is_control) {
            self.report(steps, format!("{name} holds a control character"));
        }
    }

    /// A sound the level names: a plain relative path to one of the game's own Ogg files.
    fn sound(&mut self, steps: &[Step], path: &str) {
        let leaves = path.starts_with('/')
            || path.contains('\\')
            || path.contains(':')
            || path
                .split('/')
                .any(|part| part == ".." || part == "." || part.is_empty());
        if path.trim().is_empty() {
            self.report(steps, "audio must not be empty");
        } else if leaves {
            self.report(
                steps,
                format!(
                    "audio \"{}\" must be a plain path inside assets/ (no .., no leading /)",
                    path.escape_debug()
                ),
            );
        } else if !path.ends_with(".ogg") {
            self.report(
                steps,
                format!("audio \"{path}\" must be an Ogg file (.ogg)"),
            );
        } else if !asset_exists(path) {
            self.report(
                steps,
                format!("audio \"{path}\" is not one of the game's sounds (assets/{path})"),
            );
        }
    }

    /// A spoken line under `at`: who says it, what, and its sound.
    fn spoken(&mut self, at: &[Step], spoken: &Spoken) {
        let under = |key| [at, &[Step::Key(key)]].concat();
        self.text(
            &under("speaker"),
            "speaker",
            &spoken.speaker,
            limits::NAME_CHARS,
        );
        self.text(&under("line"), "line", &spoken.line, limits::LINE_CHARS);
        self.sound(&under("audio"), &spoken.audio);
    }
}

/// Checks everything serde cannot: versions, numbers, ids, words, sounds, bounds and
/// reachability.
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
    v.darkening(level);
    v.voices(level, bounds, &mut ids);
    v.lotus(level, bounds);
    v.words(level);
    v.fragrances(level, bounds);
    v.river(level, bounds);
    v.fragments(level, bounds);
    v.parts_of_its_kind(level);
    // Reachability only makes sense once the geometry itself is sound (and the grid it needs
    // is of a size the limits allow).
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
        self.text(
            &[Step::Key("name")],
            "name",
            &level.name,
            limits::NAME_CHARS,
        );
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
        let (least, most) = limits::BOUNDS_SPAN;
        if size.x < least || size.y < least || size.x > most || size.y > most {
            self.report(
                &[Step::Key("bounds")],
                format!(
                    "bounds must span from {least} to {most} m each way, with max greater \
                     than min; these span {} by {} m",
                    size.x, size.y
                ),
            );
            return None;
        }
        Some(level.bounds)
    }

    fn spawn(&mut self, level: &LevelDef, bounds: Option<&Bounds>) -> bool {
        let steps = [Step::Key("spawn")];
        let ok = self.point(&steps, "spawn.at", level.spawn.at)
            & self.within(&steps, "spawn.facing", level.spawn.facing, (-720.0, 720.0));
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
        if level.obstacles.len() > limits::OBSTACLES {
            self.report(
                &[Step::Key("obstacles")],
                format!(
                    "{} obstacles: a level holds at most {}",
                    level.obstacles.len(),
                    limits::OBSTACLES
                ),
            );
            return false;
        }
        for obstacle in &level.obstacles {
            let nth = self.occurrence("obstacles", &obstacle.id);
            let steps = [Step::Key("obstacles"), Step::Str(&obstacle.id, nth)];
            let field = |key| [steps[0], steps[1], Step::Key(key)];
            self.unique_id(ids, &steps, &obstacle.id);
            let ok = self.point(&steps, "at", obstacle.at)
                & self.within(
                    &field("width"),
                    "footprint.width",
                    obstacle.footprint.width,
                    limits::FOOTPRINT,
                )
                & self.within(
                    &field("depth"),
                    "footprint.depth",
                    obstacle.footprint.depth,
                    limits::FOOTPRINT,
                )
                & self.within(&field("height"), "height", obstacle.height, limits::HEIGHT)
                & self.point(&field("lean"), "lean", obstacle.lean)
                & self.within(&field("turn"), "turn", obstacle.turn, (-360.0, 360.0));
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
        if level.kind == LevelKind::City {
            self.count(
                &[Step::Key("doors")],
                "door candidates",
                level.doors.len(),
                limits::DOORS,
            );
        }
        for door in &level.doors {
            let nth = self.occurrence("doors", &door.id);
            let steps = [Step::Key("doors"), Step::Str(&door.id, nth)];
            self.unique_id(ids, &steps, &door.id);
            if self.point(&steps, "at", door.at)
                & self.within(&steps, "facing", door.facing, (-720.0, 720.0))
            {
                let what = format!("door \"{}\"", door.id);
                self.inside(bounds, &steps, &what, door.at);
            }
        }
    }

    /// The city's warmth: a distance to drain over, a floor it drains to, worries that cling.
    fn darkening(&mut self, level: &LevelDef) {
        if let Some(darkening) = level.darkening {
            let steps = [Step::Key("darkening")];
            self.within(
                &steps,
                "darkening.distance",
                darkening.distance,
                limits::DARKENING_DISTANCE,
            );
            self.within(
                &steps,
                "darkening.floor",
                darkening.floor,
                limits::WARMTH_FLOOR,
            );
        }
        if level.kind == LevelKind::City {
            let (least, most) = limits::WORRIES;
            if level.worries < least || level.worries > most {
                self.report(
                    &[Step::Key("worries")],
                    format!(
                        "{} worries: from {least} to {most} cling in a city",
                        level.worries
                    ),
                );
            }
        }
    }

    fn voices(&mut self, level: &LevelDef, bounds: Option<&Bounds>, ids: &mut HashSet<String>) {
        if level.kind == LevelKind::Garden {
            self.count(
                &[Step::Key("voices")],
                "voice flowers",
                level.voices.len(),
                limits::VOICES,
            );
        }
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
            & self.within(&steps, "lotus.radius", lotus.radius, limits::LOTUS_RADIUS)
        {
            self.inside(bounds, &steps, "the lotus", lotus.at);
            if let Some(bounds) = bounds
                && lotus.radius * 4.0 > bounds.size().min_element()
            {
                self.report(
                    &steps,
                    "the lotus is too large for the level: leave room around it to walk",
                );
            }
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
        self.count(
            &[Step::Key("fragrances")],
            "fragrances",
            level.fragrances.len(),
            (0, limits::FRAGRANCES),
        );
        for fragrance in &level.fragrances {
            let nth = self.occurrence("fragrances", &fragrance.name);
            let steps = [Step::Key("fragrances"), Step::Str(&fragrance.name, nth)];
            self.text(
                &steps,
                "fragrance name",
                &fragrance.name,
                limits::NAME_CHARS,
            );
            let (r, g, b) = fragrance.color;
            let colour_ok = [r, g, b]
                .into_iter()
                .all(|c| c.is_finite() && (0.0..=4.0).contains(&c));
            if !colour_ok {
                self.report(
                    &steps,
                    format!("color ({r}, {g}, {b}) must be three numbers from 0 to 4"),
                );
            }
            if self.point(&steps, "at", fragrance.at)
                & self.within(&steps, "radius", fragrance.radius, limits::FRAGRANCE_RADIUS)
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
        let width_steps = [Step::Key("river"), Step::Key("width")];
        if self.within(
            &width_steps,
            "river.width",
            river.width,
            limits::RIVER_WIDTH,
        ) && let Some(bounds) = bounds
            && river.width * 4.0 > bounds.size().min_element()
        {
            self.report(
                &width_steps,
                "the river is too wide for the level: it would leave no banks to walk",
            );
        }
        let (least, most) = limits::RIVER_POINTS;
        if river.path.len() < least || river.path.len() > most {
            self.report(
                &[Step::Key("river"), Step::Key("path")],
                format!(
                    "a river path needs from {least} to {most} points, found {}",
                    river.path.len()
                ),
            );
            return;
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
        let (least, most) = limits::FRAGMENTS;
        if fragments.count < least || fragments.count > most {
            self.report(
                &[Step::Key("fragments"), Step::Key("count")],
                format!(
                    "fragments.count must be from {least} to {most} (the heart has seven panes), \
                     found {}",
                    fragments.count
                ),
            );
        }
        let candidates = fragments.candidates.len();
        if (candidates as u64) < u64::from(fragments.count) || candidates > limits::CANDIDATES {
            self.report(
                &[Step::Key("fragments"), Step::Key("candidates")],
                format!(
                    "{} fragments are asked for from {candidates} candidate places: give at \
                     least as many places, and at most {}",
                    fragments.count,
                    limits::CANDIDATES
                ),
            );
            return;
        }
        for (index, place) in fragments.candidates.iter().enumerate() {
            let steps = [
                Step::Key("fragments"),
                Step::Key("candidates"),
                Step::Item(index),
            ];
            if self.point(&steps, "fragment candidate", place.at) {
                let what = format!("fragment candidate {index}");
                self.inside(bounds, &steps, &what, place.at);
            }
            let memory = [steps[0], steps[1], steps[2], Step::Key("memory")];
            self.spoken(&memory, &place.memory);
            let lines = subtitle_lines(&place.memory.line, limits::SUBTITLE_LINE_CHARS);
            if lines > limits::MEMORY_LINES {
                self.report(
                    &[
                        memory[0],
                        memory[1],
                        memory[2],
                        memory[3],
                        Step::Key("line"),
                    ],
                    format!(
                        "a memory must fit in {} subtitle lines of {} characters; this one \
                         takes {lines}",
                        limits::MEMORY_LINES,
                        limits::SUBTITLE_LINE_CHARS
                    ),
                );
            }
        }
    }

    /// What a city and a garden each cannot do without.
    fn parts_of_its_kind(&mut self, level: &LevelDef) {
        let kind = [Step::Key("kind")];
        match level.kind {
            LevelKind::City => {
                if level.darkening.is_none() {
                    self.report(
                        &kind,
                        "a city needs a `darkening`: how far the warmth drains",
                    );
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
        for (index, place) in fragments.candidates.iter().enumerate() {
            require(
                &[
                    Step::Key("fragments"),
                    Step::Key("candidates"),
                    Step::Item(index),
                ],
                format!("fragment candidate {index}"),
                place.at.vec(),
                REACH_DISTANCE,
            );
        }
    }
}
