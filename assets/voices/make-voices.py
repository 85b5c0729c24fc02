#!/usr/bin/env python3
"""Makes the garden's voices: "Voices rise out of the petals, gentle and true".

What it does
    Reads every spoken line from the level (levels/garden.ron): the voice flowers, the lotus
    trees' whisper, the moon, the waking words and the river's fragment memories. Each is
    spoken by an offline, human-sounding voice chosen for its speaker (see PROFILES), softened
    with sox into something dreamlike but clearly a person, and written as
    assets/<audio path>: OGG Vorbis, 44.1 kHz stereo, padded, peak-normalised.

    Voices come from two Debian engines:
      * flite's statistical (clustergen) voices: slt (US female), awb (Scottish male),
        rms (US male). slt and awb take a native pitch target, so they are re-pitched without
        sox's formant shift.
      * festival's HTS voice cmu_us_slt_arctic_hts. Its .htsvoice file is copied and edited
        here: the all-pass constant ALPHA moves the formants (a longer or shorter vocal tract),
        the log-F0 means move the pitch, the F0 global variance widens or calms the melody, and
        zeroing the voicing weights makes a true whisper. One model gives a child, a man, an
        older woman and a whisper that all stay in time with each other, so they can be layered
        into a chorus (the trees, the petals).

Needs
    python3 (standard library only), flite (with its slt, awb and rms voices), festival with
    festvox-us-slt-hts, and sox with the OGG Vorbis format (libsox-fmt-all or -base):
        apt-get install flite festival festvox-us-slt-hts sox libsox-fmt-all

Run
    assets/voices/make-voices.py                      # every line of levels/garden.ron
    assets/voices/make-voices.py path/to/level.ron    # another level
    assets/voices/make-voices.py --only refuge        # one line: by id, audio name or path
    assets/voices/make-voices.py --list               # show lines and profiles, make nothing
    Runs from anywhere; paths are relative to the repository root (two folders above this
    script). It prints duration, RMS, peak and size for each file it writes and fails if a
    file is too quiet or too small for CI.
"""
import argparse
import math
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_LEVEL = ROOT / "levels" / "garden.ron"
ASSETS = ROOT / "assets"

RATE = 44100
OGG_QUALITY = 4       # Vorbis -C 4 (~128 kb/s), as before; the longest line stays under 250 KB.
MIN_RMS = 0.02        # CI rejects RMS < 0.005; stay well above it.
MIN_BYTES = 20_000
MAX_BYTES = 250_000   # files are committed: warn above this.


# --------------------------------------------------------------------------------------------
# A small RON reader (Rusty Object Notation), enough for the game's levels.
# --------------------------------------------------------------------------------------------

class RonError(ValueError):
    pass


class Struct(dict):
    """`(field: value, ...)` or `Name(field: value, ...)`; `.name` is the leading identifier."""

    def __init__(self, fields, name=None):
        super().__init__(fields)
        self.name = name


class Tuple(list):
    """`(a, b, ...)` or `Name(a, b)`: a tuple or tuple struct / enum variant."""

    def __init__(self, items, name=None):
        super().__init__(items)
        self.name = name


class Ident(str):
    """A bare identifier such as an enum unit variant (`Garden`)."""


_NUMBER = re.compile(
    r"[+-]?(?:0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|inf|NaN|"
    r"(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?)"
)
_IDENT = re.compile(r"r#[A-Za-z_][A-Za-z0-9_]*|[A-Za-z_][A-Za-z0-9_]*")
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "0": "\0", "\\": "\\", '"': '"', "'": "'"}


