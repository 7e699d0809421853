import type { NoteOf } from '../../src-shared/account-notes.ts';
import type { UnprovenSpan } from '../connectors/kit/connector.ts';
import type { ExchangeId } from '../core/exchange.ts';

/**
 * The notes an account carries for stretches of its history a sync could not prove complete
 * (FillPage.unproven). The connector's list is cumulative, so each pass replaces them all; the
 * same span reported twice is one note.
 */
export function coverageNotes(exchange: ExchangeId, spans: readonly UnprovenSpan[]): NoteOf<'history_unproven'>[] {
  const seen = new Set<string>();
  const notes: NoteOf<'history_unproven'>[] = [];
  for (const span of spans) {
    const note: NoteOf<'history_unproven'> = {
      code: 'history_unproven',
      params: { exchange, from: new Date(span.from).toISOString(), to: new Date(span.to).toISOString(), detail: span.detail },
    };
    const key = JSON.stringify(note.params);
    if (seen.has(key)) continue;
    seen.add(key);
    notes.push(note);
  }
  return notes;
}
