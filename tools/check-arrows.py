#!/usr/bin/env python3
"""Keeps the house in order (ARCHITECTURE.md): reads every `crate::PART` path in src/, and
fails on an arrow against the table of parts, a circle between parts, a logic file (core,
level, dream) that names a mesh, a material, a UI node, text or audio, bevy_kira_audio used
outside view/sound, a simulation file calling the platform's maths library (whose last bits
differ between systems) instead of `bevy::math::ops`, or a circle of files inside a part (a file
that reaches, through the files it uses, back to itself: `mod.rs` gathering a child that uses
something `mod.rs` defines is one), a 3D mesh or material named in `view/screens` or a UI node
in `view/world` (the view's rooms), a file over 600 lines, or a WGSL function written in two shader files (shared ones
live in `assets/shaders/lib/`). Prints the arrows it found.
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


# The view's rooms: the screens draw in 2D over the world, the world is 3D with no UI in it.
THREE_D = re.compile(
    r"\b(Mesh3d|MeshMaterial3d|StandardMaterial|ExtendedMaterial|PointLight|DirectionalLight|"
    r"SpotLight|Camera3d|DistanceFog)\b"
)
UI = re.compile(r"\b(Node|ImageNode|Text|TextFont|TextColor|BackgroundColor|GlobalZIndex|Button)\b")
SHADERS = SRC.parent / "assets" / "shaders"
ENTRY_POINTS = {"vertex", "fragment"}
# A file longer than this has more than one job: give the other its own room.
MOST_LINES = 600


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


def module_of(file: Path) -> tuple:
    """`src/view/menus/mod.rs` -> ("view", "menus"); `src/view/hud.rs` -> ("view", "hud")."""
    parts = list(file.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "mod":
        parts = parts[:-1]
    return () if parts in (["lib"], ["main"]) else tuple(parts)


def expand_use(tree: str) -> list:
    """`a::{b, c::{d, e as f}}` -> [`a::b`, `a::c::d`, `a::c::e`]."""
    tree = re.sub(r"\s+", " ", tree).strip()

    def split_top(text):
        depth, current, out = 0, "", []
        for ch in text:
            depth += (ch == "{") - (ch == "}")
            if ch == "," and depth == 0:
                out.append(current)
                current = ""
            else:
                current += ch
        return out + [current]

    def expand(text):
        text = text.strip()
        brace = text.find("{")
        if brace < 0:
            return [re.sub(r"\s+as\s+\w+$", "", text)] if text else []
        prefix, inner = text[:brace], text[brace + 1 : text.rindex("}")]
        return [prefix + path for part in split_top(inner) for path in expand(part)]

    return [path.replace(" ", "") for path in expand(tree)]


def outside_inline_modules(code: str) -> str:
    """The code with `super` inside an inline `mod name { … }` (the tests) read as the file
    itself, since there `super` is the file's own module."""
    out, i = [], 0
    for match in re.finditer(r"\bmod\s+\w+\s*\{", code):
        if match.start() < i:
            continue
        depth, j = 1, match.end()
        while j < len(code) and depth:
            depth += (code[j] == "{") - (code[j] == "}")
            j += 1
        out.append(code[i : match.end()])
        out.append(re.sub(r"\bsuper::", "self::", code[match.end() : j]))
        i = j
    out.append(code[i:])
    return "".join(out)


def file_arrows(codes: dict) -> dict:
    """Which module files each module file uses: `crate::`, `super::`, `self::` and child
    module paths, in `use` trees and in the code, each resolved to the file that defines it."""
    modules = set(codes)
    arrows = {module: set() for module in modules}
    for module, code in codes.items():
        code = outside_inline_modules(code)
        children = set(re.findall(r"\bmod\s+(\w+)\s*;", code))
        paths = [path for tree in re.findall(r"\buse\s+([^;]+);", code) for path in expand_use(tree)]
        paths += re.findall(r"\b((?:crate|super|self)(?:::\w+)+)", code)
        for child in children:
            paths += re.findall(rf"(?<![\w:])({child}(?:::\w+)+)", code)
        for path in paths:
            segments = path.split("::")
            if segments[0] == "crate":
                base, segments = (), segments[1:]
            elif segments[0] == "self":
                base, segments = module, segments[1:]
            elif segments[0] == "super":
                base = module
                while segments and segments[0] == "super":
                    base, segments = base[:-1], segments[1:]
            elif segments[0] in children:
                base = module
            else:
                continue
            full = base + tuple(segment for segment in segments if segment != "*")
            target = next(full[:k] for k in range(len(full), -1, -1) if full[:k] in modules or k == 0)
            if target != module and target in modules:
                arrows[module].add(target)
    return arrows


def circles_of_files(arrows: dict) -> list:
    """Every circle of module files inside one part (Tarjan's strongly connected components)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []

    def connect(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(arrows[node]):
            if target[:1] != node[:1]:
                continue
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(arrows):
        if node and node not in index:
            connect(node)
    return found


def file_name(module: tuple) -> str:
    path = SRC.joinpath(*module)
    return f"src/{'/'.join(module)}/mod.rs" if (path / "mod.rs").exists() else f"src/{'/'.join(module)}.rs"


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
            lines = text.count("\n")
            if lines > MOST_LINES:
                problems.append(f"{relative}: {lines} lines, over {MOST_LINES}: split it by its jobs")
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
    for file in sorted((SRC / "view").rglob("*.rs")):
        relative = file.relative_to(SRC.parent)
        code = strip_comments_and_strings(file.read_text(encoding="utf-8"))
        room = file.relative_to(SRC / "view").parts[0]
        if room == "screens":
            for match in sorted(set(THREE_D.findall(code))):
                problems.append(f"{relative}: a screen names {match} (3D belongs in view/world)")
        if room == "world":
            for match in sorted(set(UI.findall(code))):
                problems.append(f"{relative}: the world names {match} (UI belongs in view/screens)")
    defined = {}
    for shader in sorted(SHADERS.rglob("*.wgsl")):
        text = re.sub(r"//[^\n]*", "", shader.read_text(encoding="utf-8"))
        for name in re.findall(r"\bfn\s+(\w+)\s*\(", text):
            if name not in ENTRY_POINTS:
                defined.setdefault(name, []).append(str(shader.relative_to(SRC.parent)))
    for name, shaders in sorted(defined.items()):
        if len(shaders) > 1:
            problems.append(f"WGSL fn {name} is written in {', '.join(shaders)}: share it from assets/shaders/lib/")
    # Inside a part, files must not make a circle either: each room stands on the ones below it.
    codes = {
        module_of(file): strip_comments_and_strings(file.read_text(encoding="utf-8"))
        for file in sorted(SRC.rglob("*.rs"))
    }
    for component in circles_of_files(file_arrows(codes)):
        names = ", ".join(file_name(module) for module in component)
        problems.append(f"a circle of files inside {component[0][0]}: {names}")
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