class RonReader:
    """Recursive descent over the text; `parse()` returns plain Python values."""

    def __init__(self, text, source="<ron>"):
        self.text = text
        self.pos = 0
        self.source = source

    def error(self, message, pos=None):
        pos = self.pos if pos is None else pos
        line = self.text.count("\n", 0, pos) + 1
        column = pos - (self.text.rfind("\n", 0, pos) + 1) + 1
        return RonError(f"{self.source}:{line}:{column}: {message}")

    def parse(self):
        self.skip()
        while self.text.startswith("#!", self.pos):  # `#![enable(...)]` extension attributes
            end = self.text.find("]", self.pos)
            if end < 0:
                raise self.error("unterminated attribute")
            self.pos = end + 1
            self.skip()
        value = self.value()
        self.skip()
        if self.pos != len(self.text):
            raise self.error("unexpected text after the value")
        return value

    # -- lexical helpers --------------------------------------------------------------------
    def skip(self):
        """Whitespace, `// line` and (nested) `/* block */` comments."""
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            if ch.isspace():
                self.pos += 1
            elif text.startswith("//", self.pos):
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end + 1
            elif text.startswith("/*", self.pos):
                start, depth = self.pos, 0
                while True:
                    if self.pos >= len(text):
                        raise self.error("unterminated block comment", start)
                    if text.startswith("/*", self.pos):
                        depth += 1
                        self.pos += 2
                    elif text.startswith("*/", self.pos):
                        depth -= 1
                        self.pos += 2
                        if depth == 0:
                            break
                    else:
                        self.pos += 1
            else:
                break

    def peek(self):
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect(self, ch):
        self.skip()
        if self.peek() != ch:
            found = repr(self.peek()) if self.peek() else "end of file"
            raise self.error(f"expected {ch!r}, found {found}")
        self.pos += 1

    # -- values -----------------------------------------------------------------------------
    def value(self):
        self.skip()
        ch = self.peek()
        if not ch:
            raise self.error("expected a value, found end of file")
        if ch == "(":
            return self.parens(None)
        if ch == "[":
            return self.sequence()
        if ch == "{":
            return self.mapping()
        if ch == '"':
            return self.string()
        if ch == "r" and re.match(r'r#*"', self.text[self.pos:self.pos + 260]):
            return self.raw_string()
        if ch == "'":
            return self.char()
        if ch in "+-." or ch.isdigit():
            return self.number()
        match = _IDENT.match(self.text, self.pos)
        if match:
            self.pos = match.end()
            name = match.group(0).removeprefix("r#")
            if name in ("inf", "NaN"):
                return float(name.replace("NaN", "nan"))
            self.skip()
            if self.peek() == "(":
                inner = self.parens(name)
                # `Some(x)` is just x here; other names stay on the struct / tuple.
                if name == "Some" and isinstance(inner, Tuple) and len(inner) == 1:
                    return inner[0]
                return inner
            return {"true": True, "false": False, "None": None}.get(name, Ident(name))
        raise self.error(f"unexpected {ch!r}")

    def parens(self, name):
        """`( )`: a struct if it starts with `ident:`, otherwise a tuple (or unit)."""
        self.expect("(")
        self.skip()
        struct_like = re.compile(r"(?:r#)?[A-Za-z_][A-Za-z0-9_]*\s*:(?!:)")
        if struct_like.match(self.text, self.pos):
            fields = {}
            while True:
                self.skip()
                if self.peek() == ")":
                    break
                start = self.pos
                key = _IDENT.match(self.text, self.pos)
                if not key:
                    raise self.error("expected a field name")
                self.pos = key.end()
                field_name = key.group(0).removeprefix("r#")
                if field_name in fields:
                    raise self.error(f"duplicate field `{field_name}`", start)
                self.expect(":")
                fields[field_name] = self.value()
                if not self.comma_or_close(")"):
                    break
            self.expect(")")
            return Struct(fields, name)
        items = self.items(")")
        return Tuple(items, name)

    def sequence(self):
        self.expect("[")
        items = self.items("]")
        return items

    def items(self, close):
        items = []
        while True:
            self.skip()
            if self.peek() == close:
                break
            items.append(self.value())
            if not self.comma_or_close(close):
                break
        self.expect(close)
        return items

    def mapping(self):
        self.expect("{")
        result = {}
        while True:
            self.skip()
            if self.peek() == "}":
                break
            key = self.value()
            self.expect(":")
            try:
                result[key] = self.value()
            except TypeError:
                raise self.error("map keys must be plain values") from None
            if not self.comma_or_close("}"):
                break
        self.expect("}")
        return result

    def comma_or_close(self, close):
        """After an element: a comma (maybe trailing) means more may follow."""
        self.skip()
        if self.peek() == ",":
            self.pos += 1
            return True
        if self.peek() != close:
            found = repr(self.peek()) if self.peek() else "end of file"
            raise self.error(f"expected ',' or {close!r}, found {found}")
        return False

    def number(self):
        match = _NUMBER.match(self.text, self.pos)
        if not match or match.end() == self.pos:
            raise self.error("malformed number")
        token = match.group(0).replace("_", "")
        self.pos = match.end()
        sign = -1 if token.startswith("-") else 1
        body = token.lstrip("+-")
        try:
            if body[:2] in ("0x", "0o", "0b"):
                return sign * int(body[2:], {"0x": 16, "0o": 8, "0b": 2}[body[:2]])
            if body in ("inf", "NaN") or any(c in body for c in ".eE"):
                return sign * float(body.replace("NaN", "nan"))
            return sign * int(body)
        except ValueError:
            raise self.error(f"malformed number {match.group(0)!r}", match.start()) from None

    def string(self):
        start = self.pos
        self.pos += 1
        out = []
        text = self.text
        while True:
            if self.pos >= len(text):
                raise self.error("unterminated string", start)
            ch = text[self.pos]
            if ch == '"':
                self.pos += 1
                return "".join(out)
            if ch == "\\":
                out.append(self.escape())
            else:
                out.append(ch)
                self.pos += 1

    def escape(self):
        at = self.pos
        self.pos += 1
        ch = self.peek()
        if ch in _ESCAPES:
            self.pos += 1
            return _ESCAPES[ch]
        if ch == "\n":  # line continuation: skip the newline and the next line's indent
            while self.peek().isspace():
                self.pos += 1
            return ""
        if ch == "x":
            digits = self.text[self.pos + 1:self.pos + 3]
            if not re.fullmatch(r"[0-7][0-9a-fA-F]", digits):
                raise self.error("bad \\x escape", at)
            self.pos += 3
            return chr(int(digits, 16))
        if ch == "u":
            match = re.compile(r"u\{([0-9a-fA-F_]{1,8})\}").match(self.text, self.pos)
            if not match:
                raise self.error("bad \\u{...} escape", at)
            self.pos = match.end()
            try:
                return chr(int(match.group(1).replace("_", ""), 16))
            except (ValueError, OverflowError):
                raise self.error("\\u{...} escape is not a character", at) from None
        raise self.error(f"unknown escape \\{ch}", at)

    def raw_string(self):
        start = self.pos
        match = re.compile(r'r(#*)"').match(self.text, self.pos)
        closing = '"' + match.group(1)
        end = self.text.find(closing, match.end())
        if end < 0:
            raise self.error("unterminated raw string", start)
        self.pos = end + len(closing)
        return self.text[match.end():end]

    def char(self):
        start = self.pos
        self.pos += 1
        if self.peek() == "\\":
            value = self.escape()
        else:
            value = self.text[self.pos:self.pos + 1]
            self.pos += 1
        if self.peek() != "'" or len(value) != 1:
            raise self.error("malformed character literal", start)
        self.pos += 1
        return value


