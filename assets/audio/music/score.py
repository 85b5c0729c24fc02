#!/usr/bin/env python3
"""Begin Again: the score, as data, and the script that renders it.

Run from the repository root:

    python3 assets/audio/music/score.py            # render everything (about 40 s)
    python3 assets/audio/music/score.py title city  # render only stems whose name starts so
    python3 assets/audio/music/score.py --measure    # render nothing; re-measure, rewrite manifest

Needs: python3 with `mido` (pip install mido), `fluidsynth` (2.x), the FluidR3_GM SoundFont
(Debian/Ubuntu package fluid-soundfont-gm: /usr/share/sounds/sf2/FluidR3_GM.sf2, MIT),
`sox` with Vorbis (libsox-fmt-all) and `ffmpeg` (loudness is measured with its ebur128 filter).

What it does, deterministically (no clock, no unseeded randomness): every stem below is written
as a MIDI file with mido, rendered by fluidsynth, folded into a seamless loop (the stem is
rendered with two bars of tail after it and that tail, the ringing of the last bar, is
mixed back onto its start, exactly as it would sound when the loop plays again; the door's
drone and the water are instead cut from a longer render and cross-faded), normalised to
its loudness target with a true-peak ceiling, and encoded as Ogg Vorbis (quality 2.5 for
the beds and themes, 2 for layers and one-shots). Every loop's join is listened to for a click.
Then it writes manifest.json (what the game reads: tempo, bars, harmony per bar, the footstep
chords per city bar, chimes and hums with their notes) and the table of measurements in
README.md.

The key family is D major / B minor (the garden's night is the relative minor), with Lydian
colour (G major 7 #11: the C# over G) and a plagal, unresolved Asus4 that leans back home.
72 bpm in 4/4: one bar is 3 1/3 s, exactly 147000 samples at 44.1 kHz.
"""

import array
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zlib

import mido

HERE = os.path.dirname(os.path.abspath(__file__))
SF2 = "/usr/share/sounds/sf2/FluidR3_GM.sf2"

# --------------------------------------------------------------------------------------------
# Time and key
# --------------------------------------------------------------------------------------------

BPM = 72
BEATS_PER_BAR = 4
SR = 44100
SEC_PER_BEAT = 60.0 / BPM
SEC_PER_BAR = SEC_PER_BEAT * BEATS_PER_BAR
SAMPLES_PER_BAR = round(SR * SEC_PER_BAR)  # 147000
TPB = 480  # MIDI ticks per beat
OGG_QUALITY = 2.5  # Vorbis quality of the beds and themes (q3 would put the folder over 4 MB)
LAYER_QUALITY = 2  # of the garden's added layers and the short one-shots (keeps the folder < 4 MB)
TP_CEILING = -1.5  # dBFS true peak of every file (the limit is -1)

KEY = {
    "tonic": "D",
    "mode": "major",
    "relative_minor": "B minor (the garden)",
    "scale": ["D", "E", "F#", "G", "A", "B", "C#"],
    "pitch_classes": [2, 4, 6, 7, 9, 11, 1],
    "colour": "Lydian #11 over G (C#), add9 and sus4 chords, no leading-tone cadence until the heart",
}

# General MIDI programs used (0-based).
PIANO, CELESTA, GLOCK, VIBES, TUBULAR = 0, 8, 9, 11, 14
CELLO, HARP, STRINGS, SLOW_STRINGS = 42, 46, 48, 49
CHOIR_AAHS, VOICE_OOHS, FLUTE = 52, 53, 73
PAD_WARM, PAD_HALO = 89, 94

# --------------------------------------------------------------------------------------------
# Harmony: each section has its chords (symbol, voicing lowest first) and one entry per bar:
# a chord index, or a list of (beat, chord index) when the harmony moves inside the bar.
# --------------------------------------------------------------------------------------------

HARMONY = {
    # The dream's theme. Ends open, on Asus4, so it loops home to D.
    "title": {
        "chords": [
            ("Dmaj7", "D3 A3 C#4 F#4"),
            ("Bm7", "B2 F#3 A3 D4"),
            ("Gmaj7", "G2 D3 F#3 B3"),
            ("A7sus4", "A2 E3 G3 D4"),
            ("A7", "A2 E3 G3 C#4"),
            ("D/F#", "F#2 D3 A3 D4"),
            ("Gmaj9", "G2 D3 F#3 A3 B3"),
            ("Em7", "E2 B2 G3 D4"),
            ("Asus4", "A2 E3 A3 D4"),
        ],
        "bars": [0, 1, 2, [(0, 3), (2, 4)], 5, 6, 7, 8],
    },
    # The city at dusk: "every footstep rings out a soft, resonant chord". One chord a bar;
    # the footstep chord files are these eight, in this order.
    "city": {
        "chords": [
            ("Dmaj9", "D3 A3 C#4 E4 F#4"),
            ("Bm11", "B2 F#3 A3 D4 E4"),
            ("Gmaj9", "G2 D3 F#3 A3 B3"),
            ("Em9", "E2 B2 G3 D4 F#4"),
            ("Dmaj9/F#", "F#2 D3 A3 C#4 E4"),
            ("Gmaj7#11", "G2 D3 F#3 B3 C#4"),
            ("Asus4", "A2 E3 A3 D4 E4"),
            ("A", "A2 E3 A3 C#4 E4"),
        ],
        "bars": [0, 1, 2, 3, 4, 5, 6, 7],
    },
    # The blue door: tonic and fifth.
    "door": {
        "chords": [("D5", "D2 A2 D3 A3")],
        "bars": [0, 0, 0, 0],
    },
    # The night garden, in the relative minor. All four layers share it.
    "garden": {
        "chords": [
            ("Bm(add9)", "B1 F#2 D3 F#3 C#4"),
            ("Gmaj7#11", "G1 D2 B2 F#3 C#4"),
            ("Dmaj9", "D2 A2 F#3 C#4 E4"),
            ("A(add9)/C#", "C#2 A2 E3 A3 B3"),
            ("Bm7", "B1 F#2 D3 F#3 A3"),
            ("Em9", "E2 B2 G3 D4 F#4"),
            ("Gmaj9", "G1 D2 B2 F#3 A3"),
            ("F#m7", "F#2 C#3 E3 A3 C#4"),
        ],
        "bars": [0, 1, 2, 3, 4, 5, 6, 7],
    },
    # The heart: the garden's theme resolved, home to D at last.
    "heart": {
        "chords": [
            ("Em9", "E2 B2 G3 D4 F#4"),
            ("Gmaj7", "G2 D3 F#3 B3"),
            ("Asus4", "A2 E3 A3 D4"),
            ("A", "A2 E3 A3 C#4"),
            ("Dmaj9", "D2 A2 F#3 A3 C#4 E4"),
        ],
        "bars": [0, 1, [(0, 2), (2, 3)], 4],
    },
    # The moon: she leans down (the melody falls), Lydian sigh in bar 5.
    "moon": {
        "chords": [
            ("Gmaj7", "G2 D3 B3 F#4"),
            ("D/F#", "F#2 D3 A3 D4"),
            ("Em7", "E2 B2 G3 D4"),
            ("Dmaj7", "D2 A2 F#3 C#4"),
            ("Gmaj7#11", "G2 D3 B3 C#4 F#4"),
            ("Bm7", "B2 F#3 A3 D4"),
            ("Em9", "E2 B2 G3 D4 F#4"),
            ("Asus4", "A2 E3 A3 D4"),
            ("A", "A2 E3 A3 C#4"),
        ],
        "bars": [0, 1, 2, 3, 4, 5, 6, [(0, 7), (2, 8)]],
    },
    # Dawn: from the garden's minor up into D, brightening.
    "dawn": {
        "chords": [
            ("Bm7", "B1 F#2 D3 A3"),
            ("Gmaj9", "G2 D3 F#3 A3 B3"),
            ("Asus4", "A2 E3 A3 D4"),
            ("A", "A2 E3 A3 C#4"),
            ("D(add9)", "D2 A2 E3 F#3 A3"),
            ("Gmaj7#11", "G2 D3 F#3 B3 C#4"),
            ("D(add9)", "D2 A2 F#3 A3 D4 E4"),
        ],
        "bars": [0, 1, [(0, 2), (2, 3)], 4, 5, 6],
    },
    # The credits: the title's theme, resolved (Em7 - A7 - D).
    "results": {
        "chords": [
            ("Dmaj7", "D3 A3 C#4 F#4"),
            ("Bm7", "B2 F#3 A3 D4"),
            ("Gmaj7", "G2 D3 F#3 B3"),
            ("A7sus4", "A2 E3 G3 D4"),
            ("A7", "A2 E3 G3 C#4"),
            ("D/F#", "F#2 D3 A3 D4"),
            ("Gmaj9", "G2 D3 F#3 A3 B3"),
            ("Em7", "E2 B2 G3 D4"),
            ("D(add9)", "D2 A2 F#3 A3 E4"),
        ],
        "bars": [0, 1, 2, [(0, 3), (2, 4)], 5, 6, [(0, 7), (2, 4)], 8],
    },
}

