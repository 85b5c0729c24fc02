//! Levels as data: typed RON definitions, parsing with exact error places, validation past
//! syntax (bounds, ids, numbers, reachability), the `check` command and the loaded levels.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::nav::NavGrid;

/// The level format this build reads.
pub const LEVEL_FORMAT_VERSION: u32 = 1;
/// How close (metres) the dreamer must come to a thing to reach it.
pub const REACH_DISTANCE: f32 = 1.2;

/// A point on the ground plane, in metres (x to the east, z to the south).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    pub x: f32,
    pub z: f32,
}

impl Point {
    pub fn vec(self) -> Vec2 {
        Vec2::new(self.x, self.z)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spawn {
    pub at: Point,
    /// Degrees; 0 looks north (toward -z), 90 looks west.
    pub facing: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    pub min: Point,
    pub max: Point,
}

impl Bounds {
    pub fn contains(&self, p: Vec2, margin: f32) -> bool {
        p.x >= self.min.x + margin
            && p.x <= self.max.x - margin
            && p.y >= self.min.z + margin
            && p.y <= self.max.z - margin
    }

    pub fn clamp(&self, p: Vec2, margin: f32) -> Vec2 {
        Vec2::new(
            p.x.clamp(self.min.x + margin, self.max.x - margin),
            p.y.clamp(self.min.z + margin, self.max.z - margin),
        )
    }

    pub fn size(&self) -> Vec2 {
        self.max.vec() - self.min.vec()
    }

    pub fn center(&self) -> Vec2 {
        (self.min.vec() + self.max.vec()) * 0.5
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Footprint {
    pub width: f32,
    pub depth: f32,
}

/// Something the dreamer cannot pass through: a tower in the city, a standing stone in the
/// garden. Its footprint is a rectangle on the ground, turned by `turn` degrees; `lean` shifts
/// its top (metres), so towers can lean together without changing where the dreamer walks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Obstacle {
    pub id: String,
    pub at: Point,
    pub footprint: Footprint,
    pub height: f32,
    #[serde(default)]
    pub lean: Point,
    #[serde(default)]
    pub turn: f32,
}

impl Obstacle {
    fn half_extents(&self) -> Vec2 {
        Vec2::new(self.footprint.width, self.footprint.depth) * 0.5
    }

    fn to_local(&self, p: Vec2) -> Vec2 {
        let (sin, cos) = self.turn.to_radians().sin_cos();
        let d = p - self.at.vec();
        // Rotate by -turn into the footprint's own axes.
        Vec2::new(d.x * cos - d.y * sin, d.x * sin + d.y * cos)
    }

    fn to_world_direction(&self, v: Vec2) -> Vec2 {
        let (sin, cos) = self.turn.to_radians().sin_cos();
        Vec2::new(v.x * cos + v.y * sin, -v.x * sin + v.y * cos)
    }

    /// How far `p` is outside the footprint (negative inside) and the outward direction.
    pub fn clearance(&self, p: Vec2) -> (f32, Vec2) {
        let local = self.to_local(p);
        let half = self.half_extents();
        let outside = local.abs() - half;
        if outside.x > 0.0 || outside.y > 0.0 {
            let nearest = local.clamp(-half, half);
            let away = local - nearest;
            let distance = away.length();
            (distance, self.to_world_direction(away / distance))
        } else {
            // Inside: leave by the nearest face.
            let normal = if outside.x > outside.y {
                Vec2::new(local.x.signum(), 0.0)
            } else {
                Vec2::new(0.0, local.y.signum())
            };
            (outside.x.max(outside.y), self.to_world_direction(normal))
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DoorCandidate {
    pub id: String,
    pub at: Point,
    /// Degrees: the direction the door's front looks.
    pub facing: f32,
}

/// Something spoken: who, what, and the sound file of it under `assets/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spoken {
    pub speaker: String,
    pub line: String,
    pub audio: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lotus {
    pub at: Point,
    pub radius: f32,
    /// What the trees grown from planted worries whisper.
    pub whisper: Spoken,
}

/// A fragrance swirling in the garden: entering its zone shows its name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fragrance {
    pub name: String,
    pub at: Point,
    pub radius: f32,
    /// Linear RGB of its wisps.
    pub color: (f32, f32, f32),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct River {
    pub width: f32,
    pub path: Vec<Point>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fragments {
    pub count: u32,
    pub candidates: Vec<Point>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoiceFlower {
    pub id: String,
    pub at: Point,
    pub speaker: String,
    pub line: String,
    /// Path under `assets/`.
    pub audio: String,
}

/// How the city's warmth drains as the dreamer walks: from 1 to `floor` over `distance`
/// metres walked (never by time).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Darkening {
    pub distance: f32,
    pub floor: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LevelKind {
    City,
    Garden,
}

/// One level file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelDef {
    pub version: u32,
    pub kind: LevelKind,
    pub name: String,
    pub spawn: Spawn,
    pub bounds: Bounds,
    #[serde(default)]
    pub obstacles: Vec<Obstacle>,
    #[serde(default)]
    pub doors: Vec<DoorCandidate>,
    /// The city: how its warmth drains.
    #[serde(default)]
    pub darkening: Option<Darkening>,
    /// The city: how many worries cling to the dreamer by the time warmth reaches its floor.
    #[serde(default)]
    pub worries: u32,
    #[serde(default)]
    pub lotus: Option<Lotus>,
    #[serde(default)]
    pub river: Option<River>,
    #[serde(default)]
    pub fragments: Option<Fragments>,
    #[serde(default)]
    pub voices: Vec<VoiceFlower>,
    #[serde(default)]
    pub fragrances: Vec<Fragrance>,
    /// The garden: what the moon says as she wraps the dreamer in the shawl.
    #[serde(default)]
    pub moon: Option<Spoken>,
    /// The garden: the closing lines, spoken as the dreamer wakes.
    #[serde(default)]
    pub waking: Option<Spoken>,
}

/// One thing wrong with a level file, at a place in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.col,
            self.message
        )
    }
}

/// Reads and validates one level file.
pub fn load_level_file(path: &Path) -> Result<LevelDef, Vec<Problem>> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_level(path, &text),
        Err(error) => Err(vec![Problem {
            file: path.to_owned(),
            line: 1,
            col: 1,
            message: format!("cannot read the level file: {error}"),
        }]),
    }
}

/// Parses and validates level text; `path` only names the file in problems.
pub fn parse_level(path: &Path, text: &str) -> Result<LevelDef, Vec<Problem>> {
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let level: LevelDef = options.from_str(text).map_err(|error| {
        vec![Problem {
            file: path.to_owned(),
            line: error.span.start.line,
            col: error.span.start.col,
            message: error.code.to_string(),
        }]
    })?;
    let problems = validate(&level, path, text);
    if problems.is_empty() {
        Ok(level)
    } else {
        Err(problems)
    }
}

/// A step on the way to a place in RON text.
#[derive(Clone, Copy)]
enum Step<'a> {
    /// A field name followed by a colon.
    Key(&'a str),
    /// The n-th (from 0) appearance of a string value, quotes included in the search.
    Str(&'a str, usize),
    /// The n-th element of the next list.
    Item(usize),
}

/// Finds line/column places in level text for problems found after parsing.
struct Locator<'a> {
    text: &'a str,
}

impl Locator<'_> {
    fn find(&self, steps: &[Step]) -> (usize, usize) {
        let mut offset = 0;
        for step in steps {
            let found = match *step {
                Step::Key(key) => self.find_key(offset, key),
                Step::Str(value, nth) => {
                    let quoted = format!("\"{value}\"");
                    self.text[offset..]
                        .match_indices(&quoted)
                        .nth(nth)
                        .map(|(at, _)| offset + at)
                }
                Step::Item(index) => self.find_item(offset, index),
            };
            match found {
                Some(at) => offset = at,
                None => break,
            }
        }
        self.line_col(offset)
    }

    fn find_key(&self, from: usize, key: &str) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let mut search = from;
        while let Some(at) = self.text[search..].find(key) {
            let start = search + at;
            let end = start + key.len();
            let before_ok = start == 0 || !is_ident_byte(bytes[start - 1]);
            let after = self.text[end..].trim_start();
            let after_ok =
                (end >= bytes.len() || !is_ident_byte(bytes[end])) && after.starts_with(':');
            if before_ok && after_ok {
                return Some(start);
            }
            search = end;
        }
        None
    }