def read_ron(path):
    return RonReader(path.read_text(encoding="utf-8"), str(path)).parse()


# --------------------------------------------------------------------------------------------
# The level's spoken lines.
# --------------------------------------------------------------------------------------------

@dataclass
class Spoken:
    key: str        # the voice flower's id, else the audio file's stem ("trees", "memory-03")
    where: str      # where it sits in the level, for messages ("voices[2]")
    speaker: str
    line: str
    audio: str      # path under assets/


def spoken_lines(level, source):
    """Every struct in the level that has an `audio` field: voices, the lotus whisper, the moon,
    the waking words, the fragment memories (and anything spoken that a later level adds)."""
    found = []

    def walk(value, where):
        if isinstance(value, dict):
            if "audio" in value:
                found.append(one_line(value, where))
            for key, child in value.items():
                walk(child, f"{where}.{key}" if where else str(key))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                walk(child, f"{where}[{index}]")

    def one_line(value, where):
        def text(name):
            got = value.get(name)
            if not isinstance(got, str) or not got.strip():
                what = ("is missing" if got is None
                        else "is empty" if isinstance(got, str) else "is not a string")
                raise SystemExit(f"{source}: {where}: `{name}` {what} (every spoken entry needs "
                                 f"speaker, line and audio)")
            return got.strip()

        audio = text("audio")
        if pathlib.PurePosixPath(audio).is_absolute() or ".." in pathlib.PurePosixPath(audio).parts \
                or not audio.endswith(".ogg"):
            raise SystemExit(f"{source}: {where}: audio {audio!r} must be a relative .ogg path under assets/")
        key = value.get("id") if isinstance(value.get("id"), str) else pathlib.PurePosixPath(audio).stem
        return Spoken(key, where, text("speaker"), text("line"), audio)

    walk(level, "")
    if not found:
        raise SystemExit(f"{source}: no spoken lines found (nothing with speaker, line and audio)")
    for kind in ("voices", "lotus.whisper", "moon", "waking", "fragments"):
        if not any(s.where == kind or s.where.startswith(kind + "[") or s.where.startswith(kind + ".")
                   for s in found):
            print(f"note: {source}: no spoken line under `{kind}`", file=sys.stderr)
    seen = {}
    for spoken in found:
        for label in (spoken.key, spoken.audio):
            if label in seen and seen[label] is not spoken:
                raise SystemExit(f"{source}: {spoken.where} and {seen[label].where} share {label!r}")
            seen[label] = spoken
    return found


