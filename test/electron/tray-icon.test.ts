/**
 * The tray icon is sharp on HiDPI screens (an image per scale, not a 16 px one stretched) and on
 * macOS is a template image: black bars on transparent, which the menu bar recolours.
 */
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { trayIconSet } from '../../src-main/electron/tray-icon.ts';

/** Width, height and RGBA pixels of the PNGs app-icon.ts writes (8-bit RGBA, filter 0, one IDAT). */
function decode(png: Buffer): { width: number; height: number; rgba: Buffer } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  assert.equal(png[25], 6, 'RGBA');
  let offset = 8;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    if (png.subarray(offset + 4, offset + 8).toString('ascii') === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += length + 12;
  }
  const rows = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) rows.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  return { width, height, rgba };
}

describe('tray icon', () => {
  it('has a 16 pt image at 1× and 2× everywhere, and 1.5× on Windows', () => {
    assert.deepEqual(trayIconSet('linux').representations.map((r) => [r.scaleFactor, decode(r.png).width]), [[1, 16], [2, 32]]);
    assert.deepEqual(trayIconSet('darwin').representations.map((r) => [r.scaleFactor, decode(r.png).width]), [[1, 16], [2, 32]]);
    assert.deepEqual(trayIconSet('win32').representations.map((r) => [r.scaleFactor, decode(r.png).height]), [[1, 16], [1.5, 24], [2, 32]]);
  });

  it('is a template image on macOS: only black, shaped by alpha, with transparent corners', () => {
    const set = trayIconSet('darwin');
    assert.equal(set.template, true);
    for (const { png } of set.representations) {
      const { width, rgba } = decode(png);
      let drawn = 0;
      for (let i = 0; i < rgba.length; i += 4) {
        assert.deepEqual([rgba[i], rgba[i + 1], rgba[i + 2]], [0, 0, 0]);
        if (rgba[i + 3]! > 0) drawn++;
      }
      assert.equal(rgba[3], 0, 'top-left corner is transparent');
      assert.ok(drawn > width * width * 0.2 && drawn < width * width * 0.8, `the bars cover part of the icon (${drawn} px)`);
    }
  });

  it('is the coloured app icon elsewhere', () => {
    const set = trayIconSet('linux');
    assert.equal(set.template, false);
    const { rgba, width } = decode(set.representations[1]!.png);
    const middle = ((width / 2) * width + 2) * 4; // left edge, mid-height: the indigo background
    assert.ok(rgba[middle + 2]! > rgba[middle]!, 'blue over red: indigo');
  });
});
