/**
 * What the store and the sync engine do with connector pages, reduced to what connector tests need:
 * keep each trade once (by tradeId), keep the cursor as it would be persisted (a JSON round trip),
 * resume from it after retryable errors, and add up UTC days for comparison with a simulator.
 */
import { PerpvolError } from '../../src-main/core/errors.ts';
import type { Fill } from '../../src-main/core/fill.ts';
import type { Connector, FillPage, SyncCursor } from '../../src-main/connectors/kit/connector.ts';
import type { SimTruthDay } from '../sim/simulator.ts';
import { totalsByDay } from '../support/daily-totals.ts';

export { sortedDays } from '../support/daily-totals.ts';

export class FillCollector {
  readonly byTradeId = new Map<string, Fill>();
  readonly pages: FillPage[] = [];
  /** Trade ids the exchange busted: their fills leave the kept ones, now or when they arrive. */
  readonly busted = new Set<string>();
  /** Executions kept aside, by id: raw type. */
  readonly unclassified = new Map<string, string>();
  /** Every fill the connector handed over, repeats included. */
  handedOver = 0;
  cursor: SyncCursor | null = null;
  /** How often runToEnd started again from the last committed cursor. */
  resumes = 0;

  /** Commits one page like the store would: busts first, fills kept once unless busted, then the cursor. */
  add(page: FillPage): void {
    this.pages.push(page);
    this.handedOver += page.fills.length;
    for (const id of page.bustedTradeIds ?? []) {
      this.busted.add(id);
      this.byTradeId.delete(id);
    }
    for (const fill of page.fills) if (!this.busted.has(fill.tradeId) && !this.byTradeId.has(fill.tradeId)) this.byTradeId.set(fill.tradeId, fill);
    for (const execution of page.unclassified ?? []) this.unclassified.set(execution.executionId, execution.rawType);
    this.cursor = JSON.parse(JSON.stringify(page.cursor)) as SyncCursor;
  }

  /** Pages that carried fills (not the busts a Paradex pass reads first). */
  get fillPages(): FillPage[] {
    return this.pages.filter((page) => page.bustedTradeIds === undefined);
  }

  /** Runs one pass from the current cursor (or stops after `maxPages`), committing every page. */
  async run(connector: Connector, now: number, maxPages = Infinity): Promise<void> {
    let taken = 0;
    for await (const page of connector.pages(this.cursor, { now, signal: AbortSignal.timeout(600_000) })) {
      this.add(page);
      if (++taken >= maxPages) return;
    }
  }

  /** One pass to the end, resuming from the last committed page after retryable errors. */
  async runToEnd(connector: Connector, now: number, maxResumes = 50): Promise<void> {
    for (;;) {
      try {
        await this.run(connector, now);
        return;
      } catch (error) {
        if (!(error instanceof PerpvolError) || !error.retryable || this.resumes >= maxResumes) throw error;
        this.resumes += 1;
      }
    }
  }

  /** Daily totals of the kept fills, optionally only those at or after `sinceMs`. */
  daily(sinceMs = -Infinity): Map<string, SimTruthDay> {
    return totalsByDay([...this.byTradeId.values()].filter((fill) => fill.ts >= sinceMs));
  }
}