# Words the US lexicons say wrongly in British spelling (flite reads "apologising" with an s).
SAY_AS = {"apologising": "apologizing"}


def speakable(line):
    """The text the synthesiser reads (the level keeps its own). flite and festival stumble on
    typographic punctuation: a colon before a quotation becomes a sentence break, curly quotes
    are dropped, dashes and ellipses become comma pauses, anything else is folded to ASCII."""
    text = re.sub(r":\s*[“\"«]", ". ", line)                  # 'door: “You...' -> 'door. You...'
    for quote in "“”„\"«»":
        text = text.replace(quote, "")
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s*[—–]\s*", ", ", text)               # em / en dash: a short pause
    text = re.sub(r"\s*(…|\.\.\.)\s*", ", ", text)         # ellipsis: a pause, not "dot dot dot"
    text = re.sub(r":\s+", ", ", text)                      # any other colon: a short pause
    for written, said in SAY_AS.items():
        text = re.sub(rf"\b{written}\b", said, text, flags=re.IGNORECASE)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r",\s*([,.?!])", r"\1", text)             # ", ." left by the swaps above
    text = re.sub(r"\s+", " ", text).strip(" ,")
    return text


# --------------------------------------------------------------------------------------------
# Voices.
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Flite:
    """A flite voice. f0/f0_range (Hz) are flite's own intonation targets (slt and awb honour
    them; rms ignores them); stretch > 1 speaks more slowly."""
    voice: str
    f0: float = 0
    f0_range: float = 0
    stretch: float = 1.0


@dataclass(frozen=True)
class Hts:
    """festival's HTS slt, with its model edited: alpha 0.45 is slt's own vocal tract (higher =
    longer tract, lower formants); pitch multiplies F0; melody scales its movement; speed > 1 is
    faster; whisper removes voicing."""
    alpha: float = 0.45
    pitch: float = 1.0
    melody: float = 1.0
    speed: float = 1.0
    whisper: bool = False


@dataclass(frozen=True)
class Layer:
    synth: object
    level_db: float = 0.0      # relative to the other layers
    pan: float = 0.0           # -1 left .. +1 right
    delay_ms: float = 0.0      # small offsets turn unison into a chorus
    sox: tuple = ()            # per-layer effects (e.g. "pitch", "120")


@dataclass(frozen=True)
class Profile:
    about: str
    layers: tuple
    fx: tuple = ()             # on the mixed dry voice: EQ, levelling, chorus, tremolo
    reverb: tuple = ()         # sox reverb: reverberance HF-damping room stereo pre-delay wet-dB(-10..10)
    shimmer_db: float = None   # an octave-up, reverb-only halo mixed this far below the voice
    peak_db: float = -3.0


# Shared shaping. Kept gentle so every line stays intelligible.
CLEAN = ("highpass", "75", "equalizer", "3000", "1.2q", "+1.5")       # rumble out, a touch of presence
WARM = ("bass", "+2.5", "180", "treble", "-1.5", "6500")              # closer, softer top
AIRY = ("equalizer", "250", "1q", "-2", "treble", "+4", "7000")       # thinner body, more breath
LEVEL = ("compand", "0.02,0.30", "6:-60,-60,-24,-20,0,-8", "-3", "-90", "0.02")  # ~2:1 above -24 dB
CHORUS = ("chorus", "0.8", "0.9", "45", "0.18", "0.25", "1.6", "-t")  # a faint dreamy doubling
FLOWER_ROOM = ("45", "55", "55", "60", "12", "-8")                    # a soft, open night garden

