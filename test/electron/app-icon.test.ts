import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drawAppIcon, renderAppIconPng } from '../../src-main/electron/app-icon.ts';

describe('app icon', () => {
  it('is a valid PNG of the requested size', () => {
    const png = renderAppIconPng(64);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.subarray(12, 16).toString('ascii'), 'IHDR');
    assert.equal(png.readUInt32BE(16), 64);
    assert.equal(png.readUInt32BE(20), 64);
  });

  it('has transparent corners and an opaque middle', () => {
    const size = 32;
    const pixels = drawAppIcon(size);
    const alpha = (x: number, y: number) => pixels[(y * size + x) * 4 + 3];
    assert.equal(alpha(0, 0), 0);
    assert.equal(alpha(16, 16), 255);
  });
});
