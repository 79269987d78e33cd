#!/usr/bin/env node
'use strict';
/**
 * Draws the application icon (rising bars and an upward line on the office blue) and writes
 * resources/icon.png (512×512), resources/icon.ico (16–256, PNG entries) and
 * renderer/public/favicon.png (64×64). Plain Node, no native modules: rerun it after changing the
 * drawing and commit the files (they are small).
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const ROOT = path.join(__dirname, '..');
const SUPERSAMPLE = 4;

const BLUE_DARK = [26, 61, 107];
const BLUE_LIGHT = [36, 82, 140];
const WHITE = [255, 255, 255];
const RED = [232, 84, 78];

/** The drawing on a 512-unit canvas: returns the colour at (x, y), or null outside the icon. */
function colourAt(x, y) {
  if (!insideRoundedRect(x, y, 16, 16, 496, 496, 96)) return null;
  let colour = y < 250 ? mix(BLUE_LIGHT, BLUE_DARK, Math.max(0, (y - 16) / 234)) : BLUE_DARK;
  const bars = [
    [112, 300, 172, 408],
    [204, 236, 264, 408],
    [296, 168, 356, 408],
  ];
  for (const [x0, y0, x1, y1] of bars) if (x >= x0 && x <= x1 && y >= y0 && y <= y1) colour = WHITE;
  if (x >= 96 && x <= 416 && y >= 416 && y <= 428) colour = WHITE;
  const line = [
    [104, 262],
    [224, 176],
    [300, 198],
    [380, 122],
  ];
  for (let i = 0; i + 1 < line.length; i += 1) {
    if (distanceToSegment(x, y, line[i], line[i + 1]) <= 11) colour = RED;
  }
  if (insideTriangle(x, y, [418, 80], [424, 172], [340, 104])) colour = RED;
  return colour;
}

function mix(a, b, t) {
  return a.map((v, i) => Math.round(v + (b[i] - v) * t));
}

function insideRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function insideTriangle(x, y, a, b, c) {
  const sign = (p, q, r) => (p[0] - r[0]) * (q[1] - r[1]) - (q[0] - r[0]) * (p[1] - r[1]);
  const d1 = sign([x, y], a, b);
  const d2 = sign([x, y], b, c);
  const d3 = sign([x, y], c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

/** RGBA pixels of the icon at `size`, each pixel the average of SUPERSAMPLE² samples. */
function render(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const scale = 512 / size;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy += 1) {
        for (let sx = 0; sx < SUPERSAMPLE; sx += 1) {
          const c = colourAt((px + (sx + 0.5) / SUPERSAMPLE) * scale, (py + (sy + 0.5) / SUPERSAMPLE) * scale);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        pixels[o] = Math.round(r / a);
        pixels[o + 1] = Math.round(g / a);
        pixels[o + 2] = Math.round(b / a);
      }
      pixels[o + 3] = Math.round((255 * a) / (SUPERSAMPLE * SUPERSAMPLE));
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size) {
  const pixels = render(size);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An .ico whose entries are PNGs (what Windows Vista and later read, and electron-builder accepts). */
function ico(sizes) {
  const images = sizes.map((s) => png(s));
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  let offset = 6 + 16 * sizes.length;
  const entries = sizes.map((s, i) => {
    const e = Buffer.alloc(16);
    e[0] = s >= 256 ? 0 : s;
    e[1] = s >= 256 ? 0 : s;
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(images[i].length, 8);
    e.writeUInt32LE(offset, 12);
    offset += images[i].length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images]);
}

fs.mkdirSync(path.join(ROOT, 'resources'), { recursive: true });
fs.mkdirSync(path.join(ROOT, 'renderer', 'public'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'resources', 'icon.png'), png(512));
fs.writeFileSync(path.join(ROOT, 'resources', 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256]));
fs.writeFileSync(path.join(ROOT, 'renderer', 'public', 'favicon.png'), png(64));
process.stdout.write('resources/icon.png, resources/icon.ico, renderer/public/favicon.png written\n');