PROFILES = {
    # --- the voice flowers -------------------------------------------------------------------
    "friend": Profile(
        "warm female: flite slt, unhurried, warm EQ, faint chorus",
        (Layer(Flite("slt", f0=158, f0_range=22, stretch=1.22)),),
        fx=CLEAN + WARM + LEVEL + CHORUS, reverb=FLOWER_ROOM),
    "stranger": Profile(
        "male: flite rms (US), plain and kind",
        (Layer(Flite("rms", stretch=1.15), sox=("pitch", "-40")),),
        fx=CLEAN + ("bass", "+1.5", "150") + LEVEL + CHORUS, reverb=FLOWER_ROOM),
    "child": Profile(
        "child: HTS slt with a short vocal tract (alpha 0.37), F0 x1.5, lively melody, a bit quicker, bright",
        (Layer(Hts(alpha=0.37, pitch=1.5, melody=1.3, speed=0.88)),),
        fx=CLEAN + ("treble", "+3", "5000") + LEVEL + CHORUS,
        reverb=("35", "50", "45", "60", "8", "-10")),
    "old-friend": Profile(
        "warm unhurried male: flite awb (Scottish), pitch lowered natively, slow, warm",
        (Layer(Flite("awb", f0=108, f0_range=14, stretch=1.32)),),
        fx=CLEAN + WARM + ("bass", "+1.5", "120") + LEVEL + CHORUS,
        reverb=("55", "55", "65", "60", "15", "-7")),
    "grandmother": Profile(
        "older female: flite slt, low F0 target, slow, darker formants, slight age tremolo, warm",
        (Layer(Flite("slt", f0=150, f0_range=26, stretch=1.4), sox=("pitch", "-90")),),
        fx=CLEAN + WARM + ("lowpass", "5200") + LEVEL + ("tremolo", "5.5", "7") + CHORUS,
        reverb=FLOWER_ROOM),
    "teacher": Profile(
        "calm male: HTS slt re-voiced as a man (alpha 0.52, F0 x0.64), even melody, measured, a drier room",
        (Layer(Hts(alpha=0.52, pitch=0.64, melody=0.8, speed=0.8)),),
        fx=CLEAN + ("bass", "+1.5", "150") + LEVEL + CHORUS,
        reverb=("30", "60", "35", "50", "6", "-10")),
    "waiting-room": Profile(
        "another man: flite awb lifted (F0 ~128 Hz, formants +120 cents), quiet late-night tone, "
        "muffled small room",
        (Layer(Flite("awb", f0=120, f0_range=14, stretch=1.22), sox=("pitch", "120")),),
        fx=CLEAN + ("lowpass", "5000") + LEVEL + CHORUS,
        reverb=("35", "70", "30", "40", "5", "-10")),
    "older-self": Profile(
        "myself, years on: HTS slt aged (alpha 0.48, F0 x0.78), gentle melody, slow, warm, wider space",
        (Layer(Hts(alpha=0.48, pitch=0.78, melody=0.9, speed=0.74)),),
        fx=CLEAN + WARM + LEVEL + CHORUS,
        reverb=("60", "50", "75", "70", "20", "-7")),
    # --- the garden itself -------------------------------------------------------------------
    "trees": Profile(
        "whispering chorus: two HTS whispers (alpha 0.46 and 0.53, panned) over a faint voiced "
        "murmur that carries the words, breathy EQ",
        (Layer(Hts(alpha=0.46, speed=0.8, whisper=True), pan=-0.35),
         Layer(Hts(alpha=0.53, pitch=0.6, speed=0.8, whisper=True), level_db=-4, pan=0.4, delay_ms=35),
         Layer(Hts(alpha=0.5, pitch=0.7, melody=0.7, speed=0.8), level_db=-11, delay_ms=70)),
        fx=("highpass", "180") + AIRY + LEVEL,
        reverb=("70", "40", "85", "100", "20", "-5")),
    "moon": Profile(
        "serene airy female: HTS slt, slightly light (alpha 0.43, F0 x1.06), slow, spacious reverb "
        "with a shimmer",
        (Layer(Hts(alpha=0.43, pitch=1.06, melody=1.1, speed=0.78)),),
        fx=("highpass", "140") + AIRY + LEVEL,
        reverb=("85", "35", "100", "100", "40", "-3"), shimmer_db=-22),
    "petals": Profile(
        "many voices as one: four HTS voices in unison (woman, older woman, man, child), spread and warm",
        (Layer(Hts(alpha=0.45, speed=0.76)),
         Layer(Hts(alpha=0.48, pitch=0.8, speed=0.76), level_db=-3, pan=-0.55, delay_ms=25),
         Layer(Hts(alpha=0.52, pitch=0.62, speed=0.76), level_db=-3, pan=0.55, delay_ms=40),
         Layer(Hts(alpha=0.38, pitch=1.4, speed=0.76), level_db=-9, pan=-0.2, delay_ms=55)),
        fx=CLEAN + WARM + LEVEL + CHORUS,
        reverb=("65", "50", "80", "100", "20", "-5")),
    # --- the river's memories ----------------------------------------------------------------
    "memory": Profile(
        "the dreamer remembering: HTS slt, close and soft (a breath layer, near-dry, proximity warmth), "
        "faint shimmer, a little quieter than the flowers",
        (Layer(Hts(alpha=0.455, pitch=0.94, melody=0.9, speed=0.78)),
         Layer(Hts(alpha=0.455, speed=0.78, whisper=True), level_db=-14)),
        fx=CLEAN + ("bass", "+3", "150", "treble", "-2", "7000") + LEVEL,
        # -5 dBFS rather than -3: the memories are meant to sound quieter and closer than the flowers.
        reverb=("20", "60", "15", "30", "0", "-10"), shimmer_db=-26, peak_db=-5.0),
}

