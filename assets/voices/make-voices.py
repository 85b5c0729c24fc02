#!/usr/bin/env python3
"""Makes the garden's voices: "Voices rise out of the petals, gentle and true".

Reads every voice flower's line (and the trees' whisper) from levels/garden.ron, speaks it with
espeak-ng in a voice chosen for its speaker, then softens it with sox — slower, pitched per
speaker, warmed, reverberant — so it sounds dreamlike rather than robotic. Writes
assets/<audio path> (an OGG) for each. Needs espeak-ng and sox with vorbis. Run from anywhere.
"""
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
LEVEL = ROOT / "levels" / "garden.ron"
ASSETS = ROOT / "assets"

# espeak voice (variant), words per minute, espeak pitch (0-99), sox pitch shift in cents,
# reverb amount, and a tempo that slows the line further.
PROFILES = {
    "friend-rain": ("en-us+f2", 150, 48, -150, 55, 0.9),
    "stranger-door": ("en+m3", 145, 38, -200, 60, 0.9),
    "child-fireflies": ("en-us+f4", 160, 80, 250, 50, 0.92),
    "refuge": ("en+grandma", 135, 45, -100, 65, 0.88),
    "grandmother-bowl": ("en+f3", 130, 32, -250, 60, 0.86),
    "teacher-exam": ("en+m2", 145, 42, -150, 55, 0.9),
    "stranger-tea": ("en-us+f1", 140, 40, -120, 60, 0.9),
    "older-self": ("en+m4", 130, 30, -300, 65, 0.86),
    "trees": ("en+whisper", 120, 20, -400, 85, 0.82),
    "moon": ("en+f5", 125, 55, -50, 90, 0.84),
    "waking": ("en+f2", 130, 50, -100, 80, 0.86),
}
DEFAULT = ("en+f2", 140, 45, -150, 60, 0.9)


def lines_from_level(text):
    """(id, line, audio) for each voice flower, and the lotus trees' whisper."""
    found = []
    voices = text[text.index("voices:"):]
    entries = re.split(r'\bid:\s*', voices)[1:]
    for entry in entries:
        voice_id = re.match(r'"([^"]+)"', entry).group(1)
        line = re.search(r'\bline:\s*"((?:[^"\\]|\\.)*)"', entry).group(1)
        audio = re.search(r'\baudio:\s*"([^"]+)"', entry).group(1)
        found.append((voice_id, line, audio))
    whisper = re.search(r'whisper:\s*\(\s*speaker:\s*"[^"]*",\s*line:\s*"((?:[^"\\]|\\.)*)",\s*audio:\s*"([^"]+)"', text, re.S)
    if whisper:
        found.append(("trees", whisper.group(1), whisper.group(2)))
    for key in ("moon", "waking"):
        spoken = re.search(key + r':\s*\(\s*speaker:\s*"[^"]*",\s*line:\s*"((?:[^"\\]|\\.)*)",\s*audio:\s*"([^"]+)"', text, re.S)
        if spoken:
            found.append((key, spoken.group(1), spoken.group(2)))
    return found


def speak(voice_id, line, audio):
    voice, wpm, pitch, cents, reverb, tempo = PROFILES.get(voice_id, DEFAULT)
    out = ASSETS / audio
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        raw = pathlib.Path(work) / "raw.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(wpm), "-p", str(pitch), "-g", "4", "-w", str(raw), line],
            check=True,
        )
        subprocess.run(
            [
                "sox", str(raw), "-r", "44100", "-c", "2", "-C", "4", str(out),
                "gain", "-3", "highpass", "90", "lowpass", "5200",
                "pitch", str(cents), "tempo", "-s", str(tempo),
                "chorus", "0.6", "0.8", "45", "0.3", "0.25", "2", "-t",
                "reverb", str(reverb), "50", "90", "100", "8",
                "pad", "0.3", "1.2", "gain", "-n", "-3",
            ],
            check=True,
        )
    return out


def main():
    voices = lines_from_level(LEVEL.read_text(encoding="utf-8"))
    if not voices:
        sys.exit(f"{LEVEL}: no voice lines found")
    for voice_id, line, audio in voices:
        out = speak(voice_id, line.replace('\\"', '"'), audio)
        print(f"{voice_id}: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
