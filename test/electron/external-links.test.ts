import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppUrl, isSafeExternalUrl } from '../../src-main/electron/external-links.ts';

describe('external links', () => {
  it('lets only plain https URLs leave the app', () => {
    assert.equal(isSafeExternalUrl('https://docs.woox.io/'), true);
    for (const url of ['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@example.com', 'not a url']) {
      assert.equal(isSafeExternalUrl(url), false, url);
    }
  });

  it('recognises the app page, from the built files or the dev server', () => {
    assert.equal(isAppUrl('file:///app/out/renderer/index.html#/daily', 'file:///app/out/renderer/index.html'), true);
    assert.equal(isAppUrl('file:///app/other/index.html', 'file:///app/out/renderer/index.html'), false);
    assert.equal(isAppUrl('http://localhost:5173/#/fills', 'http://localhost:5173/'), true);
    assert.equal(isAppUrl('http://localhost:5174/', 'http://localhost:5173/'), false);
  });
});
