/**
 * An account's notes after fills were written, whichever path wrote them: every note that depends
 * on the stored fills is recomputed from the store, by code — never found again by its words — and
 * the notes about the key are kept as they are. The order is fixed (key notes, history limit,
 * unproven stretches, what was not counted, history gaps, the self-check), so the same store gives the same list
 * after a sync page, a streamed row or an import.
 */
import { noteFamily, type AccountNote, type NoteFamily, type NoteOf } from '../../src-shared/account-notes.ts';
import type { UnprovenSpan } from '../connectors/kit/connector.ts';
import { exchanges as appExchanges, type ExchangeRegistry } from '../connectors/registry.ts';
import type { AccountRecord, Store } from '../store/store.ts';
import { countingNotes } from './counting-notes.ts';
import { coverageNotes } from './coverage-note.ts';
import { historyGapNotes } from './history-gap-note.ts';
import { historyLimitedNote } from './history-limit-note.ts';

/** What only a finished sync pass knows: the connector's cumulative unproven stretches (undefined: it does not report them). */
export interface PassFacts {
  unproven?: UnprovenSpan[] | undefined;
  /** The self-check of the exchange's figures fetched by this pass (undefined: not run, the notes stay). */
  selfCheck?: NoteOf<'self_check'>[] | undefined;
}

/** Families in the order an account lists them. */
const ORDER: readonly NoteFamily[] = ['key', 'history_limited', 'history_unproven', 'counting', 'history_gap', 'self_check'];

/** `registry`: whose descriptors say what each exchange serves (default: the app's). */
export async function notesAfterWrite(
  store: Store,
  account: Pick<AccountRecord, 'id' | 'exchange' | 'warnings'>,
  pass?: PassFacts,
  registry: ExchangeRegistry = appExchanges,
): Promise<AccountNote[]> {
  const [state, counting, gaps] = await Promise.all([store.syncState.get(account.id), countingNotes(store, account.id), historyGapNotes(store, account, registry)]);
  const byFamily = new Map<NoteFamily, AccountNote[]>(ORDER.map((family) => [family, []]));
  for (const note of account.warnings) byFamily.get(noteFamily(note))?.push(note);
  const limitedBefore = state?.historyLimitedBefore ?? null;
  byFamily.set('history_limited', limitedBefore === null ? [] : [historyLimitedNote(account.exchange, limitedBefore, registry)]);
  if (pass?.unproven !== undefined) byFamily.set('history_unproven', coverageNotes(account.exchange, pass.unproven));
  if (pass?.selfCheck !== undefined) byFamily.set('self_check', pass.selfCheck);
  byFamily.set('counting', counting);
  byFamily.set('history_gap', gaps);
  return ORDER.flatMap((family) => byFamily.get(family) ?? []);
}

/** Whether two lists of notes say the same (whatever order their parameters' keys came in). */
export function sameNotes(a: readonly AccountNote[], b: readonly AccountNote[]): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
