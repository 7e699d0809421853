import { PerpvolError } from '../../core/errors.ts';
import type { ExchangeId } from '../../core/exchange.ts';
import { createBybitFillStream } from '../bybit/fill-stream.ts';
import { createHyperliquidFillStream } from '../hyperliquid/fill-stream.ts';
import { createParadexFillStream } from '../paradex/fill-stream.ts';
import { createWooxFillStream } from '../woox/fill-stream.ts';
import type { FillStreamFactory } from './fill-stream.ts';

/** Exchange id → its private fill stream; beside connectors/registry.ts, which does the same for REST. */
const STREAMS: Readonly<Record<ExchangeId, FillStreamFactory>> = {
  bybit: createBybitFillStream,
  woox: createWooxFillStream,
  hyperliquid: createHyperliquidFillStream,
  paradex: createParadexFillStream,
};

export function fillStreamFactory(exchange: ExchangeId): FillStreamFactory {
  const factory = STREAMS[exchange];
  if (!factory) throw new PerpvolError('bad_input', 'exchange_not_supported', `Perpvol has no live stream for ${exchange}.`);
  return factory;
}