# Which profile speaks which line: first by the line's key (a flower's id or the audio stem),
# then by speaker; any "A memory..." speaker is the dreamer remembering.
BY_KEY = {
    "friend-rain": "friend",
    "stranger-door": "stranger",
    "child-fireflies": "child",
    "refuge": "old-friend",
    "grandmother-bowl": "grandmother",
    "teacher-exam": "teacher",
    "stranger-tea": "waiting-room",
    "older-self": "older-self",
    "trees": "trees",
    "moon": "moon",
    "waking": "petals",
}
BY_SPEAKER = {
    "A friend": "friend",
    "A stranger": "stranger",
    "Myself, as a child, catching fireflies": "child",
    "An old friend": "old-friend",
    "My grandmother": "grandmother",
    "A teacher": "teacher",
    "A stranger in a waiting room": "waiting-room",
    "Myself, years from now": "older-self",
    "The trees": "trees",
    "The moon": "moon",
    "The petals’ voices, lingering as I wake": "petals",
}
FALLBACK = "friend"


def profile_for(spoken):
    name = BY_KEY.get(spoken.key) or BY_SPEAKER.get(spoken.speaker)
    if not name and spoken.speaker.lower().startswith("a memory"):
        name = "memory"
    if not name:
        print(f"note: no voice profile for {spoken.key!r} ({spoken.speaker}); using {FALLBACK!r}",
              file=sys.stderr)
        name = FALLBACK
    return name, PROFILES[name]


# --------------------------------------------------------------------------------------------
# Synthesis and processing.
# --------------------------------------------------------------------------------------------

def run(command, what):
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{what} failed ({command[0]} exit {done.returncode}):\n{done.stderr.strip()}")
    if "clipped" in done.stderr:
        print(f"note: {what}: {done.stderr.strip()}", file=sys.stderr)
    return done.stdout


def check_tools():
    missing = [tool for tool in ("flite", "text2wave", "sox") if not shutil.which(tool)]
    if missing:
        raise SystemExit(f"missing {', '.join(missing)}: apt-get install flite festival "
                         f"festvox-us-slt-hts sox libsox-fmt-all")
    voices = run(["flite", "-lv"], "flite -lv").split()
    absent = [v for v in ("slt", "awb", "rms") if v not in voices]
    if absent:
        raise SystemExit(f"flite lacks the voice(s) {', '.join(absent)} (flite -lv: {' '.join(voices)})")
    if "vorbis" not in run(["sox", "-h"], "sox -h"):
        raise SystemExit("sox cannot write OGG Vorbis: apt-get install libsox-fmt-all")
    found = sorted(pathlib.Path("/usr/share/festival/voices").glob(
        "*/cmu_us_slt_arctic_hts/hts/cmu_us_slt_arctic_hts.htsvoice"))
    if not found:
        raise SystemExit("festival's HTS voice cmu_us_slt_arctic_hts is missing: "
                         "apt-get install festival festvox-us-slt-hts")
    return found[0]


