/**
 * The README is a newcomer's first screen: short, the two commands first, the demo, the desktop
 * app, each exchange's read-only credential and troubleshooting — and every `npm run` it names is
 * a script that exists. The detail lives in docs/ (checked by docs-links.test.ts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const scripts = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('README.md, the first screen', () => {
  test('is at most 250 lines', () => {
    const lines = readme.trimEnd().split('\n').length;
    assert.ok(lines <= 250, `README.md has ${lines} lines: move detail into docs/ and link it`);
  });

  test('opens with the install-and-run command and the test command', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme);
    assert.ok(firstBlock && readme.indexOf(firstBlock[0]) < readme.indexOf('\n## '), 'the first thing under the title is a sh block');
    const commands = firstBlock[1]!.split('\n').map((line) => line.replace(/#.*$/, '').trim()).filter(Boolean);
    assert.deepEqual(commands, ['ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install && npm run headless', 'npm test']);
  });

  test('names only npm scripts that exist', () => {
    const named = new Set([...readme.matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => m[1]!));
    assert.ok(named.has('demo') && named.has('headless'));
    for (const name of named) assert.ok(name in scripts, `README.md names npm run ${name}, which package.json does not have`);
  });

  test('covers what a newcomer needs, in order', () => {
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
    const wanted = [/npm run demo/, /desktop app/i, /exchanges/i, /troubleshooting/i];
    let from = 0;
    for (const pattern of wanted) {
      const at = headings.findIndex((h, i) => i >= from && pattern.test(h));
      assert.ok(at >= 0, `no README section matching ${pattern} after "${headings[from - 1] ?? 'the start'}" (sections: ${headings.join(' | ')})`);
      from = at + 1;
    }
    for (const exchange of ['Hyperliquid', 'Bybit', 'WOO X', 'Paradex']) {
      assert.match(readme, new RegExp(`\\| ${exchange} \\|[^\\n]*\\| \`perpvol accounts add --exchange`), `${exchange} has no row saying how to add it`);
    }
    assert.match(readme, /Read-Only/);
    assert.match(readme, /read-only token/);
  });
});
