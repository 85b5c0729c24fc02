//! A walkability grid over a level: proves that things are reachable from the spawn, and finds
//! walking routes for scripted play (tests, autoplay).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use bevy::math::Vec2;
use bevy::math::ops;

use super::types::{DREAMER_RADIUS, LevelDef};

/// Grid spacing in metres.
const CELL: f32 = 0.5;
/// Extra room kept from walls so routes never scrape them.
const MARGIN: f32 = 0.1;

/// Walkable cells on a 0.5 m grid. The grid has a border one cell wide beyond the level's
/// bounds, never walkable, so a walkable cell's eight neighbours are always on the grid and
/// need no bounds checks (the searches run every cell of the level).
pub struct NavGrid {
    /// The level's `bounds.min`: the corner of the first cell inside the border.
    origin: Vec2,
    width: usize,
    height: usize,
    walkable: Vec<bool>,
}

/// The eight steps from a cell, straight ones first, in the order the searches try them (it
/// settles ties, so routes are the same on every run): column and row offset, and cost.
const STEPS: [(isize, isize, u32); 8] = [
    (1, 0, 10),
    (-1, 0, 10),
    (0, 1, 10),
    (0, -1, 10),
    (1, 1, 14),
    (1, -1, 14),
    (-1, 1, 14),
    (-1, -1, 14),
];

impl NavGrid {
    pub fn new(level: &LevelDef) -> Self {
        let origin = level.bounds.min.vec();
        let size = level.bounds.size();
        let inside_x = (size.x / CELL).floor().max(1.0) as usize;
        let inside_z = (size.y / CELL).floor().max(1.0) as usize;
        let (width, height) = (inside_x + 2, inside_z + 2);
        let mut grid = Self {
            origin,
            width,
            height,
            walkable: vec![false; width * height],
        };
        let clearance = DREAMER_RADIUS + MARGIN;
        for row in 1..height - 1 {
            for col in 1..width - 1 {
                let p = grid.center(col, row);
                grid.walkable[row * width + col] = level.bounds.contains(p, clearance);
            }
        }
        for obstacle in &level.obstacles {
            let reach =
                ops::hypot(obstacle.footprint.width, obstacle.footprint.depth) * 0.5 + clearance;
            let (c0, r0) = grid.cell_of_clamped(obstacle.at.vec() - Vec2::splat(reach));
            let (c1, r1) = grid.cell_of_clamped(obstacle.at.vec() + Vec2::splat(reach));
            for row in r0..=r1 {
                for col in c0..=c1 {
                    if obstacle.clearance(grid.center(col, row)).0 < clearance {
                        grid.walkable[row * width + col] = false;
                    }
                }
            }
        }
        grid
    }

    /// The middle of a cell (the border's cells lie half a cell outside the bounds).
    fn center(&self, col: usize, row: usize) -> Vec2 {
        self.origin + Vec2::new(col as f32 - 0.5, row as f32 - 0.5) * CELL
    }

    /// The cell under `p`, or the nearest cell of the grid when `p` is off it.
    fn cell_of_clamped(&self, p: Vec2) -> (usize, usize) {
        let local = ((p - self.origin) / CELL).floor() + Vec2::ONE;
        (
            (local.x.max(0.0) as usize).min(self.width - 1),
            (local.y.max(0.0) as usize).min(self.height - 1),
        )
    }

    fn cell_of(&self, p: Vec2) -> Option<(usize, usize)> {
        let local = ((p - self.origin) / CELL).floor() + Vec2::ONE;
        (local.x >= 0.0
            && local.y >= 0.0
            && (local.x as usize) < self.width
            && (local.y as usize) < self.height)
            .then_some((local.x as usize, local.y as usize))
    }

    pub fn is_walkable(&self, p: Vec2) -> bool {
        self.cell_of(p)
            .is_some_and(|(col, row)| self.walkable[row * self.width + col])
    }

    /// Calls `visit` with each walkable neighbour of the walkable cell `index` and the cost of
    /// the step; a diagonal step must not cut a blocked corner.
    #[inline]
    fn each_neighbour(&self, index: usize, mut visit: impl FnMut(usize, u32)) {
        let width = self.width as isize;
        let at = |dc: isize, dr: isize| (index as isize + dr * width + dc) as usize;
        for (dc, dr, cost) in STEPS {
            let next = at(dc, dr);
            if !self.walkable[next] {
                continue;
            }
            if dc != 0 && dr != 0 && (!self.walkable[at(dc, 0)] || !self.walkable[at(0, dr)]) {
                continue;
            }
            visit(next, cost);
        }
    }

