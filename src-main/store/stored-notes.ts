/**
 * An account's notes as the `accounts.warnings` column holds them: a JSON array of typed notes
 * (src-shared/account-notes.ts). Versions before typed notes stored words there; those read back as
 * `legacy_text` notes that keep their words until the recomputation of their family replaces them.
 * Which family an old sentence belongs to is read from the phrases those versions wrote — frozen
 * here, since nothing writes words any more; rewording today's warnings cannot change it.
 */
import { StoredNoteSchema, type AccountNote, type NoteFamily } from '../../src-shared/account-notes.ts';

const LEGACY_FAMILIES: [NoteFamily, (text: string) => boolean][] = [
  ['history_gap', (text) => text.includes('were pushed out of reach between two syncs')],
  ['history_limited', (text) => text.includes("import the exchange's CSV export to fill the gap") || text.includes('Perpvol cannot import its export')],
  ['history_unproven', (text) => text.includes('may be incomplete:')],
  ['counting', (text) => text.includes('not counted in volume: Perpvol does not know') || text.startsWith('Fees in tokens Perpvol cannot price')],
];

function legacyNote(text: string): AccountNote {
  const family = LEGACY_FAMILIES.find(([, matches]) => matches(text))?.[0] ?? 'key';
  return { code: 'legacy_text', params: { text, family } };
}

/** The notes in a stored column; an entry no version could have written is dropped, not fatal. */
export function decodeStoredNotes(column: string): AccountNote[] {
  let entries: unknown;
  try {
    entries = JSON.parse(column);
  } catch {
    return [];
  }
  if (!Array.isArray(entries)) return [];
  const notes: AccountNote[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') {
      notes.push(legacyNote(entry));
      continue;
    }
    const parsed = StoredNoteSchema.safeParse(entry);
    if (parsed.success) notes.push(parsed.data);
  }
  return notes;
}

export function encodeStoredNotes(notes: readonly AccountNote[]): string {
  return JSON.stringify(notes.map(({ code, params }) => ({ code, params })));
}
