import type { ExchangeId } from './exchange.ts';

/**
 * An execution a connector could not decide about: an execution type or a market its rules do not
 * know (a new Bybit execType, a Paradex market kind that did not exist when this version shipped).
 * Counting it could inflate the trader's number and dropping it would hide it, so it is kept aside,
 * never in volume, and the account shows a warning with the count per type until a Perpvol that
 * knows it classifies it (the store then moves it out of this bucket).
 */
export interface UnclassifiedExecution {
  exchange: ExchangeId;
  /** The exchange's execution id; (accountId, executionId) is unique in the store. */
  executionId: string;
  /** What the exchange called it: Bybit execType, Paradex fill_type, or the market kind. */
  rawType: string;
  /** The market, as the exchange names it. */
  symbol: string;
  /** Execution time, ms since epoch, UTC. */
  ts: number;
}
