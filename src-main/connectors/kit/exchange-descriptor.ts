/**
 * An exchange, as the rest of Perpvol knows it: a descriptor (data — what the forms, the CLI, the
 * REST validation, the warnings and the tiers follow from) plus its adapter's entry points (the
 * REST connector, the private stream, the CSV parser). Each exchange folder exports one; registry.ts
 * lists them. Each writes it with defineExchange, which derives what the public part repeats of the
 * rest. docs/adding-an-exchange.md walks through writing one.
 */
import type { ExchangeInfo } from '../../../src-shared/exchange-info.ts';
import type { ExchangeId } from '../../core/exchange.ts';
import type { InstrumentKind, MarketClass } from '../../core/instrument.ts';
import type { ConnectorFactory } from './connector.ts';
import type { CsvFormat } from './csv-format.ts';
import { historyInfo, type HistoryRule } from './history-rule.ts';
import type { SelfCheck } from './self-check.ts';
import type { StreamAdapter } from '../stream/fill-stream.ts';

export interface FeeTierRule {
  windowDays: number;
  /**
   * The instrument kinds of our own fills summed over the window: what the exchange's ladder counts
   * of what Perpvol stores (never spot or options, which Perpvol does not store).
   */
  kinds: readonly InstrumentKind[];
  /** What the exchange counts and how Perpvol's own figure compares, for a person. */
  counts: string;
  docsUrl: string;
  /**
   * The exchange's tier ladder as Perpvol ships it (service/tiers/shipped-tier-tables.ts) where its
   * API gives none, from its fee page on `asOf`; the user's tier-tables.json overrides it.
   */
  table?: { asOf: string; source: string; note?: string; tiers: { name: string; volumeUsd: number; makerRate: number | null; takerRate: number | null }[] };
}

export interface StreamPlace {
  /** The documented private-stream path on a stream host (WOO X's holds `{application_id}`). */
  path: string;
  /** Documented stream origins for documented REST origins (none = the REST origin, ws for http). */
  origins: Readonly<Record<string, string>>;
}

/** A credential that expires on a known date (a Paradex read-only token): what it is called and how to make the next one. */
export interface CredentialRenewal {
  /** What the credential is called, e.g. 'read-only token'. */
  name: string;
  /** How to make the next one and put it in, as a sentence (the exchange's menus, Perpvol's own). */
  how: string;
}

export interface ExchangeDescriptor {
  /** The public part, served to the renderer as is (src-shared/exchange-info.ts). */
  info: ExchangeInfo & { id: ExchangeId };
  /** For a 400: what the credentials must be, e.g. 'Bybit needs {"apiKey", "apiSecret"} of a read-only API key'. */
  credentialHint: string;
  /**
   * Whether the credential holds a secret (kept in the secret store). Without one (Hyperliquid's
   * address) the credential is public: it is kept as the account's identity.
   */
  needsSecret: boolean;
  /** The credential's public identity for duplicate detection (addresses, canonical); null when the exchange tells it at the key check. */
  publicIdentity?(credentials: Record<string, string>): string | null;
  /** How far back its API serves fills and where its export is (info.history is made from it: historyInfo). */
  history: HistoryRule;
  /**
   * For a credential whose expiry the key check finds (credential-expiry.ts): how the account's
   * expiry note names it and tells to renew it. Absent: 'API key', and a plain "create a new key".
   */
  credentialRenewal?: CredentialRenewal;
  /**
   * How the exchange's own figures (the connector's `reportedVolume`) compare with ours: the sync
   * engine checks them after every pass (kit/self-check.ts). Absent: the exchange reports none.
   */
  selfCheck?: SelfCheck;
  feeTier: FeeTierRule;
  stream: StreamPlace;
  /** What a symbol of this exchange is by its name alone (the instrument list corrects it where it says otherwise). */
  classifySymbol(symbol: string): MarketClass;
  /** The REST adapter, the private stream and the CSV export reader. */
  connector: ConnectorFactory;
  fillStream: StreamAdapter;
  csv: CsvFormat | null;
  /** Why the exchange's CSV export is not read, when csv is null (for the refusal). */
  csvRefusal?: string;
}

/**
 * A descriptor as an exchange folder writes it: the public part's history notice, fee-tier window
 * and CSV offer, and whether the credential is a secret, follow from the rules beside them.
 */
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
    // A credential without a secret field (Hyperliquid's address) is public: kept as the account's identity.
    needsSecret: spec.info.credentials.some((variant) => variant.fields.some((field) => field.secret)),
  };
}
