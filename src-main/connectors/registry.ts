/**
 * The exchanges Perpvol reads, one descriptor per exchange folder: the only file outside the folders
 * that imports them, and what everything that differs by exchange asks. A fifth exchange is one
 * folder and one line below (docs/adding-an-exchange.md).
 */
import type { ExchangeInfo } from '../../src-shared/exchange-info.ts';
import { PerpvolError } from '../core/errors.ts';
import { EXCHANGE_IDS, type ExchangeId } from '../core/exchange.ts';
import { bybit } from './bybit/descriptor.ts';
import type { Connector, ConnectorContext } from './kit/connector.ts';
import { hyperliquid } from './hyperliquid/descriptor.ts';
import type { ExchangeDescriptor } from './kit/exchange-descriptor.ts';
import { paradex } from './paradex/descriptor.ts';
import type { FillStreamFactory, StreamContext } from './stream/fill-stream.ts';
import { checkStreamUrl } from './stream/stream-url.ts';
import { woox } from './woox/descriptor.ts';

export type { ExchangeDescriptor, FeeTierRule } from './kit/exchange-descriptor.ts';

// The order the app lists them in (the add-account form): the one that needs no key first.
const DESCRIPTORS: readonly ExchangeDescriptor[] = [hyperliquid, bybit, woox, paradex];

export class ExchangeRegistry {
  private readonly byId = new Map<string, ExchangeDescriptor>();

  constructor(descriptors: readonly ExchangeDescriptor[]) {
    for (const descriptor of descriptors) this.byId.set(descriptor.info.id, descriptor);
  }

  /** Every exchange, in the order the app lists them. */
  all(): ExchangeDescriptor[] {
    return [...this.byId.values()];
  }

  /** Their ids, in the same order: what the CLI's and the API's exchange arguments accept. */
  ids(): ExchangeId[] {
    return this.all().map((descriptor) => descriptor.info.id);
  }

  has(exchange: string): boolean {
    return this.byId.has(exchange);
  }

  /** The descriptor, or null for an id this registry does not hold (an account of a test's made-up exchange read by the app's). */
  find(exchange: string): ExchangeDescriptor | null {
    return this.byId.get(exchange) ?? null;
  }

  /** The exchange's name as users read it (its descriptor's label); the bare id for one this registry does not hold. */
  label(exchange: string): string {
    return this.byId.get(exchange)?.info.label ?? exchange;
  }

  get(exchange: ExchangeId): ExchangeDescriptor {
    const descriptor = this.byId.get(exchange);
    if (!descriptor) throw new PerpvolError('bad_input', 'exchange_not_supported', `Perpvol cannot read ${exchange} accounts yet.`);
    return descriptor;
  }

  /** The public parts, as GET /api/v1/exchanges serves them. */
  infos(): ExchangeInfo[] {
    return this.all().map((descriptor) => descriptor.info);
  }

  // Properties, not methods: handed on as they are (`createConnector: exchanges.createConnector`).
  readonly createConnector = (exchange: ExchangeId, context: ConnectorContext): Connector => this.get(exchange).connector(context);

  /** The account's private stream: the exchange's adapter, dialling the URL its descriptor documents (or the account's override). */
  readonly fillStreamFactory = (exchange: ExchangeId): FillStreamFactory => {
    const descriptor = this.get(exchange);
    return (context, signal) => descriptor.fillStream({ ...context, url: streamUrlOf(descriptor, context) }, signal);
  };
}

/**
 * docs/live-updates.md, "Stream URL": the account's override; else the stream host the exchange
 * documents beside a documented REST origin (mainnet and testnet differ in host, not only in
 * scheme); else the REST origin as ws(s):// on the documented path — a proxy or a simulator serves
 * both on one origin. WOO X's still holds APPLICATION_ID_PLACEHOLDER unless the override fills it.
 */
function streamUrlOf({ info, stream }: ExchangeDescriptor, { baseUrl, streamUrl }: StreamContext): string {
  if (streamUrl) return checkStreamUrl(streamUrl);
  const origin = new URL(baseUrl ?? info.origins.main).origin;
  const streamOrigin = stream.origins[origin] ?? origin.replace(/^http/, 'ws');
  return `${streamOrigin}${stream.path}`;
}

/** The app's exchanges. */
export const exchanges = new ExchangeRegistry(DESCRIPTORS);

// Every id core names has its descriptor (and no descriptor lacks an id), checked when the app starts.
for (const id of EXCHANGE_IDS) exchanges.get(id);