# --------------------------------------------------------------------------------------------
# Melodies: "NOTE:beats" or "r:beats", bars separated by "|" (each bar must add up to 4).
# --------------------------------------------------------------------------------------------

MELODY = {
    # The dream's theme: rising A-D-F# ("be-gin a-gain"), answered, lifted, left open.
    "title": "A4:1 D5:1 F#5:2 | E5:1.5 D5:0.5 B4:2 | B4:1 D5:1 A5:2 | G5:1.5 F#5:0.5 E5:2 |"
             " A4:1 D5:1 F#5:1 A5:1 | B5:3 A5:1 | G5:1 F#5:1 E5:1 D5:1 | E5:4",
    # The same, coming home: bar 7 turns to C#, bar 8 rests on D.
    "results": "A4:1 D5:1 F#5:2 | E5:1.5 D5:0.5 B4:2 | B4:1 D5:1 A5:2 | G5:1.5 F#5:0.5 E5:2 |"
               " A4:1 D5:1 F#5:1 A5:1 | B5:3 A5:1 | G5:1 F#5:1 E5:1 C#5:1 | D5:3 r:1",
    # Distant bells over the city bed.
    "city-bells": "F#5:3 E5:1 | D5:4 | r:2 B5:1 A5:1 | G5:2 F#5:2 | r:4 | C#6:3 B5:1 | A5:4 | r:4",
    # The garden's theme (the voices): it rises out of the petals, and quotes the title in bar 4.
    "garden": "B4:1 C#5:1 D5:2 | F#5:3 E5:1 | E5:1 D5:1 A4:2 | A4:1 C#5:1 E5:2 |"
              " D5:1.5 C#5:0.5 B4:2 | B4:1 E5:1 F#5:2 | F#5:1.5 E5:0.5 D5:2 | C#5:3 r:1",
    # The worries planted: a cello line that keeps climbing.
    "worries": "B2:2 F#3:2 | G3:3 A3:1 | A3:2 F#3:2 | E3:2 C#4:2 |"
               " D4:3 C#4:1 | B3:2 G3:2 | A3:2 D4:2 | C#4:4",
    # The heart: the garden theme's last phrase, now landing on D.
    "heart": "B4:1 E5:1 F#5:2 | F#5:1.5 E5:0.5 D5:2 | E5:2 C#5:2 | D5:4",
    "heart-cello": "E3:2 B2:2 | G2:2 D3:2 | A2:4 | D3:4",
    # The moon's theme: it leans down, and sighs on the C# (Lydian) in bar 5.
    "moon": "D6:3 B5:1 | A5:1 F#5:1 A5:2 | G5:3 F#5:1 | E5:1 F#5:1 D5:2 |"
            " C#6:3 B5:1 | A5:1 F#5:1 D5:2 | F#5:1 G5:1 B5:2 | A5:4",
    # Dawn: the title's opening climbing an octave into the light.
    "dawn": "r:4 | r:2 B4:1 D5:1 | E5:3 A4:1 | D5:1 F#5:1 A5:2 | B5:1.5 A5:0.5 B5:1 C#6:1 | D6:4",
}

# The seven glass chimes climb the garden's scale (B natural minor = D major's notes).
CHIMES = ["B5", "C#6", "D6", "E6", "F#6", "G6", "A6"]
# Eight flowers hum before they speak: notes of the garden's Bm9 / Dmaj9 colour.
HUMS = ["D4", "F#4", "A4", "B4", "C#5", "D5", "E5", "F#5"]

# Loudness targets (integrated LUFS). Beds -20..-24, layers -24..-28.
TARGET = {
    "title": -21.0,
    "city-warm": -22.0,
    "city-falter": -24.5,
    "door-hum": -23.0,
    "garden-bed": -22.0,
    "garden-voices": -25.0,
    "garden-worries": -25.5,
    "garden-memories": -26.5,
    "water": -24.0,
    "heart": -20.0,
    "moon": -21.0,
    "dawn": -20.5,
    "results": -21.0,
    "step": -21.0,
    "step-falter": -24.0,
    "chime": -22.0,
    "hum": -24.0,
}

# --------------------------------------------------------------------------------------------
# Notes and parts
# --------------------------------------------------------------------------------------------

NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]


def note(name):
    m = re.fullmatch(r"([A-G])([#b]?)(-?\d)", name)
    if not m:
        raise ValueError(name)
    pc = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}[m.group(1)]
    pc += {"#": 1, "b": -1, "": 0}[m.group(2)]
    return pc + 12 * (int(m.group(3)) + 1)


def voicing(section, index):
    return [note(n) for n in HARMONY[section]["chords"][index][1].split()]


def timeline(section):
    """[(start beat, beats, chord index)] for the section's bars."""
    out = []
    for bar, entry in enumerate(HARMONY[section]["bars"]):
        changes = [(0, entry)] if isinstance(entry, int) else list(entry)
        for i, (beat, idx) in enumerate(changes):
            end = changes[i + 1][0] if i + 1 < len(changes) else BEATS_PER_BAR
            out.append((bar * BEATS_PER_BAR + beat, end - beat, idx))
    return out


def tones(chord, lo, hi):
    """Every note in [lo, hi] whose pitch class is in the chord, lowest first."""
    pcs = {p % 12 for p in chord}
    return [p for p in range(lo, hi + 1) if p % 12 in pcs]


