import { exchanges as appExchanges } from '../connectors/registry.ts';
import { PerpvolError } from '../core/errors.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { isInstrumentKind } from '../core/instrument.ts';
import type { FillPage } from '../connectors/kit/connector.ts';

/**
 * Last line of defence before a page is committed: connectors validate the exchange's answers,
 * but a page with an impossible fill (no id, a NaN amount, a time outside any sane range) would
 * corrupt rollups forever. Such a page is refused whole and the cursor stays where it was.
 */
const EARLIEST_PLAUSIBLE_MS = Date.UTC(2010, 0, 1);
const FUTURE_TOLERANCE_MS = 24 * 3_600_000;

export function checkPage(page: FillPage, exchange: ExchangeId, now: number): void {
  const problem = findProblem(page, exchange, now);
  if (problem) {
    throw new PerpvolError(
      'exchange_unavailable',
      'malformed_page',
      `${appExchanges.label(exchange)} sent a page of fills Perpvol cannot trust (${problem}). Nothing from it was stored; ` +
        'the next sync retries from the same place. If this keeps happening, report it with this message.',
      true,
    );
  }
}

function findProblem(page: FillPage, exchange: ExchangeId, now: number): string | null {
  if (!Array.isArray(page.fills)) return 'no list of fills';
  if (page.cursor === null || typeof page.cursor !== 'object') return 'no resume position';
  if (!Number.isFinite(page.progress)) return 'progress is not a number';
  for (const [index, fill] of page.fills.entries()) {
    const where = `fill ${index + 1}`;
    if (fill.exchange !== exchange) return `${where} belongs to ${String(fill.exchange)}`;
    if (typeof fill.tradeId !== 'string' || fill.tradeId === '') return `${where} has no trade id`;
    if (!Number.isSafeInteger(fill.notionalMicros) || fill.notionalMicros < 0) return `${where} has an invalid notional`;
    if (fill.feeMicros !== null && !Number.isSafeInteger(fill.feeMicros)) return `${where} has an invalid fee`;
    if (!isInstrumentKind(fill.kind)) return `${where} has an unknown instrument kind`;
    if (typeof fill.underlying !== 'string' || fill.underlying === '') return `${where} has no underlying asset`;
    if (!Number.isSafeInteger(fill.ts) || fill.ts < EARLIEST_PLAUSIBLE_MS || fill.ts > now + FUTURE_TOLERANCE_MS) {
      return `${where} has an impossible time`;
    }
    if (fill.side !== 'buy' && fill.side !== 'sell') return `${where} has an unknown side`;
    if (fill.liquidity !== null && fill.liquidity !== 'maker' && fill.liquidity !== 'taker') return `${where} has an unknown liquidity`;
  }
  for (const [index, execution] of (page.unclassified ?? []).entries()) {
    const where = `unclassified execution ${index + 1}`;
    if (execution.exchange !== exchange) return `${where} belongs to ${String(execution.exchange)}`;
    if (typeof execution.executionId !== 'string' || execution.executionId === '') return `${where} has no execution id`;
    if (!Number.isSafeInteger(execution.ts)) return `${where} has an impossible time`;
  }
  if ((page.bustedTradeIds ?? []).some((id) => typeof id !== 'string' || id === '')) return 'a busted trade id is empty';
  for (const market of page.reclassified ?? []) {
    if (typeof market.symbol !== 'string' || market.symbol === '') return 'a re-classified market has no symbol';
    if (!isInstrumentKind(market.kind) || typeof market.underlying !== 'string' || market.underlying === '') return `market ${market.symbol} is re-classified as nothing Perpvol counts`;
  }
  for (const gap of page.historyGaps ?? []) {
    if (!Number.isSafeInteger(gap.from) || !Number.isSafeInteger(gap.to) || gap.from > gap.to) return 'a history gap has impossible times';
  }
  return null;
}
