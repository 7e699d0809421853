/**
 * Perpvol's icon, drawn in code (a rounded indigo square with three rising volume bars) and encoded
 * as PNG, so the app, the tray and the installers need no binary design files in the repo history.
 * build/make-icons.ts writes the installer icons from it; the tray draws its small one at runtime.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes straight RGBA pixels (width × height × 4 bytes) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(rows, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Coverage (0..1) of pixel centre (px, py) by a rounded rectangle, with one pixel of anti-aliasing. */
function roundedRectCoverage(px: number, py: number, x0: number, y0: number, x1: number, y1: number, radius: number): number {
  const cx = Math.min(Math.max(px, x0 + radius), x1 - radius);
  const cy = Math.min(Math.max(py, y0 + radius), y1 - radius);
  const distance = Math.hypot(px - cx, py - cy) - radius;
  return Math.min(1, Math.max(0, 0.5 - distance));
}

/** The icon's RGBA pixels at `size` × `size`. */
export function drawAppIcon(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const s = size / 512;
  const bars = [
    { x0: 120, x1: 196, top: 300 },
    { x0: 218, x1: 294, top: 220 },
    { x0: 316, x1: 392, top: 130 },
  ];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const background = roundedRectCoverage(px, py, 16 * s, 16 * s, 496 * s, 496 * s, 96 * s);
      const t = py / size; // vertical gradient indigo-500 → indigo-800
      let r = 99 + (55 - 99) * t;
      let g = 102 + (48 - 102) * t;
      let b = 241 + (163 - 241) * t;
      let bar = 0;
      for (const b0 of bars) bar = Math.max(bar, roundedRectCoverage(px, py, b0.x0 * s, b0.top * s, b0.x1 * s, 400 * s, 14 * s));
      r += (255 - r) * bar;
      g += (255 - g) * bar;
      b += (255 - b) * bar;
      const offset = (y * size + x) * 4;
      pixels[offset] = Math.round(r);
      pixels[offset + 1] = Math.round(g);
      pixels[offset + 2] = Math.round(b);
      pixels[offset + 3] = Math.round(255 * background);
    }
  }
  return pixels;
}

export function renderAppIconPng(size: number): Buffer {
  return encodePng(size, size, drawAppIcon(size));
}

/**
 * The macOS menu-bar ("template") icon: the three bars alone, black with alpha on transparent.
 * macOS recolours a template image for light and dark menu bars; a coloured icon would not fit.
 */
export function drawTrayTemplate(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const s = size / 16;
  const bars = [
    { x0: 2, x1: 5.5, top: 9 },
    { x0: 6.25, x1: 9.75, top: 5.5 },
    { x0: 10.5, x1: 14, top: 2 },
  ];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bar = 0;
      for (const b of bars) bar = Math.max(bar, roundedRectCoverage(x + 0.5, y + 0.5, b.x0 * s, b.top * s, b.x1 * s, 14 * s, 0.75 * s));
      pixels[(y * size + x) * 4 + 3] = Math.round(255 * bar); // r = g = b = 0
    }
  }
  return pixels;
}

export function renderTrayTemplatePng(size: number): Buffer {
  return encodePng(size, size, drawTrayTemplate(size));
}