class Part:
    """One instrument on one MIDI channel."""

    def __init__(self, label, program, channel, vol=100, pan=64, reverb=70, chorus=20,
                 human=(0.010, 6), expr=None, bend=None, merge=False):
        self.label, self.program, self.channel = label, program, channel
        self.vol, self.pan, self.reverb, self.chorus = vol, pan, reverb, chorus
        self.human = human  # (timing jitter in seconds, velocity jitter)
        self.expr = expr  # beat -> CC11 value, or None
        self.bend = bend  # beat -> cents, or None
        self.merge = merge  # tie repeated held notes instead of striking them again
        self.notes = []  # (start beat, beats, midi, velocity)

    def add(self, start, beats, midi, vel):
        self.notes.append((start, beats, midi, max(1, min(127, int(vel)))))
        return self


def sustain(part, section, pick, vel, legato=0.0):
    for start, beats, idx in timeline(section):
        for p in pick(voicing(section, idx)):
            part.add(start, beats + legato, p, vel)
    return part


def melody(part, text, vel, transpose=0, start=0.0, legato=0.96, accent=6):
    bar = 0
    for bar, chunk in enumerate(text.split("|")):
        beat = 0.0
        for i, tok in enumerate(chunk.split()):
            pitch, beats = tok.split(":")
            beats = float(beats)
            if pitch != "r":
                v = vel + (accent if beat == 0 else 0)
                part.add(start + bar * BEATS_PER_BAR + beat, beats * legato, note(pitch) + transpose, v)
            beat += beats
        if abs(beat - BEATS_PER_BAR) > 1e-6:
            raise ValueError(f"bar {bar} of {text!r} has {beat} beats")
    return part