    /// Every cell reachable on foot from `from`.
    pub fn flood_from(&self, from: Vec2) -> Vec<bool> {
        let mut reached = vec![false; self.walkable.len()];
        let Some((col, row)) = self.cell_of(from) else {
            return reached;
        };
        let start = row * self.width + col;
        if !self.walkable[start] {
            return reached;
        }
        // Which cells are reached does not depend on the order they are found in: a stack is
        // the cheapest way to find them all. Straight steps first, then the diagonals that
        // cut no blocked corner (as `each_neighbour`, written out: this visits every cell of
        // a level each time a level is checked).
        let width = self.width;
        let walkable = &self.walkable;
        let mut to_visit = vec![start];
        reached[start] = true;
        macro_rules! visit {
            ($next:expr) => {{
                let next = $next;
                if !reached[next] {
                    reached[next] = true;
                    to_visit.push(next);
                }
            }};
        }
        while let Some(index) = to_visit.pop() {
            let (east, west) = (walkable[index + 1], walkable[index - 1]);
            let (south, north) = (walkable[index + width], walkable[index - width]);
            if east {
                visit!(index + 1);
            }
            if west {
                visit!(index - 1);
            }
            if south {
                visit!(index + width);
            }
            if north {
                visit!(index - width);
            }
            if east && south && walkable[index + width + 1] {
                visit!(index + width + 1);
            }
            if east && north && walkable[index - width + 1] {
                visit!(index - width + 1);
            }
            if west && south && walkable[index + width - 1] {
                visit!(index + width - 1);
            }
            if west && north && walkable[index - width - 1] {
                visit!(index - width - 1);
            }
        }
        reached
    }

    /// Whether some reached cell lies within `reach` metres of `at`.
    pub fn reaches(&self, reached: &[bool], at: Vec2, reach: f32) -> bool {
        self.nearest_reached(reached, at, reach).is_some()
    }

    fn nearest_reached(&self, reached: &[bool], at: Vec2, reach: f32) -> Option<usize> {
        let (c0, r0) = self.cell_of_clamped(at - Vec2::splat(reach));
        let (c1, r1) = self.cell_of_clamped(at + Vec2::splat(reach));
        let mut best: Option<(f32, usize)> = None;
        for row in r0..=r1 {
            for col in c0..=c1 {
                let index = row * self.width + col;
                let distance = self.center(col, row).distance(at);
                if reached[index] && distance <= reach && best.is_none_or(|(d, _)| distance < d) {
                    best = Some((distance, index));
                }
            }
        }
        best.map(|(_, index)| index)
    }

    /// A walking route from `from` to within `reach` of `to`: corner points, straightened
    /// where the way is clear, ending at `to` when it can be stood on.
    pub fn route(&self, from: Vec2, to: Vec2, reach: f32) -> Option<Vec<Vec2>> {
        let (col, row) = self.cell_of(from)?;
        let start = row * self.width + col;
        let reached = self.flood_from(from);
        let goal = self.nearest_reached(&reached, to, reach)?;

        let mut cost = vec![u32::MAX; self.walkable.len()];
        let mut came_from = vec![usize::MAX; self.walkable.len()];
        let mut open = BinaryHeap::new();
        cost[start] = 0;
        open.push(Reverse((0u32, start)));
        while let Some(Reverse((so_far, index))) = open.pop() {
            if index == goal {
                break;
            }
            if so_far > cost[index] {
                continue;
            }
            self.each_neighbour(index, |next, step| {
                let candidate = so_far + step;
                if candidate < cost[next] {
                    cost[next] = candidate;
                    came_from[next] = index;
                    open.push(Reverse((candidate, next)));
                }
            });
        }
        let mut cells = vec![goal];
        while let Some(&last) = cells.last() {
            if last == start {
                break;
            }
            let previous = came_from[last];
            if previous == usize::MAX {
                return None;
            }
            cells.push(previous);
        }
        cells.reverse();
        let mut points: Vec<Vec2> = cells
            .iter()
            .map(|&i| self.center(i % self.width, i / self.width))
            .collect();
        if self.is_walkable(to) && self.clear_line(*points.last()?, to) {
            points.push(to);
        }
        // String-pulling: keep only the corners the straight line cannot skip.
        let mut corners = Vec::new();
        let mut anchor = from;
        let mut index = 0;
        while index < points.len() {
            let furthest = (index..points.len())
                .rev()
                .find(|&candidate| self.clear_line(anchor, points[candidate]))
                .unwrap_or(index);
            corners.push(points[furthest]);
            anchor = points[furthest];
            index = furthest + 1;
        }
        Some(corners)
    }

    /// Whether a straight walk from `a` to `b` stays on walkable cells.
    pub fn clear_line(&self, a: Vec2, b: Vec2) -> bool {
        let steps = (a.distance(b) / (CELL * 0.25)).ceil().max(1.0) as usize;
        (0..=steps).all(|i| self.is_walkable(a.lerp(b, i as f32 / steps as f32)))
    }
}
