#!/usr/bin/env python3
"""Draws the demo's photos and signatures (plain PNGs, no imaging library) into assets/demo/blobs/
and points the demo operation logs at them by SHA-256, so the demo inspections show real files.
Run once when the demo logs change: python3 scripts/demo_photos.py"""
import hashlib, math, os, re, struct, zlib

ROOT = os.path.join(os.path.dirname(__file__), "..", "assets", "demo")

def png(w, h, pixel):
    raw = bytearray()
    for y in range(h):
        raw.append(0)
        for x in range(w):
            raw.extend(pixel(x, y))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))

def room(seed):
    # A room seen from the door: wall, floor, a window and a bed, in colours that differ per photo.
    wall = [(236, 228, 210), (214, 226, 236), (232, 220, 226), (222, 234, 220)][seed % 4]
    floor = [(150, 116, 84), (170, 170, 176), (128, 100, 80), (190, 176, 150)][seed % 4]
    bx = 120 + 37 * seed % 200
    def pixel(x, y):
        if 60 + seed * 20 < x < 220 + seed * 20 and 50 < y < 170:  # window
            return (150, 200, 240) if (x // 40 + y // 60) % 2 else (170, 214, 246)
        if y > 300:
            return tuple(max(0, c - (y - 300) // 6) for c in floor)
        if bx < x < bx + 260 and 220 < y < 300:  # bed
            return (250, 250, 252) if y > 236 else (110, 140, 190)
        return wall
    return png(640, 400, pixel)

def signature(seed):
    # A handwritten-looking stroke: a damped sine with a loop, dark ink on white.
    pts = set()
    for i in range(4000):
        t = i / 4000
        x = 30 + t * 420
        y = 80 + math.sin(t * (9 + seed) * math.pi) * 40 * (1 - t * 0.6) + math.cos(t * 31) * 6
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                pts.add((int(x) + dx, int(y) + dy))
    return png(480, 160, lambda x, y: (20, 30, 80) if (x, y) in pts else (255, 255, 255))

def main():
    logs = sorted(f for f in os.listdir(ROOT) if f.endswith(".ops.jsonl"))
    mapping, n = {}, 0
    for name in logs:
        text = open(os.path.join(ROOT, name), encoding="utf-8").read()
        for m in re.finditer(r'\{[^{}]*"sha256":"([0-9a-f]{64})"[^{}]*\}', text):
            old = m.group(1)
            if old in mapping:
                continue
            data = signature(n) if "signer" in m.group(0) else room(n)
            n += 1
            new = hashlib.sha256(data).hexdigest()
            open(os.path.join(ROOT, "blobs", new + ".png"), "wb").write(data)
            mapping[old] = new
    for name in logs:
        path = os.path.join(ROOT, name)
        text = open(path, encoding="utf-8").read()
        for old, new in mapping.items():
            text = text.replace(old, new)
        open(path, "w", encoding="utf-8").write(text)
    print(f"{len(mapping)} files in assets/demo/blobs")

if __name__ == "__main__":
    main()
