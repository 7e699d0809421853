/**
 * An exchange, as the rest of Perpvol knows it: a descriptor (data) plus its adapter's entry points.
 * Each exchange folder writes one with defineExchange and registry.ts lists them; every field, and
 * who reads it: docs/adding-an-exchange.md, "1. The descriptor (<id>/descriptor.ts)".
 */
import type { HistoryLimit } from '../../../src-shared/account-notes.ts';
import type { ExchangeInfo } from '../../../src-shared/exchange-info.ts';
import type { ExchangeId } from '../../core/exchange.ts';
import type { InstrumentKind, MarketClass } from '../../core/instrument.ts';
import type { Connector, ConnectorContext } from './connector.ts';
import type { CsvFormat } from './csv-format.ts';
import type { StreamAdapter } from '../stream/fill-stream.ts';

export interface FeeTierRule {
  windowDays: number;
  /** What the exchange's ladder counts of what Perpvol stores (never spot or options, which Perpvol does not store). */
  kinds: readonly InstrumentKind[];
  counts: string;
  docsUrl: string;
  /** The ladder Perpvol ships (service/tiers/shipped-tier-tables.ts) where the API gives none, from its fee page on `asOf`; the user's tier-tables.json overrides it. */
  table?: { asOf: string; source: string; note?: string; tiers: { name: string; volumeUsd: number; makerRate: number | null; takerRate: number | null }[] };
}

/**
 * How far back the exchange's API serves an account's fills (null: the whole history), and where its
 * own trade-history export is in its menus (null: the history-gap note names none).
 */
export interface HistoryRule {
  limit: Exclude<HistoryLimit, { kind: 'unknown' }> | null;
  exportPath: string | null;
}

/**
 * How the exchange's own figures (the connector's `reportedVolume`) compare with ours, checked by the
 * sync engine after every pass; every field: docs/adding-an-exchange.md, "Self-check".
 */
export interface SelfCheckFigure {
  figure: 'daily' | 'all_time' | 'window';
  /**
   * 'equal': a shortfall of ours is unexplained too (unless the account's history is limited or has
   * gaps: the notes already say so); 'covers_ours': the figure also counts what Perpvol does not.
   */
  expect: 'equal' | 'covers_ours';
}

export interface SelfCheck {
  figures: readonly SelfCheckFigure[];
  kinds: readonly InstrumentKind[];
  toleranceMicros: bigint;
  /** Days before the reported day the exchange's window may end on. Default [0]. */
  windowEnds?: readonly number[];
  /** The latest days the exchange may still be adding up: not checked, never counted against it. Default 1. */
  settlingDays?: number;
}

/** A credential that expires on a known date (a Paradex read-only token): what it is called and how to make the next one. */
export interface CredentialRenewal {
  name: string;
  how: string;
}

export interface ExchangeDescriptor {
  info: ExchangeInfo & { id: ExchangeId };
  credentialHint: string;
  /** Without a secret field (Hyperliquid's address) the credential is public: it is kept as the account's identity. */
  needsSecret: boolean;
  /** Null when the exchange tells the identity only at the key check. */
  publicIdentity?(credentials: Record<string, string>): string | null;
  history: HistoryRule;
  credentialRenewal?: CredentialRenewal;
  /** Absent: the exchange reports no figures of its own. */
  selfCheck?: SelfCheck;
  feeTier: FeeTierRule;
  /** The documented stream path (WOO X's holds `{application_id}`), and the stream origin of each documented REST origin. */
  stream: { path: string; origins: Readonly<Record<string, string>> };
  classifySymbol(symbol: string): MarketClass;
  connector: (context: ConnectorContext) => Connector;
  fillStream: StreamAdapter;
  csv: CsvFormat | null;
  /** Why the exchange's CSV export is not read, when csv is null (for the refusal). */
  csvRefusal?: string;
}

/** A descriptor as an exchange folder writes it: what the public part repeats of the rest is derived. */
export type ExchangeSpec = Omit<ExchangeDescriptor, 'info' | 'needsSecret' | 'csv'> & {
  info: Omit<ExchangeDescriptor['info'], 'history' | 'csvImport' | 'feeTierWindowDays'>;
  /** `timeZoneHelp`: where the export's times take their zone from (whether to set an offset). */
  csv: (CsvFormat & { timeZoneHelp: string }) | null;
};

export function defineExchange(spec: ExchangeSpec): ExchangeDescriptor {
  const { colors, ...named } = spec.info;
  const csvImport = spec.csv && { format: spec.csv.format, guidance: spec.csv.guidance, timeZoneHelp: spec.csv.timeZoneHelp };
  return {
    ...spec,
    info: { ...named, history: historyInfo(spec.history), csvImport, feeTierWindowDays: spec.feeTier.windowDays, colors },
    needsSecret: spec.info.credentials.some((variant) => variant.fields.some((field) => field.secret)),
  };
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** The add-account form's notice for a rule: "only serves your 10,000 most recent fills". */
function historyInfo(rule: HistoryRule): ExchangeInfo['history'] {
  const limit = rule.limit;
  if (limit === null) return { limit: null, notice: null };
  if (limit.kind === 'recent_fills') return { limit: 'count', notice: `only serves your ${limit.fills.toLocaleString('en-US')} most recent fills` };
  const years = limit.years === 1 ? 'year' : `${NUMBER_WORDS[limit.years] ?? limit.years} years`;
  return { limit: 'time', notice: `only serves the last ${years} of fills` };
}

/**
 * Why fills drop out of reach between two syncs, as the history-gap note says it: only a count cap
 * pushes synced-around fills out (a time horizon moves past fills already stored).
 */
export function gapCause(rule: HistoryRule | null): HistoryLimit {
  return rule?.limit?.kind === 'recent_fills' ? rule.limit : { kind: 'unknown' };
}

/**
 * Whether ours beside theirs is more than the rule explains. `ours.settled` is ours over the days the
 * exchange has certainly added up (its figure may lag the last fills), `ours.all` ours over all of
 * the figure's days: the figure must hold at least the first, and under 'equal' reach the second.
 */
export function unexplained(
  rule: SelfCheckFigure,
  toleranceMicros: bigint,
  theirsMicros: bigint,
  ours: { settled: bigint; all: bigint },
  historyIncomplete: boolean,
): boolean {
  if (ours.settled - theirsMicros >= toleranceMicros) return true;
  if (rule.expect === 'covers_ours' || historyIncomplete) return false;
  return theirsMicros - ours.all >= toleranceMicros;
}
