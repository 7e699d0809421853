/** The Hyperliquid connector: reads an address's perp fills through the public info endpoint. */
import type { Connector, ConnectorContext } from '../kit/connector.ts';
import { checkHyperliquidAddress, parseAddress } from './address.ts';
import { HyperliquidInfoClient, type HyperliquidClientOptions } from './client.ts';
import { hyperliquidPages } from './pages.ts';
import { fetchHyperliquidFeeTiers, fetchReportedVolume } from './reported-volume.ts';

export function createHyperliquidConnector(context: ConnectorContext, options: HyperliquidClientOptions = {}): Connector {
  let client: HyperliquidInfoClient | undefined;
  // Checked on use, so a bad address surfaces as a bad_input error of the call that needed it.
  const connect = () => ({ address: parseAddress(context.credentials), client: (client ??= new HyperliquidInfoClient(context.baseUrl, options)) });
  return {
    exchange: 'hyperliquid',
    async *pages(cursor, pageOptions) {
      const { client, address } = connect();
      yield* hyperliquidPages(client, address, cursor, pageOptions);
    },
    checkCredential: async (signal) => {
      const { client, address } = connect();
      return checkHyperliquidAddress(client, address, signal);
    },
    reportedVolume: async (signal) => {
      const { client, address } = connect();
      return fetchReportedVolume(client, address, signal, Date.now());
    },
    feeTierFacts: async (signal, now) => {
      const { client, address } = connect();
      return fetchHyperliquidFeeTiers(client, address, signal, now);
    },
  };
}