class HtsModels:
    """Edited copies of the HTS voice, one per (alpha, pitch, melody, whisper), made on demand."""

    def __init__(self, original, work):
        self.original = original.read_bytes()
        self.work = work
        self.made = {}

    def path(self, hts):
        key = (hts.alpha, hts.pitch, hts.melody, hts.whisper)
        if key not in self.made:
            out = self.work / f"slt-{len(self.made)}.htsvoice"
            out.write_bytes(self.edit(*key))
            self.made[key] = out
        return self.made[key]

    def edit(self, alpha, pitch, melody, whisper):
        data = bytearray(self.original)
        marker = b"[DATA]\n"
        start = data.index(marker) + len(marker)      # [POSITION] offsets count from here
        header = data[:start].decode("ascii")

        def section(name):
            match = re.search(re.escape(name) + r":(\d+)-(\d+)", header)
            if not match:
                raise SystemExit(f"HTS voice: no {name} in its header (unexpected format)")
            return start + int(match.group(1)), start + int(match.group(2)) + 1

        # Log-F0 pdfs: per state an int count, then per pdf 7 floats (static, delta, delta-delta
        # means; their variances; the voicing weight). Shift the static mean; zero the voicing.
        begin, end = section("STREAM_PDF[LF0]")
        counts = struct.unpack_from("<5i", data, begin)
        offset = begin + 20
        for _ in range(sum(counts)):
            mean, = struct.unpack_from("<f", data, offset)
            struct.pack_into("<f", data, offset, mean + math.log(pitch))
            if whisper:
                struct.pack_into("<f", data, offset + 24, 0.0)
            offset += 28
        if offset != end:
            raise SystemExit("HTS voice: LF0 section has an unexpected layout")
        # Global variance of log-F0: (mean, variance) pairs after a count. Scaling the mean by
        # melody^2 scales how far the pitch moves.
        begin, end = section("GV_PDF[LF0]")
        count, = struct.unpack_from("<i", data, begin)
        for index in range(count):
            at = begin + 4 + index * 8
            gv, = struct.unpack_from("<f", data, at)
            struct.pack_into("<f", data, at, gv * melody * melody)
        old = re.search(r"ALPHA=([0-9.]+)", header)
        if not old:
            raise SystemExit("HTS voice: no ALPHA option in its header (unexpected format)")
        # [POSITION] offsets count from [DATA], so the header may change length.
        new_header = header.replace(old.group(0), f"ALPHA={alpha:g}")
        return new_header.encode("ascii") + bytes(data[start:])


def synthesise(synth, text_file, out, models):
    if isinstance(synth, Flite):
        command = ["flite", "-voice", synth.voice, "-f", text_file, "-o", out,
                   "--setf", f"duration_stretch={synth.stretch}"]
        if synth.f0:
            command += ["--setf", f"int_f0_target_mean={synth.f0}"]
        if synth.f0_range:
            command += ["--setf", f"int_f0_target_stddev={synth.f0_range}"]
        run(command, f"flite {synth.voice}")
    else:
        # festival's hts_engine module reads only -m (the model) and -r (speed) from these.
        params = (f'(set! hts_engine_params (list (list "-m" "{models.path(synth)}")'
                  f' (list "-r" {synth.speed})))')
        run(["text2wave", "-o", out, "-eval", "(voice_cmu_us_slt_arctic_hts)", "-eval", params, text_file],
            "festival (text2wave)")
    if stat(out)[0] < 0.3:
        raise SystemExit(f"{synth}: the synthesiser produced no speech")


def stat(path):
    """sox's stat numbers for a file: length, RMS and peak."""
    done = subprocess.run(["sox", str(path), "-n", "stat"], capture_output=True, text=True)
    numbers = {}
    for row in done.stderr.splitlines():
        name, _, value = row.partition(":")
        try:
            numbers[" ".join(name.split())] = float(value)
        except ValueError:
            pass
    peak = max(abs(numbers.get("Maximum amplitude", 0)), abs(numbers.get("Minimum amplitude", 0)))
    return numbers.get("Length (seconds)", 0.0), numbers.get("RMS amplitude", 0.0), peak


