import type { Fill } from '../../core/fill.ts';
import type { UnclassifiedExecution } from '../../core/unclassified-execution.ts';
import type { NormalizedRow } from '../kit/normalized-row.ts';
import type { StreamAction } from './fill-stream.ts';

/**
 * Stream rows → one `fills` action through the REST connector's own normalize function, so a
 * streamed row is decided exactly as the same row in a REST page: a fill counts, an execution the
 * connector cannot classify is kept aside (stored as unclassified, shown in the account's warning),
 * a row that is not volume on purpose (funding, settlement, spot…) is left out. A row it cannot
 * read is not dropped silently: the rest of the frame still counts, and a `gap` sends the REST
 * walker, which reads the same execution and reports it the way a sync does.
 */
export function fillActions<R>(rows: readonly R[], normalize: (row: R) => NormalizedRow, exchangeLabel: string, snapshot = false): StreamAction[] {
  const fills: Fill[] = [];
  const unclassified: UnclassifiedExecution[] = [];
  let unreadable = 0;
  for (const row of rows) {
    try {
      const normalized = normalize(row);
      if ('fill' in normalized) fills.push(normalized.fill);
      else if ('unclassified' in normalized) unclassified.push(normalized.unclassified);
    } catch {
      unreadable++;
    }
  }
  const actions: StreamAction[] = [{ kind: 'fills', fills, unclassified, bustedTradeIds: [], snapshot }];
  if (unreadable > 0) actions.push({ kind: 'gap', reason: `${exchangeLabel} streamed ${unreadable} execution(s) Perpvol could not read` });
  return actions;
}
