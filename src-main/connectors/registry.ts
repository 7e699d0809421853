import { PerpvolError } from '../core/errors.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { createBybitConnector } from './bybit/connector.ts';
import type { Connector, ConnectorContext, ConnectorFactory } from './connector.ts';
import { createHyperliquidConnector } from './hyperliquid/connector.ts';
import { createParadexConnector } from './paradex/connector.ts';
import { createWooxConnector } from './woox/connector.ts';

/**
 * Exchange id → connector factory. Each exchange folder registers itself here; nothing else in
 * Perpvol knows which exchanges exist beyond core/exchange.ts.
 */
const FACTORIES: Partial<Record<ExchangeId, ConnectorFactory>> = {
  hyperliquid: createHyperliquidConnector,
  bybit: createBybitConnector,
  woox: createWooxConnector,
  paradex: createParadexConnector,
};

export function createConnector(exchange: ExchangeId, context: ConnectorContext): Connector {
  const factory = FACTORIES[exchange];
  if (!factory) {
    throw new PerpvolError('bad_input', 'exchange_not_supported', `Perpvol cannot read ${exchange} accounts yet.`);
  }
  return factory(context);
}