def make(spoken, profile, models, work):
    """Synthesise every layer, mix, shape, and write assets/<audio>. Returns speech seconds."""
    work.mkdir(parents=True, exist_ok=True)
    text_file = work / "line.txt"
    text_file.write_text(speakable(spoken.line) + "\n", encoding="utf-8")
    layers, speech = [], 0.0
    for index, layer in enumerate(profile.layers):
        raw = work / f"raw{index}.wav"
        synthesise(layer.synth, text_file, raw, models)
        shaped = work / f"layer{index}.wav"
        angle = (layer.pan + 1) * math.pi / 4                 # equal-power pan
        run(["sox", raw, "-b", "24", shaped, *layer.sox, "rate", "-v", RATE, "gain", "-n", "-12",
             "remix", f"1v{math.cos(angle):.3f}", f"1v{math.sin(angle):.3f}",
             "pad", f"{layer.delay_ms / 1000:.3f}", "vol", f"{layer.level_db}dB"], "sox layer")
        speech = max(speech, stat(shaped)[0])
        layers.append(shaped)
    dry = work / "dry.wav"
    if len(layers) == 1:
        shutil.copy(layers[0], dry)
    else:   # explicit -v 1 per input: no automatic 1/n scaling, levels come from the layers
        run(["sox", "-m", *[a for path in layers for a in ("-v", "1", path)], "-b", "24", dry], "sox mix")

    voice = work / "voice.wav"
    reverb = ("reverb", *profile.reverb) if profile.reverb else ()
    # pad the end before the reverb so its tail rings out instead of being cut
    run(["sox", dry, "-b", "24", voice, *profile.fx, "gain", "-n", "-10", "pad", "0", "1.4", *reverb],
        "sox voice")
    mixed = voice
    if profile.shimmer_db is not None:
        # Shimmer: the voice an octave up, heard only through a long, dark reverb, far below it.
        halo = work / "shimmer.wav"
        run(["sox", dry, "-b", "24", halo, "pitch", "1200", "highpass", "900", "lowpass", "9000",
             "gain", "-n", "-10", "pad", "0", "1.4", "reverb", "-w", "75", "70", "85", "100", "30", "0",
             "vol", f"{profile.shimmer_db}dB"], "sox shimmer")
        mixed = work / "with-shimmer.wav"
        run(["sox", "-m", "-v", "1", voice, "-v", "1", halo, "-b", "24", mixed], "sox shimmer mix")

    out = ASSETS / spoken.audio
    out.parent.mkdir(parents=True, exist_ok=True)
    run(["sox", mixed, "-r", RATE, "-c", "2", "-C", OGG_QUALITY, out,
         "pad", "0.35", "0.25", "gain", "-n", profile.peak_db], "sox ogg")
    return out, speech


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("level", nargs="?", type=pathlib.Path, default=DEFAULT_LEVEL,
                        help=f"the level file (default {DEFAULT_LEVEL.relative_to(ROOT)})")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="remake only this line: a flower id, audio name or path (repeatable)")
    parser.add_argument("--list", action="store_true", help="list lines and profiles; make nothing")
    args = parser.parse_args()

    level = args.level if args.level.is_absolute() else (pathlib.Path.cwd() / args.level)
    if not level.exists() and not args.level.is_absolute() and (ROOT / args.level).exists():
        level = ROOT / args.level
    if not level.exists():
        raise SystemExit(f"{args.level}: no such level file")
    try:
        lines = spoken_lines(read_ron(level), level)
    except RonError as error:
        raise SystemExit(f"cannot read the level: {error}")

    if args.only:
        wanted = set(args.only)
        chosen = [s for s in lines if wanted & {s.key, s.audio, pathlib.PurePosixPath(s.audio).name,
                                                pathlib.PurePosixPath(s.audio).stem}]
        unknown = [n for n in wanted if not any(n in {s.key, s.audio, pathlib.PurePosixPath(s.audio).name,
                                                      pathlib.PurePosixPath(s.audio).stem} for s in lines)]
        if unknown:
            raise SystemExit(f"--only: no line called {', '.join(map(repr, unknown))}; "
                             f"known: {', '.join(s.key for s in lines)}")
        lines = chosen

    if args.list:
        for spoken in lines:
            name, _ = profile_for(spoken)
            print(f"{spoken.key:18} {name:13} {spoken.audio:26} {spoken.speaker}: {speakable(spoken.line)}")
        return

    models_file = check_tools()
    failures = []
    print(f"{'file':28} {'secs':>5} {'words/s':>7} {'RMS':>7} {'peak':>6} {'KB':>5}  profile")
    with tempfile.TemporaryDirectory(prefix="make-voices-") as temp:
        work = pathlib.Path(temp)
        models = HtsModels(models_file, work)
        for spoken in lines:
            name, profile = profile_for(spoken)
            out, speech = make(spoken, profile, models, work / spoken.key)
            seconds, rms, peak = stat(out)
            size = out.stat().st_size
            words = len(speakable(spoken.line).split())
            rate = words / speech if speech else 0
            print(f"{spoken.audio:28} {seconds:5.1f} {rate:7.2f} {rms:7.4f} {peak:6.3f} "
                  f"{size / 1000:5.0f}  {name}")
            if rms < MIN_RMS:
                failures.append(f"{spoken.audio}: RMS {rms:.4f} is below {MIN_RMS}")
            if size < MIN_BYTES:
                failures.append(f"{spoken.audio}: {size} bytes is below {MIN_BYTES}")
            if size > MAX_BYTES:
                print(f"note: {spoken.audio} is {size // 1000} KB (aim for under {MAX_BYTES // 1000} KB)",
                      file=sys.stderr)
            if not 1.5 <= rate <= 3.5:
                print(f"note: {spoken.audio}: {rate:.2f} words/s is outside a natural 1.5-3.5",
                      file=sys.stderr)
    if failures:
        raise SystemExit("\n".join(failures))


if __name__ == "__main__":
    main()