def arpeggio(part, section, lo, hi, steps, vel, ring=2.0, bass_min=45, bars=None):
    """Arpeggiates each chord: `steps` is [(beat, index)] where index 0 is the bass (the
    chord's root raised to at least bass_min) and 1.. are chord tones above it in [lo, hi]
    (none within a minor third of the bass, so the add9 does not rub in the low register)."""
    for start, beats, idx in timeline(section):
        bar = int(start // BEATS_PER_BAR)
        if bars is not None and bar not in bars:
            continue
        chord = voicing(section, idx)
        bass = chord[0]
        while bass < bass_min:
            bass += 12
        above = [p for p in tones(chord, max(lo, bass + 3), hi)]
        seq = [bass] + above
        s = steps(bar) if callable(steps) else steps
        for beat, i in s:
            if beat < start % BEATS_PER_BAR or beat >= start % BEATS_PER_BAR + beats:
                continue
            p = seq[min(i, len(seq) - 1)]
            part.add(bar * BEATS_PER_BAR + beat, ring, p, vel - 4 * (i == 0))
    return part


def pulse(period_beats, low, high):
    """Expression that breathes: lowest on every multiple of the period (so on bar lines)."""
    return lambda b: low + (high - low) * (0.5 - 0.5 * math.cos(2 * math.pi * b / period_beats))


def ramp(points):
    """Piecewise-linear beat -> value through [(beat, value)]."""
    def f(b):
        if b <= points[0][0]:
            return points[0][1]
        for (b0, v0), (b1, v1) in zip(points, points[1:]):
            if b <= b1:
                return v0 + (v1 - v0) * (b - b0) / (b1 - b0)
        return points[-1][1]
    return f


# --------------------------------------------------------------------------------------------
# The stems
# --------------------------------------------------------------------------------------------

EIGHTHS_UPDOWN = [(0, 0), (0.5, 1), (1, 2), (1.5, 3), (2, 4), (2.5, 3), (3, 2), (3.5, 1)]
QUARTERS_UP = [(0, 0), (1, 1), (2, 2), (3, 3)]


def stem_title():
    s = "title"
    lead = melody(Part("celesta", CELESTA, 0, vol=105, pan=58, reverb=80), MELODY[s], 78)
    flute = melody(Part("flute", FLUTE, 1, vol=70, pan=70, reverb=80), MELODY[s], 52)
    strings = sustain(Part("slow strings", SLOW_STRINGS, 2, vol=80, reverb=90, merge=True),
                      s, lambda c: c[1:], 58)
    pad = sustain(Part("warm pad", PAD_WARM, 3, vol=72, reverb=60, merge=True), s, lambda c: c[:2], 60)
    harp = arpeggio(Part("harp", HARP, 4, vol=100, pan=44, reverb=80), s, 50, 76, QUARTERS_UP, 64)
    return [lead, flute, strings, pad, harp]


def city_bed(falter):
    s = "city"
    parts = []
    if not falter:
        parts.append(sustain(Part("warm pad", PAD_WARM, 0, vol=78, merge=True), s, lambda c: c[:2], 62))
        parts.append(sustain(Part("slow strings", SLOW_STRINGS, 1, vol=80, reverb=90, merge=True),
                             s, lambda c: c[1:], 56))
        parts.append(arpeggio(Part("vibraphone", VIBES, 2, vol=110, pan=48, reverb=85), s, 62, 79,
                              [(0, 1), (1, 2), (2, 3), (3, 2)], 66, ring=1.8, bass_min=62))
        parts.append(melody(Part("celesta bells", CELESTA, 3, vol=100, pan=84, reverb=95),
                            MELODY["city-bells"], 56, legato=1.0))
        return parts
    # Faltering: the same harmony thinned (no bass pad, two string voices), detuned (the
    # strings drift by up to 20 cents against a second string section held 14 cents flat),
    # and the bells hesitate and drop notes.
    drift = lambda b: -6 + 14 * math.sin(2 * math.pi * b / 16.0)  # one cycle per 4 bars
    parts.append(sustain(Part("pad, low only", PAD_WARM, 0, vol=62, merge=True), s, lambda c: c[:1], 52))
    parts.append(sustain(Part("strings drifting", SLOW_STRINGS, 1, vol=72, reverb=95, bend=drift,
                              merge=True), s, lambda c: c[2:4], 50))
    parts.append(sustain(Part("strings flat", STRINGS, 2, vol=84, pan=84, reverb=95,
                              bend=lambda b: -14, merge=True), s, lambda c: c[3:4], 56))
    vib = Part("vibraphone faltering", VIBES, 3, vol=110, pan=44, reverb=95, bend=lambda b: -18,
               human=(0.020, 8))
    # Which of the four beats is left out in each bar, and which note comes late.
    dropped = [{3}, {1}, {2, 3}, {0}, {3}, {1, 2}, {2}, {1, 3}]
    late = [1, 2, 1, 2, 0, 3, 3, 0]
    for start, beats, idx in timeline(s):
        bar = int(start // BEATS_PER_BAR)
        above = tones(voicing(s, idx), 62, 79)
        seq = [above[min(i, len(above) - 1)] for i in (1, 2, 3, 2)]
        for beat in range(4):
            if beat in dropped[bar]:
                continue
            delay = 0.35 if beat == late[bar] else 0.0
            vel = 58 - 5 * beat
            vib.add(start + beat + delay, 1.6, seq[beat], vel)
    parts.append(vib)
    bells = Part("celesta, broken", CELESTA, 4, vol=80, pan=84, reverb=100, bend=lambda b: 22,
                 human=(0.030, 8))
    melody(bells, MELODY["city-bells"], 52, legato=1.0)
    bells.notes = [n for i, n in enumerate(bells.notes) if i % 3 != 1]  # every third bell missing
    parts.append(bells)
    return parts


def stem_door():
    """A drone: held through the whole render (a bar before the loop, the loop, a bar after),
    so it never strikes again; the loop is cut from the middle and cross-faded (drone=True)."""
    chord = voicing("door", 0)
    held = (1 + len(HARMONY["door"]["bars"]) + 2) * BEATS_PER_BAR
    breathe = pulse(2.0, 58, 112)  # a slow pulse, twice a bar, quietest on the bar lines
    halo = Part("halo pad", PAD_HALO, 0, vol=80, reverb=70, expr=breathe, human=(0, 0))
    choir = Part("choir", CHOIR_AAHS, 1, vol=86, reverb=85, expr=breathe, human=(0, 0))
    oohs = Part("oohs", VOICE_OOHS, 2, vol=90, pan=74, reverb=95, expr=breathe, human=(0, 0))
    for p in chord[:2]:
        halo.add(0, held, p, 70)
    for p in chord[2:]:
        choir.add(0, held, p, 66)
    oohs.add(0, held, note("D4"), 60)
    return [halo, choir, oohs]


def stem_garden(layer):
    s = "garden"
    if layer == "bed":
        pad = sustain(Part("warm pad", PAD_WARM, 0, vol=86, reverb=70, merge=True), s, lambda c: c[:4], 60)
        harp = arpeggio(Part("harp", HARP, 1, vol=88, pan=50, reverb=85), s, 50, 79,
                        EIGHTHS_UPDOWN, 60, ring=2.5)
        low = sustain(Part("low strings", SLOW_STRINGS, 2, vol=56, reverb=80, merge=True),
                      s, lambda c: [c[0] + 12], 50)
        return [pad, harp, low]
    if layer == "voices":
        flute = melody(Part("flute", FLUTE, 0, vol=96, pan=72, reverb=90), MELODY["garden"], 66)
        oohs = Part("voices", VOICE_OOHS, 1, vol=74, pan=54, reverb=95, merge=True)
        for start, beats, idx in timeline(s):
            for p in tones(voicing(s, idx), 62, 74)[:2]:
                oohs.add(start, beats, p, 50)
        return [flute, oohs]
    if layer == "worries":
        cello = melody(Part("cello", CELLO, 0, vol=96, pan=56, reverb=80), MELODY["worries"], 64,
                       legato=0.99)
        low = Part("low strings", STRINGS, 1, vol=90, pan=70, reverb=85, merge=True)
        for start, beats, idx in timeline(s):
            low.add(start, beats, voicing(s, idx)[0] + 12, 54)
        return [cello, low]
    if layer == "memories":
        cel = Part("celesta", CELESTA, 0, vol=92, pan=80, reverb=95)
        glock = Part("glockenspiel", GLOCK, 1, vol=100, pan=40, reverb=100)
        for start, beats, idx in timeline(s):
            bar = int(start // BEATS_PER_BAR)
            high = tones(voicing(s, idx), 74, 93)[::-1]  # highest first
            figure = [(0, 0), (0.5, 1), (1.5, 2), (2, 1), (3, 3), (3.5, 2)] if bar % 2 == 0 else \
                     [(0, 3), (0.5, 2), (1, 1), (2, 0), (2.5, 1), (3.5, 2)]
            for beat, i in figure:
                cel.add(start + beat, 1.2, high[min(i, len(high) - 1)], 60 - 3 * i)
            glock.add(start, 1.0, high[figure[0][1]], 50)
        return [cel, glock]
    raise ValueError(layer)


def stem_heart():
    s = "heart"
    flute = melody(Part("flute", FLUTE, 0, vol=96, pan=70, reverb=85), MELODY["heart"], 72)
    violins = melody(Part("strings lead", STRINGS, 1, vol=70, pan=58, reverb=90), MELODY["heart"], 56,
                     transpose=-12, legato=1.0)
    cello = melody(Part("cello", CELLO, 2, vol=88, pan=50, reverb=80), MELODY["heart-cello"], 64,
                   legato=1.0)
    strings = sustain(Part("slow strings", SLOW_STRINGS, 3, vol=84, reverb=90, merge=True),
                      s, lambda c: c[1:], 60)
    choir = sustain(Part("choir", CHOIR_AAHS, 4, vol=72, reverb=95, merge=True), s,
                    lambda c: [p for p in c if p >= note("F#3")], 56)
    harp = arpeggio(Part("harp", HARP, 5, vol=86, pan=44, reverb=85), s, 50, 81, EIGHTHS_UPDOWN, 60,
                    ring=2.5, bars=[0, 1, 2])
    harp.add(12, 4, note("D3"), 64)  # the last chord, rolled up
    for i, p in enumerate(["A3", "D4", "F#4", "A4", "C#5", "E5", "F#5", "A5"]):
        harp.add(12 + 0.12 * i, 4, note(p), 60 - 2 * i)
    cel = Part("celesta", CELESTA, 6, vol=80, pan=82, reverb=100)
    for i, p in enumerate(["D6", "F#6", "A6", "C#7", "E6"]):
        cel.add(12.5 + 0.5 * i, 2, note(p), 52)
    return [flute, violins, cello, strings, choir, harp, cel]


def stem_moon():
    s = "moon"
    lead = melody(Part("high strings", STRINGS, 0, vol=92, pan=60, reverb=95), MELODY["moon"], 68,
                  legato=1.0)
    choir = sustain(Part("choir", CHOIR_AAHS, 1, vol=80, pan=68, reverb=100, merge=True), s,
                    lambda c: [p for p in c if p >= note("G3")][:3], 58)
    halo = sustain(Part("halo", PAD_HALO, 2, vol=58, reverb=80, merge=True), s, lambda c: c[:2], 56)
    harp = arpeggio(Part("harp", HARP, 3, vol=80, pan=42, reverb=90), s, 55, 81,
                    [(0, 0), (1, 2), (1.5, 3), (2, 4), (3, 3)], 56, ring=2.5)
    cel = Part("celesta", CELESTA, 4, vol=92, pan=86, reverb=100)
    for bar, p in [(0, "F#6"), (2, "B5"), (4, "C#7"), (6, "F#6")]:
        cel.add(bar * 4 + 2.5, 1.5, note(p), 58)
    return [lead, choir, halo, harp, cel]


def stem_dawn():
    s = "dawn"
    swell = ramp([(0, 40), (8, 70), (16, 112), (24, 118)])
    pad = sustain(Part("warm pad", PAD_WARM, 0, vol=84, expr=swell, merge=True), s, lambda c: c[:3], 60)
    strings = sustain(Part("slow strings", SLOW_STRINGS, 1, vol=88, reverb=90, expr=swell, merge=True),
                      s, lambda c: c[1:], 62)
    choir = Part("choir", CHOIR_AAHS, 2, vol=78, reverb=100, expr=swell, merge=True)
    for start, beats, idx in timeline(s):
        if start >= 12:
            for p in [q for q in voicing(s, idx) if q >= note("E3")][:3]:
                choir.add(start, beats, p, 60)
    flute = melody(Part("flute", FLUTE, 3, vol=96, pan=68, reverb=90), MELODY["dawn"], 70)
    violins = Part("strings lead", STRINGS, 4, vol=70, pan=56, reverb=95)
    melody(violins, MELODY["dawn"], 58, legato=1.0)
    violins.notes = [n for n in violins.notes if n[0] >= 12]  # joins for the last three bars
    harp = Part("harp", HARP, 5, vol=86, pan=44, reverb=85)
    arpeggio(harp, s, 50, 81, QUARTERS_UP, 54, ring=2.5, bars=[0, 1])
    arpeggio(harp, s, 50, 84, EIGHTHS_UPDOWN, 62, ring=2.5, bars=[2, 3, 4])
    arpeggio(harp, s, 50, 88, [(0, 0), (0.5, 2), (1, 4), (1.5, 6), (2, 7)], 64, ring=3, bars=[5])
    glock = Part("glockenspiel", GLOCK, 6, vol=100, pan=80, reverb=100)
    cel = Part("celesta", CELESTA, 7, vol=74, pan=30, reverb=100)
    for i, p in enumerate(["D6", "F#6", "A6", "D7"]):
        glock.add(20 + 0.5 * i, 1.5, note(p), 54)
        cel.add(20.25 + 0.5 * i, 1.5, note(p) - 12, 54)
    return [pad, strings, choir, flute, violins, harp, glock, cel]


def stem_results():
    s = "results"
    flute = melody(Part("flute", FLUTE, 0, vol=92, pan=70, reverb=85), MELODY[s], 70)
    cel = melody(Part("celesta", CELESTA, 1, vol=92, pan=54, reverb=90), MELODY[s], 64, transpose=12)
    strings = sustain(Part("strings", STRINGS, 2, vol=78, reverb=90, merge=True), s, lambda c: c[1:], 56)
    choir = sustain(Part("choir", CHOIR_AAHS, 3, vol=62, reverb=100, merge=True), s,
                    lambda c: [p for p in c if p >= note("F#3")][:2], 54)
    cello = Part("cello", CELLO, 4, vol=80, pan=50, reverb=80, merge=True)
    for start, beats, idx in timeline(s):
        root = voicing(s, idx)[0]
        cello.add(start, beats, root if root >= note("C2") + 12 else root + 12, 58)
    harp = arpeggio(Part("harp", HARP, 5, vol=82, pan=40, reverb=85), s, 50, 79, EIGHTHS_UPDOWN, 56,
                    ring=2.5)
    return [flute, cel, strings, choir, cello, harp]


def step_chord(idx, falter):
    """A footstep's chord: harp strummed low to high, vibraphone above, one celesta note."""
    chord = voicing("city", idx)
    if falter:
        chord = chord[:-1]  # one note dropped
    gap = 0.045 if falter else 0.018  # beats between the harp's strings (falter: hesitant)
    soft = 0.72 if falter else 1.0
    harp = Part("harp", HARP, 0, vol=100, reverb=70, human=(0, 0), bend=(lambda b: -28) if falter else None)
    for i, p in enumerate(chord):
        harp.add(gap * i, 2.0, p, (70 - 2 * i) * soft)
    vib = Part("vibraphone", VIBES, 1, vol=110, reverb=80, human=(0, 0), bend=(lambda b: 16) if falter else None)
    for i, p in enumerate(chord[1:]):
        vib.add(0.04 + gap * i, 1.6, p + 12, (62 - 2 * i) * soft)
    parts = [harp, vib]
    if not falter:
        cel = Part("celesta", CELESTA, 2, vol=88, reverb=90, human=(0, 0))
        cel.add(0.06, 1.2, chord[-1] + 12, 52)
        parts.append(cel)
    return parts


def chime(n):
    p = note(CHIMES[n])
    g = Part("glockenspiel", GLOCK, 0, vol=86, reverb=95, human=(0, 0)).add(0, 1.5, p, 74)
    c = Part("celesta", CELESTA, 1, vol=90, reverb=95, human=(0, 0)).add(0.01, 1.5, p, 62)
    return [g, c]


def hum(n):
    p = note(HUMS[n])
    swell = ramp([(0, 30), (1.0, 100), (2.4, 100), (3.6, 40)])
    oohs = Part("oohs", VOICE_OOHS, 0, vol=100, reverb=85, human=(0, 0), expr=swell).add(0, 3.0, p, 74)
    aahs = Part("aahs", CHOIR_AAHS, 1, vol=84, reverb=90, human=(0, 0), expr=swell).add(0, 3.0, p, 56)
    return [oohs, aahs]


# (name, file relative to this folder, builder, options). loop=True: a seamless loop of `bars`
# bars; loop=False: plays once, `seconds` long, faded out over `fade` seconds. mono=True for
# sounds the game places in the world (the door, flowers, chimes) and the footsteps.
STEMS = [
    ("title", "title.ogg", stem_title, dict(section="title", bars=8, loop=True)),
    ("city-warm", "city-warm.ogg", lambda: city_bed(False), dict(section="city", bars=8, loop=True)),
    ("city-falter", "city-falter.ogg", lambda: city_bed(True),
     dict(section="city", bars=8, loop=True, sox=["lowpass", "5200"], quality=LAYER_QUALITY)),
    ("door-hum", "door-hum.ogg", stem_door, dict(section="door", bars=4, loop=True, drone=1, mono=True)),
    ("garden-bed", "garden-bed.ogg", lambda: stem_garden("bed"), dict(section="garden", bars=8, loop=True)),
    ("garden-voices", "garden-voices.ogg", lambda: stem_garden("voices"),
     dict(section="garden", bars=8, loop=True, quality=LAYER_QUALITY)),
    ("garden-worries", "garden-worries.ogg", lambda: stem_garden("worries"),
     dict(section="garden", bars=8, loop=True, quality=LAYER_QUALITY)),
    ("garden-memories", "garden-memories.ogg", lambda: stem_garden("memories"),
     dict(section="garden", bars=8, loop=True, quality=LAYER_QUALITY)),
    ("heart", "heart.ogg", stem_heart, dict(section="heart", bars=4, loop=False, seconds=14.5, fade=3.0)),
    ("moon", "moon.ogg", stem_moon, dict(section="moon", bars=8, loop=True)),
    ("dawn", "dawn.ogg", stem_dawn, dict(section="dawn", bars=6, loop=False, seconds=23.0, fade=3.5)),
    ("results", "results.ogg", stem_results, dict(section="results", bars=8, loop=True)),
]
for _i in range(len(HARMONY["city"]["chords"])):
    STEMS.append((f"step-{_i}", f"steps/step-{_i}.ogg", (lambda i=_i: step_chord(i, False)),
                  dict(loop=False, seconds=2.2, fade=0.7, mono=True, quality=LAYER_QUALITY, target="step")))
    STEMS.append((f"step-{_i}-falter", f"steps/step-{_i}-falter.ogg", (lambda i=_i: step_chord(i, True)),
                  dict(loop=False, seconds=2.2, fade=0.8, fade_in=0.06, mono=True, quality=LAYER_QUALITY, target="step-falter")))
for _i in range(len(CHIMES)):
    STEMS.append((f"chime-{_i}", f"chimes/chime-{_i}.ogg", (lambda i=_i: chime(i)),
                  dict(loop=False, seconds=2.5, fade=1.0, mono=True, quality=LAYER_QUALITY, target="chime")))
for _i in range(len(HUMS)):
    STEMS.append((f"flower-{_i}", f"hums/flower-{_i}.ogg", (lambda i=_i: hum(i)),
                  dict(loop=False, seconds=3.0, fade=0.7, fade_in=0.25, mono=True, quality=LAYER_QUALITY, target="hum")))
WATER = ("water", "water.ogg")

# --------------------------------------------------------------------------------------------
# Machinery: MIDI, fluidsynth, sox, loudness
# --------------------------------------------------------------------------------------------


def run(cmd, capture=False):
    r = subprocess.run(["nice", "-n", "10"] + cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{r.stderr}")
    return r.stdout + r.stderr if capture else None


def write_midi(parts, path, end_beat, seed):
    mf = mido.MidiFile(type=1, ticks_per_beat=TPB)
    tempo = mido.MidiTrack()
    tempo.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(BPM), time=0))
    tempo.append(mido.MetaMessage("time_signature", numerator=4, denominator=4, time=0))
    mf.tracks.append(tempo)
    end_tick = round(end_beat * TPB)
    for part in parts:
        rng = random.Random(zlib.crc32(f"{seed}/{part.label}".encode()))
        ch = part.channel
        ev = []  # (tick, order, message)
        ev.append((0, 0, mido.Message("program_change", channel=ch, program=part.program)))
        for cc, v in ((7, part.vol), (10, part.pan), (91, part.reverb), (93, part.chorus), (11, 127)):
            ev.append((0, 0, mido.Message("control_change", channel=ch, control=cc, value=v)))
        # Notes, humanised from a seed, repeated held notes tied if asked.
        notes = sorted(part.notes)
        if part.merge:
            merged = []
            for n in notes:
                for j, m in enumerate(merged):
                    if m[2] == n[2] and abs(m[0] + m[1] - n[0]) < 1e-6:
                        merged[j] = (m[0], m[1] + n[1], m[2], m[3])
                        break
                else:
                    merged.append(n)
            notes = sorted(merged)
        jitter, vjit = part.human
        placed = []
        for start, beats, p, vel in notes:
            dt = rng.uniform(-jitter, jitter) / SEC_PER_BEAT if jitter else 0.0
            s = max(0.0, start + dt) if start > 0 else 0.0
            v = vel + (rng.randint(-vjit, vjit) if vjit else 0)
            placed.append([round(s * TPB), round((start + beats) * TPB), p, max(1, min(127, v))])
        # A note struck again before it ended: end the old one where the new one starts.
        placed.sort()
        for i, a in enumerate(placed):
            for b in placed[i + 1:]:
                if b[2] == a[2] and b[0] < a[1]:
                    a[1] = b[0]
                    break
        for on, off, p, v in placed:
            if off <= on:
                continue
            ev.append((on, 3, mido.Message("note_on", channel=ch, note=p, velocity=v)))
            ev.append((off, 1, mido.Message("note_off", channel=ch, note=p, velocity=0)))
        # Automation, every 1/16 beat, only where it changes.
        step = TPB // 16
        for fn, kind in ((part.expr, "expr"), (part.bend, "bend")):
            if fn is None:
                continue
            last = None
            for tick in range(0, end_tick, step):
                b = tick / TPB
                if kind == "expr":
                    v = max(0, min(127, round(fn(b))))
                    msg = mido.Message("control_change", channel=ch, control=11, value=v)
                else:
                    v = max(-8192, min(8191, round(fn(b) / 200.0 * 8192)))
                    msg = mido.Message("pitchwheel", channel=ch, pitch=v)
                if v != last:
                    ev.append((tick, 2 if tick else 0, msg))
                    last = v
        ev.sort(key=lambda e: (e[0], e[1]))
        track = mido.MidiTrack()
        now = 0
        for tick, _, msg in ev:
            track.append(msg.copy(time=tick - now))
            now = tick
        mf.tracks.append(track)
    # Something harmless at the very end, so the renderer runs on through the tail.
    tail = mido.MidiTrack()
    tail.append(mido.Message("control_change", channel=15, control=110, value=0, time=end_tick))
    mf.tracks.append(tail)
    mf.save(path)


def fluidsynth(mid, wav):
    run(["fluidsynth", "-ni", "-q", "-g", "0.5", "-r", str(SR), "-O", "float", "-T", "wav",
         "-o", "synth.cpu-cores=1",
         "-o", "synth.reverb.active=1", "-o", "synth.reverb.room-size=0.78",
         "-o", "synth.reverb.damp=0.35", "-o", "synth.reverb.width=0.9", "-o", "synth.reverb.level=0.75",
         "-o", "synth.chorus.active=1", "-o", "synth.chorus.level=1.2", "-o", "synth.chorus.depth=6",
         "-F", wav, SF2, mid])


FLOAT = ["-e", "floating-point", "-b", "32"]


def sox(*args):
    run(["sox", "-D", "-R"] + [str(a) for a in args])


def fold(raw, out, samples, work):
    """Cuts at `samples` and mixes everything after it back onto the start."""
    head, tail = os.path.join(work, "head.wav"), os.path.join(work, "tail.wav")
    sox(raw, *FLOAT, head, "pad", "0", f"{samples}s", "trim", "0", f"{samples}s")
    sox(raw, *FLOAT, tail, "trim", f"{samples}s")
    sox("-m", "-v", "1", head, "-v", "1", tail, *FLOAT, out, "trim", "0", f"{samples}s")


def crossfade_loop(raw, out, start, length, xf, work):
    """A loop of `length` samples cut from `raw` at `start`, for sounds that never stop (a
    drone, water): what follows its end is faded out (equal power) over its first `xf`
    samples while its start fades in, so the last sample leads straight into the first."""
    a, b, c, d = (os.path.join(work, f"xf{i}.wav") for i in range(4))
    sox(raw, *FLOAT, a, "trim", f"{start}s", f"{xf}s", "fade", "q", f"{xf}s")
    sox(raw, *FLOAT, b, "trim", f"{start + length}s", f"{xf}s", "fade", "q", "0", f"{xf}s", f"{xf}s")
    sox("-m", "-v", 1, a, "-v", 1, b, *FLOAT, c)
    sox(raw, *FLOAT, d, "trim", f"{start + xf}s", f"{length - xf}s")
    sox(c, d, *FLOAT, out)


def loudness(path):
    out = run(["ffmpeg", "-hide_banner", "-nostats", "-i", path, "-af", "ebur128=peak=true",
               "-f", "null", "-"], capture=True)
    summary = out[out.rindex("Summary:"):]
    i = float(re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary).group(1))
    tp = float(re.search(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return i, tp


def rms(path):
    out = run(["sox", path, "-n", "stat"], capture=True)
    return float(re.search(r"RMS\s+amplitude:\s+([\d.]+)", out).group(1))


def encode(wav, ogg, target, mono, quality, work):
    """Gain to the loudness target under the true-peak ceiling, then Vorbis. Re-checks the
    encoded file's true peak (Vorbis can overshoot a little) and lowers the gain if needed."""
    if mono:
        down = os.path.join(work, "mono.wav")
        sox(wav, *FLOAT, down, "channels", 1)
        wav = down
    i, tp = loudness(wav)
    gain = min(target - i, TP_CEILING - 0.4 - tp)
    for _ in range(5):
        sox(wav, "-r", SR, "-C", quality, ogg, "gain", f"{gain:.2f}")
        i2, tp2 = loudness(ogg)
        # Encoding moves loudness and peaks a little: correct towards the target, never
        # over the ceiling.
        step = min(target - i2, TP_CEILING - 0.2 - tp2)
        if tp2 <= TP_CEILING and abs(step) < 0.3:
            return
        gain += step
    if tp2 > TP_CEILING:
        sys.exit(f"{ogg}: could not bring the true peak under {TP_CEILING} dBFS")


def render(label, rel, build, opt, work):
    parts = build()
    bars = opt.get("bars", 0)
    if opt["loop"]:
        samples = bars * SAMPLES_PER_BAR
        end_beat = (bars + 2 + opt.get("drone", 0)) * BEATS_PER_BAR  # two bars of tail
    else:
        samples = round(opt["seconds"] * SR)
        end_beat = opt["seconds"] / SEC_PER_BEAT + 1
    mid, raw, cut = (os.path.join(work, f) for f in ("in.mid", "raw.wav", "cut.wav"))
    write_midi(parts, mid, end_beat, label)
    fluidsynth(mid, raw)
    # Some FluidR3 samples (the warm pad) carry a DC offset: a 20 Hz high-pass takes it out,
    # with any colour the stem asks for, on the whole render (before the fold, so the
    # filters run through the tail too).
    coloured = os.path.join(work, "coloured.wav")
    sox(raw, *FLOAT, coloured, "highpass", 20, *opt.get("sox", []))
    raw = coloured
    if opt.get("drone"):
        crossfade_loop(raw, cut, SAMPLES_PER_BAR, samples, SAMPLES_PER_BAR, work)
    elif opt["loop"]:
        fold(raw, cut, samples, work)
    else:
        fin = opt.get("fade_in", 0.004)
        sox(raw, *FLOAT, cut, "pad", "0", f"{samples}s", "trim", "0", f"{samples}s",
            "fade", "q", fin, f"{samples}s", opt["fade"])
    ogg = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(ogg), exist_ok=True)
    encode(cut, ogg, TARGET[opt.get("target", label)], opt.get("mono", False),
           opt.get("quality", OGG_QUALITY), work)


def render_water(work):
    """Running water from noise: a low brown-noise body, a pink-noise babble in the mids with
    two slow, unrelated tremolos, and a faint high glitter; 10 s, its last two seconds
    cross-faded (equal power) into its first two so it loops without a seam."""
    total, loop, xf = 12, 10, 2
    body, babble, glitter, raw = (os.path.join(work, f + ".wav") for f in ("body", "babble", "glitter", "wraw"))
    sox("-n", "-r", SR, "-c", 2, *FLOAT, body, "synth", total, "brownnoise", "highpass", 80,
        "lowpass", 600, "tremolo", 0.23, 25, "gain", -12)
    sox("-n", "-r", SR, "-c", 2, *FLOAT, babble, "synth", total, "pinknoise", "highpass", 250,
        "lowpass", 6000, "bandpass", 1100, "0.7q", "tremolo", 4.3, 35, "tremolo", 0.61, 45,
        "tremolo", 7.9, 20, "gain", -8)
    sox("-n", "-r", SR, "-c", 2, *FLOAT, glitter, "synth", total, "pinknoise", "highpass", 2500,
        "lowpass", 9000, "tremolo", 9.1, 70, "tremolo", 1.3, 55, "tremolo", 13.7, 40, "gain", -15)
    sox("-m", "-v", 1, body, "-v", 1, babble, "-v", 1, glitter, *FLOAT, raw, "reverb", 25, 50, 50)
    cut = os.path.join(work, "cut.wav")
    crossfade_loop(raw, cut, 0, loop * SR, xf * SR, work)
    encode(cut, os.path.join(HERE, WATER[1]), TARGET["water"], True, LAYER_QUALITY, work)


# --------------------------------------------------------------------------------------------
# Checks, manifest, README
# --------------------------------------------------------------------------------------------


def read_float_wav(path):
    """The samples of a 32-bit float WAV as written by sox (interleaved)."""
    with open(path, "rb") as f:
        raw = f.read()
    at = raw.index(b"data")
    x = array.array("f")
    x.frombytes(raw[at + 8:at + 8 + int.from_bytes(raw[at + 4:at + 8], "little")])
    return x


def seam(ogg, work, barred=True):
    """Listens for a click where the loop wraps, on the decoded Vorbis (whose coding noise
    differs at the two ends of the file). The file is played twice in a row and high-passed
    at 8 kHz, where a click lives. For a loop of whole bars, the loudest 1 ms within 4 ms of
    the join is compared with the same moment at every other bar line (where the same
    instruments strike): the result, in dB, is how much louder the join is than the loudest
    of them (a loop cut without folding its tail measures +4 to +28 here; under +2 is clean).
    For other loops (the water) it is the jump from the last sample to the first over the
    99th percentile of the sample-to-sample jumps near the ends, in dB."""
    one, two = os.path.join(work, "one.wav"), os.path.join(work, "two.wav")
    sox(ogg, "-c", 1, *FLOAT, one)
    sox(one, one, *FLOAT, two, "sinc", 8000)
    x = read_float_wav(two)
    half, w = len(x) // 2, 44
    if barred and half % SAMPLES_PER_BAR == 0:
        def loudest_near(c):
            best = -200.0
            for d in range(-176, 177, 22):
                seg = x[c + d - w // 2:c + d + w // 2]
                best = max(best, 10 * math.log10(sum(v * v for v in seg) / len(seg) + 1e-20))
            return best
        bars = half // SAMPLES_PER_BAR
        others = [loudest_near(k * SAMPLES_PER_BAR) for k in range(1, 2 * bars) if k != bars]
        return loudest_near(half) - max(others)
    y = read_float_wav(one)
    ring = list(y[-2000:]) + list(y[:2000])
    diffs = [abs(ring[k + 1] - ring[k]) for k in range(len(ring) - 1)]
    jump = diffs[1999]
    ref = sorted(diffs[:1999] + diffs[2000:])[int(0.99 * (len(diffs) - 1))]
    return 20 * math.log10(max(jump, 1e-9) / max(ref, 1e-9))


def measure(rel, work, loop, barred=True):
    path = os.path.join(HERE, rel)
    i, tp = loudness(path)
    info = {"file": rel, "seconds": round(int(run(["soxi", "-s", path], capture=True)) / SR, 3),
            "lufs": round(i, 1), "true_peak_dbfs": round(tp, 1), "rms": round(rms(path), 4),
            "bytes": os.path.getsize(path)}
    if loop:
        info["seam"] = round(seam(path, work, barred), 1)
    return info


def harmony_json(section):
    """One entry per bar: the chord on its downbeat, and `then` for a change inside the bar."""
    chords = HARMONY[section]["chords"]

    def chord(idx):
        sym, v = chords[idx]
        return {"chord": idx, "symbol": sym, "notes": v.split(), "midi": [note(n) for n in v.split()]}

    out = []
    for bar, entry in enumerate(HARMONY[section]["bars"]):
        changes = [(0, entry)] if isinstance(entry, int) else list(entry)
        e = {"bar": bar, **chord(changes[0][1])}
        if len(changes) > 1:
            e["then"] = [{"beat": beat, **chord(idx)} for beat, idx in changes[1:]]
        out.append(e)
    return out


def compact_json(value):
    """Indented JSON with every list of plain values kept on one line."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return re.sub(r"\[\s*\n\s*([^\[\]{}]*?)\s*\]",
                  lambda m: "[" + re.sub(r",\s*\n\s*", ", ", m.group(1)) + "]", text)


def write_manifest(stats):
    sections = {}
    layers = {
        "title": [("title", "theme")],
        "city": [("city-warm", "warm bed"), ("city-falter", "falter: replaces the warm bed as warmth drains")],
        "door": [("door-hum", "hum")],
        "garden": [("garden-bed", "bed: always on"), ("garden-voices", "layer: once voices are heard"),
                   ("garden-worries", "layer: once worries are planted"),
                   ("garden-memories", "layer: once memories are gathered")],
        "heart": [("heart", "once: the garden's theme resolved")],
        "moon": [("moon", "her theme")],
        "dawn": [("dawn", "once: sunrise")],
        "results": [("results", "credits: the theme resolved")],
    }
    opts = {label: (rel, opt) for label, rel, _, opt in STEMS}
    for section, stems in layers.items():
        entries = []
        for label, role in stems:
            rel, opt = opts[label]
            st = stats[label]
            entries.append({"name": label, "file": rel, "role": role, "loop": opt["loop"],
                            "seconds": st["seconds"], "lufs": st["lufs"],
                            "true_peak_dbfs": st["true_peak_dbfs"]})
        bars = opts[stems[0][0]][1]["bars"]
        sections[section] = {
            "bars": bars,
            "loop": opts[stems[0][0]][1]["loop"],
            "loop_samples": bars * SAMPLES_PER_BAR if opts[stems[0][0]][1]["loop"] else None,
            "stems": entries,
            "chords": [{"chord": i, "symbol": s, "notes": v.split(), "midi": [note(n) for n in v.split()]}
                       for i, (s, v) in enumerate(HARMONY[section]["chords"])],
            "harmony": harmony_json(section),
        }
    sections["city"]["steps"] = [
        {"bar": bar, "chord": idx, "symbol": HARMONY["city"]["chords"][idx][0],
         "warm": f"steps/step-{idx}.ogg", "falter": f"steps/step-{idx}-falter.ogg"}
        for bar, idx in enumerate(HARMONY["city"]["bars"])]
    manifest = {
        "about": "Begin Again's score, rendered by score.py from FluidR3_GM.sf2. Paths are relative "
                 "to this folder. All sections share the tempo; loops are whole bars and start on "
                 "a bar line at sample 0; layers of a section share length and harmony.",
        "tempo_bpm": BPM,
        "beats_per_bar": BEATS_PER_BAR,
        "seconds_per_beat": SEC_PER_BEAT,
        "seconds_per_bar": SEC_PER_BAR,
        "sample_rate": SR,
        "samples_per_bar": SAMPLES_PER_BAR,
        "key": KEY,
        "sections": sections,
        "water": {"file": WATER[1], "loop": True, "seconds": stats["water"]["seconds"],
                  "lufs": stats["water"]["lufs"], "true_peak_dbfs": stats["water"]["true_peak_dbfs"]},
        "chimes": [{"file": f"chimes/chime-{i}.ogg", "note": n, "midi": note(n)} for i, n in enumerate(CHIMES)],
        "hums": [{"file": f"hums/flower-{i}.ogg", "note": n, "midi": note(n)} for i, n in enumerate(HUMS)],
    }
    with open(os.path.join(HERE, "manifest.json"), "w") as f:
        f.write(compact_json(manifest) + "\n")


def write_readme_table(stats):
    path = os.path.join(HERE, "README.md")
    rows = ["| file | seconds | LUFS (integrated) | true peak (dBFS) | RMS amplitude | loop join (dB) | KiB |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for label, st in stats.items():
        rows.append(f"| {st['file']} | {st['seconds']:.2f} | {st['lufs']:.1f} | {st['true_peak_dbfs']:.1f} | "
                    f"{st['rms']:.4f} | {st.get('seam', '') if 'seam' in st else '—'} | {st['bytes'] / 1024:.0f} |")
    total = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(HERE) for f in fs)
    rows.append("")
    rows.append(f"Total size of this folder: {total / 1024 / 1024:.2f} MiB ({total} bytes).")
    table = "\n".join(rows)
    text = open(path).read() if os.path.exists(path) else "<!-- stems:begin -->\n<!-- stems:end -->\n"
    text = re.sub(r"<!-- stems:begin -->.*<!-- stems:end -->",
                  lambda m: f"<!-- stems:begin -->\n{table}\n<!-- stems:end -->", text, flags=re.S)
    with open(path, "w") as f:
        f.write(text)


def main():
    if not os.path.exists(SF2):
        sys.exit(f"needs {SF2} (apt-get install fluid-soundfont-gm)")
    only = sys.argv[1:]
    if only == ["--measure"]:  # render nothing: measure the files, rewrite manifest and README
        wanted = lambda label: False
    else:
        wanted = lambda label: not only or any(label.startswith(o) for o in only)
    work = tempfile.mkdtemp(prefix="begin-again-score-")
    try:
        for label, rel, build, opt in STEMS:
            if wanted(label):
                print(f"render {rel}", flush=True)
                render(label, rel, build, opt, work)
        if wanted("water"):
            print(f"render {WATER[1]}", flush=True)
            render_water(work)
        stats = {}
        for label, rel, _, opt in STEMS + [("water", WATER[1], None, dict(loop=True))]:
            if os.path.exists(os.path.join(HERE, rel)):
                stats[label] = measure(rel, work, opt["loop"], barred=label != "water")
        problems = []
        for label, st in stats.items():
            if st["true_peak_dbfs"] >= -1.0:
                problems.append(f"{label}: true peak {st['true_peak_dbfs']}")
            if st["rms"] < 0.005:
                problems.append(f"{label}: RMS {st['rms']}")
            if st.get("seam", -99) > 2:
                problems.append(f"{label}: loop seam {st['seam']}")
        missing = [rel for label, rel, _, _ in STEMS + [("water", WATER[1], None, None)] if label not in stats]
        if missing:
            problems.append("not rendered yet (no manifest written): " + ", ".join(missing))
        else:
            write_manifest(stats)
            write_readme_table(stats)
        for label, st in stats.items():
            print(f"{st['file']:34s} {st['seconds']:6.2f}s {st['lufs']:6.1f} LUFS {st['true_peak_dbfs']:5.1f} dBTP "
                  f"rms {st['rms']:.4f} seam {st.get('seam', '-')}")
        if problems:
            sys.exit("problems:\n  " + "\n  ".join(problems))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