    /// Start of the `index`-th element of the first list at or after `from`.
    fn find_item(&self, from: usize, index: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let open = from + self.text[from..].find('[')?;
        let mut depth = 0usize;
        let mut element = 0usize;
        let mut expecting_element = false;
        let mut in_string = false;
        let mut i = open;
        while i < bytes.len() {
            let byte = bytes[i];
            if in_string {
                match byte {
                    b'\\' => i += 1,
                    b'"' => in_string = false,
                    _ => {}
                }
                i += 1;
                continue;
            }
            match byte {
                b'[' | b'(' | b'{' => {
                    if depth == 1 && expecting_element {
                        if element == index {
                            return Some(i);
                        }
                        expecting_element = false;
                    }
                    depth += 1;
                    if depth == 1 {
                        expecting_element = true;
                    }
                }
                b']' | b')' | b'}' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return None;
                    }
                }
                b',' if depth == 1 => {
                    element += 1;
                    expecting_element = true;
                }
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                byte if byte.is_ascii_whitespace() => {}
                byte => {
                    if depth == 1 && expecting_element {
                        if element == index {
                            return Some(i);
                        }
                        expecting_element = false;
                    }
                    if byte == b'"' {
                        in_string = true;
                    }
                }
            }
            i += 1;
        }
        None
    }

    fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

