/**
 * The exchanges as the server describes them (GET /api/v1/exchanges, a JSON round trip): what the
 * renderer's forms, notices, import offers, names and colours are built from.
 */
import type { ExchangeInfo } from '../../../src-shared/exchange-info.ts';
import { exchanges } from '../../../src-main/connectors/registry.ts';
import { exchangeCatalog } from '../../../src-renderer/src/lib/exchange-catalog.ts';

export const SERVED_EXCHANGES: ExchangeInfo[] = JSON.parse(JSON.stringify(exchanges.infos()));

/** Their names and colours, as the dashboard's provider gives them. */
export const SERVED_CATALOG = exchangeCatalog(SERVED_EXCHANGES);

export function served(exchange: string): ExchangeInfo {
  const info = SERVED_EXCHANGES.find((candidate) => candidate.id === exchange);
  if (!info) throw new Error(`no exchange ${exchange}`);
  return info;
}
