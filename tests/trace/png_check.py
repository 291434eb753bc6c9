#!/usr/bin/env python3
"""Checks that a PNG screenshot is not blank, without PIL: decodes the PNG with
zlib (8-bit RGB/RGBA/grey, non-interlaced, as Chromium writes them) and counts
pixels that are not white, and pixels close to a given colour.

usage: png_check.py FILE.png [--min-nonwhite N] [--color RRGGBB:N]...
Exit 0 if every threshold is met, 1 if not, 2 if the file is not a PNG it reads.
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, ctype, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(ctype)
    if depth != 8 or channels is None or interlace:
        raise ValueError("unsupported PNG (depth %d, colour type %d, interlace %d)" % (depth, ctype, interlace))
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, prev, at = [], bytearray(stride), 0
    for _ in range(height):
        f = raw[at]
        line = bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append(line)
        prev = line
    return width, height, channels, rows


def main(argv):
    path, min_nonwhite, colours = argv[1], 1, []
    args = argv[2:]
    while args:
        if args[0] == "--min-nonwhite":
            min_nonwhite = int(args[1])
        elif args[0] == "--color":
            hexcode, count = args[1].split(":")
            colours.append((tuple(int(hexcode[i:i + 2], 16) for i in (0, 2, 4)), int(count)))
        else:
            print("unknown argument", args[0])
            return 2
        args = args[2:]
    try:
        width, height, channels, rows = decode(path)
    except Exception as e:  # noqa: BLE001 - any decoding problem is a failure
        print("%s: %s" % (path, e))
        return 2
    nonwhite, near = 0, [0] * len(colours)
    for line in rows:
        for x in range(width):
            px = line[x * channels:(x + 1) * channels]
            rgb = (px[0], px[0], px[0]) if channels < 3 else (px[0], px[1], px[2])
            if min(rgb) < 245:
                nonwhite += 1
            for k, (want, _) in enumerate(colours):
                if all(abs(rgb[j] - want[j]) <= 12 for j in range(3)):
                    near[k] += 1
    print("%s: %dx%d, %d non-white pixels" % (path, width, height, nonwhite))
    ok = nonwhite >= min_nonwhite
    if not ok:
        print("  too few non-white pixels (want >= %d): blank render?" % min_nonwhite)
    for (want, count), got in zip(colours, near):
        print("  colour %02x%02x%02x: %d pixels (want >= %d)" % (want + (got, count)))
        ok &= got >= count
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
