/**
 * Words are for people: the core keeps, replaces and keeps apart an account's notes by their code,
 * so what a sentence says — or a key check that happens to say the same — changes no behaviour.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { noteFamily, type AccountNote } from '../../src-shared/account-notes.ts';
import type { Store } from '../../src-main/store/store.ts';
import { notesAfterWrite } from '../../src-main/sync/account-notes.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** A store with nothing to say about the account's history or what it could not count. */
const quietStore = {
  syncState: { get: async () => ({ historyLimitedBefore: null, historyGaps: [] }) },
  fills: { unclassifiedCounts: async () => [] },
  volume: { unpricedFees: async () => [] },
} as unknown as Store;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : Promise.resolve(e.name.endsWith('.ts') || e.name.endsWith('.tsx') ? [join(dir, e.name)] : []))));
  return nested.flat();
}

describe('notes are told apart by code, never by their words', () => {
  test('an exchange notice worded exactly like the history-limit and counting warnings stays a key note when the data notes are recomputed', async () => {
    const lookalikes: AccountNote[] = [
      { code: 'exchange_notice', params: { text: "Hyperliquid serves only your 10,000 most recent fills; fills before 2024-12-01 are missing — import the exchange's CSV export to fill the gap" } },
      { code: 'exchange_notice', params: { text: 'Fees in tokens Perpvol cannot price in USD are listed, not counted as $0 (all time, perpetuals and dated futures): 1 DIME over 1 fill.' } },
      { code: 'exchange_notice', params: { text: 'history at 2025-01-01T00:00:00.000Z may be incomplete: were pushed out of reach between two syncs' } },
    ];
    const after = await notesAfterWrite(quietStore, { id: 'a1', exchange: 'hyperliquid', warnings: lookalikes });
    assert.deepEqual(after, lookalikes, 'nothing to recompute took them for its own');
    assert.deepEqual(after.map(noteFamily), ['key', 'key', 'key'], 'and a key rotation replaces them as the key check they are');
  });

  test('the words are made in one place, at the edge: only the account view imports the renderer, and nothing matches phrases of today\'s warnings', async () => {
    const files = [...(await sourceFiles(join(ROOT, 'src-main'))), ...(await sourceFiles(join(ROOT, 'src-shared')))];
    const importers: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      if (/from '[./]*(sync\/)?note-words\.ts'/.test(text)) importers.push(relative(ROOT, file));
      for (const phrase of ['may be incomplete:', 'not counted in volume: Perpvol does not know', 'were pushed out of reach between two syncs', "import the exchange's CSV export to fill the gap"]) {
        // the words are written by the renderer; only the reader of an earlier version's stored sentences knows them too
        if (text.includes(phrase)) assert.ok(['src-main/sync/note-words.ts', 'src-main/store/stored-notes.ts'].includes(relative(ROOT, file)), `${relative(ROOT, file)} knows the phrase "${phrase}"`);
      }
    }
    assert.deepEqual(importers, ['src-main/sync/account-view.ts']);
  });
});
