//! A walkability grid over a level: proves that things are reachable from the spawn, and finds
//! walking routes for scripted play (tests, autoplay).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use bevy::math::Vec2;

use super::types::{DREAMER_RADIUS, LevelDef};

/// Grid spacing in metres.
const CELL: f32 = 0.5;
/// Extra room kept from walls so routes never scrape them.
const MARGIN: f32 = 0.1;

pub struct NavGrid {
    origin: Vec2,
    width: usize,
    height: usize,
    walkable: Vec<bool>,
}

impl NavGrid {
    pub fn new(level: &LevelDef) -> Self {
        let origin = level.bounds.min.vec();
        let size = level.bounds.size();
        let width = (size.x / CELL).floor().max(1.0) as usize;
        let height = (size.y / CELL).floor().max(1.0) as usize;
        let mut grid = Self {
            origin,
            width,
            height,
            walkable: vec![false; width * height],
        };
        let clearance = DREAMER_RADIUS + MARGIN;
        for row in 0..height {
            for col in 0..width {
                let p = grid.center(col, row);
                grid.walkable[row * width + col] = level.bounds.contains(p, clearance);
            }
        }
        for obstacle in &level.obstacles {
            let reach = obstacle.footprint.width.hypot(obstacle.footprint.depth) * 0.5 + clearance;
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

    fn center(&self, col: usize, row: usize) -> Vec2 {
        self.origin + Vec2::new(col as f32 + 0.5, row as f32 + 0.5) * CELL
    }

    fn cell_of_clamped(&self, p: Vec2) -> (usize, usize) {
        let local = ((p - self.origin) / CELL).floor();
        (
            (local.x.max(0.0) as usize).min(self.width - 1),
            (local.y.max(0.0) as usize).min(self.height - 1),
        )
    }

    fn cell_of(&self, p: Vec2) -> Option<(usize, usize)> {
        let local = ((p - self.origin) / CELL).floor();
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

    fn neighbours(&self, index: usize) -> impl Iterator<Item = (usize, u32)> + '_ {
        let col = (index % self.width) as isize;
        let row = (index / self.width) as isize;
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
        STEPS.iter().filter_map(move |&(dc, dr, cost)| {
            let (c, r) = (col + dc, row + dr);
            if c < 0 || r < 0 || c as usize >= self.width || r as usize >= self.height {
                return None;
            }
            let open = |c: isize, r: isize| self.walkable[r as usize * self.width + c as usize];
            // Diagonal steps must not cut a blocked corner.
            if !open(c, r) || (dc != 0 && dr != 0 && (!open(col + dc, row) || !open(col, row + dr)))
            {
                return None;
            }
            Some((r as usize * self.width + c as usize, cost))
        })
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
        let mut queue = VecDeque::from([start]);
        reached[start] = true;
        while let Some(index) = queue.pop_front() {
            for (next, _) in self.neighbours(index) {
                if !reached[next] {
                    reached[next] = true;
                    queue.push_back(next);
                }
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
            for (next, step) in self.neighbours(index) {
                let candidate = so_far + step;
                if candidate < cost[next] {
                    cost[next] = candidate;
                    came_from[next] = index;
                    open.push(Reverse((candidate, next)));
                }
            }
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
