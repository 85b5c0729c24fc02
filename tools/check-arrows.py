#!/usr/bin/env python3
"""Keeps the house in order (ARCHITECTURE.md): reads every `crate::PART` path in src/, and
fails on an arrow against the table of parts, a circle between parts, a logic file (core,
level, dream) that names a mesh, a material, a UI node, text or audio, bevy_kira_audio used
outside view/sound, or a simulation file calling the platform's maths library (whose last bits
differ between systems) instead of `bevy::math::ops`. Prints the arrows it found.
Run from anywhere: python3 tools/check-arrows.py
"""

import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

# What each part may use, in the order the parts stand.
MAY_USE = {
    "core": set(),
    "level": {"core"},
    "saving": {"core"},
    "dream": {"core", "level"},
    "speedrun": {"core", "level", "dream", "saving"},
    "view": {"core", "level", "saving", "dream", "speedrun"},
    # The command line drives the whole game, the app assembled in lib.rs included.
    "cli": {"core", "level", "saving", "dream", "speedrun", "view", "root"},
}
PARTS = list(MAY_USE)
LOGIC = {"core", "level", "dream"}
# What a run re-simulates (the pilot's steering included): its floats must be the same bits
# on every OS and CPU, so sin, exp and the like go through bevy::math::ops (libm).
SIMULATION = {"core", "level", "dream", "speedrun"}
PLATFORM_MATHS = re.compile(
    r"\.(sin|cos|tan|sin_cos|exp|exp2|exp_m1|ln|ln_1p|log|log2|log10|powf|powi|atan|atan2|"
    r"asin|acos|hypot|cbrt|sinh|cosh|tanh|asinh|acosh|atanh)\("
)
# Names of what is seen or heard; the logic parts must not name them.
PRESENTATION = re.compile(
    r"\b(Mesh3d|Mesh|MeshMaterial3d|StandardMaterial|Material|ExtendedMaterial|Node|"
    r"ImageNode|Text|TextFont|TextColor|BackgroundColor|AudioSource|AudioInstance|"
    r"bevy_kira_audio|PointLight|DirectionalLight|Camera3d)\b"
)


def strip_comments_and_strings(text: str) -> str:
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r'"(?:\\.|[^"\\])*"', '""', text)


def crate_paths(code: str) -> set:
    """The first segment of every `crate::...` path, grouped imports included."""
    used = set(re.findall(r"\bcrate::(\w+)", code))
    for group in re.findall(r"\bcrate::\{([^}]*)\}", code):
        used.update(re.findall(r"^\s*(\w+)", part)[0] for part in group.split(",") if part.strip())
    return used


def main() -> int:
    problems = []
    arrows = {part: set() for part in PARTS}
    top = {p.name for p in SRC.iterdir()}
    unexpected = top - {f"{part}" for part in PARTS} - {"lib.rs", "main.rs"}
    for name in sorted(unexpected):
        problems.append(f"src/{name}: not one of the seven parts (or lib.rs, main.rs)")
    for part in PARTS:
        folder = SRC / part
        if not (folder / "mod.rs").exists():
            problems.append(f"src/{part}/mod.rs: the part is missing")
            continue
        for file in sorted(folder.rglob("*.rs")):
            relative = file.relative_to(SRC.parent)
            text = file.read_text(encoding="utf-8")
            if not text.startswith("//!"):
                problems.append(f"{relative}: does not open with a //! line saying what it is")
            code = strip_comments_and_strings(text)
            for used in crate_paths(code):
                target = used if used in MAY_USE else "root"
                if target == part:
                    continue
                arrows[part].add(target)
                if target not in MAY_USE[part]:
                    problems.append(f"{relative}: uses crate::{used}, but {part} may not use {target}")
            if part in LOGIC:
                for match in sorted(set(PRESENTATION.findall(code))):
                    problems.append(f"{relative}: logic names {match} (that belongs in view)")
            if part in SIMULATION:
                for match in sorted(set(PLATFORM_MATHS.findall(code))):
                    problems.append(
                        f"{relative}: calls f32::{match}, which differs between platforms; "
                        f"use bevy::math::ops::{match}"
                    )
            if "bevy_kira_audio" in code and not str(relative).startswith("src/view/sound"):
                problems.append(f"{relative}: only view/sound may use bevy_kira_audio")
    # A circle between parts would make the order meaningless, whatever the table says.
    seen, stack = set(), []

    def visit(part):
        if part in stack:
            problems.append("a circle between parts: " + " -> ".join(stack[stack.index(part):] + [part]))
            return
        if part in seen or part not in arrows:
            return
        stack.append(part)
        for target in sorted(arrows[part]):
            visit(target)
        stack.pop()
        seen.add(part)

    for part in PARTS:
        visit(part)
    for part in PARTS:
        print(f"{part:9} uses {', '.join(sorted(arrows[part])) or 'nothing of ours'}")
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) with the house's arrows")
        return 1
    print("every arrow points down the table; no circles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