fn is_ident_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
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
}

/// Checks everything serde cannot: versions, numbers, ids, bounds and reachability.
pub fn validate(level: &LevelDef, path: &Path, text: &str) -> Vec<Problem> {
    let mut v = Validator {
        path,
        locator: Locator { text },
        problems: Vec::new(),
        seen: HashMap::new(),
    };

    if level.version != LEVEL_FORMAT_VERSION {
        v.report(
            &[Step::Key("version")],
            format!(
                "level format version {} is not one this game reads (it reads version {})",
                level.version, LEVEL_FORMAT_VERSION
            ),
        );
    }
    v.text(&[Step::Key("name")], "name", &level.name);

    // Bounds first: everything else is measured against them.
    let bounds_ok = v.point(
        &[Step::Key("bounds"), Step::Key("min")],
        "bounds.min",
        level.bounds.min,
    ) & v.point(
        &[Step::Key("bounds"), Step::Key("max")],
        "bounds.max",
        level.bounds.max,
    );
    let bounds = if bounds_ok {
        let size = level.bounds.size();
        if size.x < 4.0 || size.y < 4.0 {
            v.report(
                &[Step::Key("bounds")],
                "bounds must span at least 4 m each way, with max greater than min",
            );
            None
        } else {
            Some(level.bounds)
        }
    } else {
        None
    };

    let spawn_steps = [Step::Key("spawn")];
    let spawn_ok = v.point(&spawn_steps, "spawn.at", level.spawn.at)
        & v.finite(&spawn_steps, "spawn.facing", level.spawn.facing);
    v.inside(bounds.as_ref(), &spawn_steps, "the spawn", level.spawn.at);

    let mut ids = HashSet::new();
    let mut obstacles_ok = true;
    for obstacle in &level.obstacles {
        let nth = v.occurrence("obstacles", &obstacle.id);
        let steps = [Step::Key("obstacles"), Step::Str(&obstacle.id, nth)];
        v.unique_id(&mut ids, &steps, &obstacle.id);
        let ok = v.point(&steps, "at", obstacle.at)
            & v.positive(
                &[steps[0], steps[1], Step::Key("width")],
                "footprint.width",
                obstacle.footprint.width,
            )
            & v.positive(
                &[steps[0], steps[1], Step::Key("depth")],
                "footprint.depth",
                obstacle.footprint.depth,
            )
            & v.positive(
                &[steps[0], steps[1], Step::Key("height")],
                "height",
                obstacle.height,
            )
            & v.point(
                &[steps[0], steps[1], Step::Key("lean")],
                "lean",
                obstacle.lean,
            )
            & v.finite(
                &[steps[0], steps[1], Step::Key("turn")],
                "turn",
                obstacle.turn,
            );
        obstacles_ok &= ok;
        if ok {
            v.inside(
                bounds.as_ref(),
                &steps,
                &format!("obstacle \"{}\"", obstacle.id),
                obstacle.at,
            );
            if obstacle.lean.vec().length() > obstacle.height * 0.5 {
                v.report(
                    &[steps[0], steps[1], Step::Key("lean")],
                    format!(
                        "obstacle \"{}\" leans further than half its height",
                        obstacle.id
                    ),
                );
            }
        }
    }

    for door in &level.doors {
        let nth = v.occurrence("doors", &door.id);
        let steps = [Step::Key("doors"), Step::Str(&door.id, nth)];
        v.unique_id(&mut ids, &steps, &door.id);
        if v.point(&steps, "at", door.at) & v.finite(&steps, "facing", door.facing) {
            v.inside(
                bounds.as_ref(),
                &steps,
                &format!("door \"{}\"", door.id),
                door.at,
            );
        }
    }
    for voice in &level.voices {
        let nth = v.occurrence("voices", &voice.id);
        let steps = [Step::Key("voices"), Step::Str(&voice.id, nth)];
        v.unique_id(&mut ids, &steps, &voice.id);
        if v.point(&steps, "at", voice.at) {
            v.inside(
                bounds.as_ref(),
                &steps,
                &format!("voice flower \"{}\"", voice.id),
                voice.at,
            );
        }
        v.text(
            &[steps[0], steps[1], Step::Key("speaker")],
            "speaker",
            &voice.speaker,
        );
        v.text(
            &[steps[0], steps[1], Step::Key("line")],
            "line",
            &voice.line,
        );
        v.text(
            &[steps[0], steps[1], Step::Key("audio")],
            "audio",
            &voice.audio,
        );
    }
    if let Some(lotus) = &level.lotus {
        let steps = [Step::Key("lotus")];
        if v.point(&steps, "lotus.at", lotus.at) & v.positive(&steps, "lotus.radius", lotus.radius)
        {
            v.inside(bounds.as_ref(), &steps, "the lotus", lotus.at);
        }
        let whisper = [Step::Key("lotus"), Step::Key("whisper")];
        let spoken = &lotus.whisper;
        v.text(
            &[whisper[0], whisper[1], Step::Key("speaker")],
            "speaker",
            &spoken.speaker,
        );
        v.text(
            &[whisper[0], whisper[1], Step::Key("line")],
            "line",
            &spoken.line,
        );
        v.text(
            &[whisper[0], whisper[1], Step::Key("audio")],
            "audio",
            &spoken.audio,
        );
    }
    for (key, spoken) in [("moon", &level.moon), ("waking", &level.waking)] {
        if let Some(spoken) = spoken {
            v.text(
                &[Step::Key(key), Step::Key("speaker")],
                "speaker",
                &spoken.speaker,
            );
            v.text(&[Step::Key(key), Step::Key("line")], "line", &spoken.line);
            v.text(
                &[Step::Key(key), Step::Key("audio")],
                "audio",
                &spoken.audio,
            );
        }
    }
    for fragrance in &level.fragrances {
        let nth = v.occurrence("fragrances", &fragrance.name);
        let steps = [Step::Key("fragrances"), Step::Str(&fragrance.name, nth)];
        v.text(&steps, "fragrance name", &fragrance.name);
        let (r, g, b) = fragrance.color;
        if v.point(&steps, "at", fragrance.at)
            & v.positive(&steps, "radius", fragrance.radius)
            & v.finite(&steps, "color", r + g + b)
        {
            let what = format!("fragrance \"{}\"", fragrance.name);
            v.inside(bounds.as_ref(), &steps, &what, fragrance.at);
        }
    }
    if let Some(river) = &level.river {
        v.positive(
            &[Step::Key("river"), Step::Key("width")],
            "river.width",
            river.width,
        );
        if river.path.len() < 2 {
            v.report(
                &[Step::Key("river"), Step::Key("path")],
                "a river path needs at least two points",
            );
        }
        for (index, point) in river.path.iter().enumerate() {
            let steps = [Step::Key("river"), Step::Key("path"), Step::Item(index)];
            if v.point(&steps, "river point", *point) {
                v.inside(
                    bounds.as_ref(),
                    &steps,
                    &format!("river point {index}"),
                    *point,
                );
            }
        }
    }
    if let Some(fragments) = &level.fragments {
        if fragments.count == 0 {
            v.report(
                &[Step::Key("fragments"), Step::Key("count")],
                "fragments.count must be at least 1",
            );
        }
        if (fragments.candidates.len() as u64) < u64::from(fragments.count) {
            v.report(
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
            if v.point(&steps, "fragment candidate", *point) {
                v.inside(
                    bounds.as_ref(),
                    &steps,
                    &format!("fragment candidate {index}"),
                    *point,
                );
            }
        }
    }

    match level.kind {
        LevelKind::City => {
            if level.doors.is_empty() {
                v.report(
                    &[Step::Key("kind")],
                    "a city needs at least one door candidate in `doors`",
                );
            }
        }
        LevelKind::Garden => {
            if level.lotus.is_none() {
                v.report(&[Step::Key("kind")], "a garden needs a `lotus`");
            }
            if level.river.is_none() {
                v.report(&[Step::Key("kind")], "a garden needs a `river`");
            }
            if level.fragments.is_none() {
                v.report(&[Step::Key("kind")], "a garden needs `fragments`");
            }
            if level.moon.is_none() || level.waking.is_none() {
                v.report(
                    &[Step::Key("kind")],
                    "a garden needs the `moon`'s words and the `waking` lines",
                );
            }
            if level.voices.is_empty() {
                v.report(
                    &[Step::Key("kind")],
                    "a garden needs at least one voice flower in `voices`",
                );
            }
        }
    }

    // Reachability only makes sense once the geometry itself is sound.
    if v.problems.is_empty() && bounds.is_some() && spawn_ok && obstacles_ok {
        check_reachability(level, &mut v);
    }
    v.problems
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

/// Where the level files live: `levels/` beside the working directory when it has one
/// (running from the repository), otherwise the one this build was made from.
pub fn default_levels_dir() -> PathBuf {
    let local = PathBuf::from("levels");
    if local.join("city.ron").exists() {
        local
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("levels")
    }
}

/// The level files the game plays, by kind.
#[derive(Resource, Debug, Clone)]
pub struct Levels {
    pub city: LevelDef,
    pub garden: LevelDef,
}

impl Levels {
    pub fn get(&self, kind: LevelKind) -> &LevelDef {
        match kind {
            LevelKind::City => &self.city,
            LevelKind::Garden => &self.garden,
        }
    }

    /// Loads `city.ron` and `garden.ron` from `dir`, gathering every problem in both.
    pub fn load(dir: &Path) -> Result<Self, Vec<Problem>> {
        let city = load_level_file(&dir.join("city.ron"));
        let garden = load_level_file(&dir.join("garden.ron"));
        let mut problems = Vec::new();
        let mut expect_kind =
            |result: Result<LevelDef, Vec<Problem>>, kind: LevelKind, file: &str| match result {
                Ok(level) if level.kind == kind => Some(level),
                Ok(level) => {
                    problems.push(Problem {
                        file: dir.join(file),
                        line: 1,
                        col: 1,
                        message: format!(
                            "expected a {kind:?} level here, found a {:?} level",
                            level.kind
                        ),
                    });
                    None
                }
                Err(found) => {
                    problems.extend(found);
                    None
                }
            };
        let city = expect_kind(city, LevelKind::City, "city.ron");
        let garden = expect_kind(garden, LevelKind::Garden, "garden.ron");
        match (city, garden) {
            (Some(city), Some(garden)) => Ok(Self { city, garden }),
            _ => Err(problems),
        }
    }
}

/// Where the game reads its levels from.
#[derive(Resource, Debug, Clone)]
pub struct LevelsDir(pub PathBuf);

/// Problems that stopped the levels from loading; the game shows them instead of playing.
#[derive(Resource, Debug, Clone, Default)]
pub struct LoadProblems(pub Vec<Problem>);

/// `begin-again check [FILE…]`: one `FILE:LINE:COL: message` line per problem.
pub fn check_command(files: &[PathBuf]) -> std::process::ExitCode {
    let files = if files.is_empty() {
        let dir = default_levels_dir();
        match std::fs::read_dir(&dir) {
            Ok(entries) => {
                let mut found: Vec<PathBuf> = entries
                    .filter_map(|entry| entry.ok().map(|e| e.path()))
                    .filter(|path| path.extension().is_some_and(|ext| ext == "ron"))
                    .collect();
                found.sort();
                found
            }
            Err(error) => {
                println!(
                    "{}:1:1: cannot read the levels folder: {error}",
                    dir.display()
                );
                return std::process::ExitCode::FAILURE;
            }
        }
    } else {
        files.to_vec()
    };
    if files.is_empty() {
        println!("no level files to check");
        return std::process::ExitCode::FAILURE;
    }
    let mut problem_count = 0;
    let mut summaries = Vec::new();
    for file in &files {
        match load_level_file(file) {
            Ok(level) => summaries.push(summary(file, &level)),
            Err(problems) => {
                problem_count += problems.len();
                for problem in problems {
                    println!("{problem}");
                }
            }
        }
    }
    if problem_count == 0 {
        println!(
            "{} level files valid: {}",
            files.len(),
            summaries.join("; ")
        );
        std::process::ExitCode::SUCCESS
    } else {
        println!("{problem_count} problem(s) in {} file(s)", files.len());
        std::process::ExitCode::FAILURE
    }
}

fn summary(file: &Path, level: &LevelDef) -> String {
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    match level.kind {
        LevelKind::City => format!(
            "{name} ({}: {} obstacles, {} door candidates)",
            level.name,
            level.obstacles.len(),
            level.doors.len()
        ),
        LevelKind::Garden => format!(
            "{name} ({}: {} obstacles, {} voice flowers, {} fragment candidates)",
            level.name,
            level.obstacles.len(),
            level.voices.len(),
            level.fragments.as_ref().map_or(0, |f| f.candidates.len())
        ),
    }
}

/// Loads the levels when the game starts, and routes to the title or to the problem screen.
pub struct LevelPlugin;

impl Plugin for LevelPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<LoadProblems>()
            .add_systems(OnEnter(crate::flow::AppState::Loading), load_levels);
    }
}

fn load_levels(
    mut commands: Commands,
    dir: Res<LevelsDir>,
    preloaded: Option<Res<Levels>>,
    route: Res<crate::flow::AfterLoading>,
    mut next: ResMut<NextState<crate::flow::AppState>>,
    mut dream: MessageWriter<crate::flow::BeginDream>,
) {
    if preloaded.is_none() {
        match Levels::load(&dir.0) {
            Ok(levels) => {
                info!(
                    "levels loaded from {}: {} and {}",
                    dir.0.display(),
                    levels.city.name,
                    levels.garden.name
                );
                commands.insert_resource(levels);
            }
            Err(problems) => {
                for problem in &problems {
                    error!("{problem}");
                }
                commands.insert_resource(LoadProblems(problems));
                next.set(crate::flow::AppState::Broken);
                return;
            }
        }
    }
    match *route {
        crate::flow::AfterLoading::Title => next.set(crate::flow::AppState::Title),
        crate::flow::AfterLoading::Dream(chapter) => {
            dream.write(crate::flow::BeginDream { chapter });
        }
    }
}
