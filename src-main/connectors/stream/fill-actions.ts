import type { Fill } from '../../core/fill.ts';
import type { StreamAction } from './fill-stream.ts';

/**
 * Stream rows → one `fills` action through the REST connector's own normalize function (same
 * rules: only what the connector counts as volume becomes a Fill). A row it cannot read is not
 * dropped silently: the rest of the frame still counts, and a `gap` sends the REST walker, which
 * reads the same execution and reports it the way a sync does.
 */
export function fillActions<R>(rows: readonly R[], normalize: (row: R) => Fill | null, exchangeLabel: string, snapshot = false): StreamAction[] {
  const fills: Fill[] = [];
  let unreadable = 0;
  for (const row of rows) {
    try {
      const fill = normalize(row);
      if (fill) fills.push(fill);
    } catch {
      unreadable++;
    }
  }
  const actions: StreamAction[] = [{ kind: 'fills', fills, unclassified: [], snapshot }];
  if (unreadable > 0) actions.push({ kind: 'gap', reason: `${exchangeLabel} streamed ${unreadable} execution(s) Perpvol could not read` });
  return actions;
}
