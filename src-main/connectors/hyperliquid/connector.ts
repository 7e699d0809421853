/** The Hyperliquid connector: reads an address's perp fills through the public info endpoint. */
import type { Connector, ConnectorContext } from '../kit/connector.ts';
import { checkHyperliquidAddress, parseAddress } from './address.ts';
import { HyperliquidInfoClient, type HyperliquidClientOptions } from './client.ts';
import { hyperliquidPages } from './pages.ts';
import { fetchHyperliquidFeeTiers, fetchReportedVolume } from './reported-volume.ts';

export function createHyperliquidConnector(context: ConnectorContext, options: HyperliquidClientOptions = {}): Connector {
  let client: HyperliquidInfoClient | undefined;
  // Checked on use, so a bad address surfaces as a bad_input error of the call that needed it.
  const connect = () => {
    const address = parseAddress(context.credentials);
    return [(client ??= new HyperliquidInfoClient(context.baseUrl, options)), address] as const;
  };
  return {
    exchange: 'hyperliquid',
    async *pages(cursor, pageOptions) {
      yield* hyperliquidPages(...connect(), cursor, pageOptions);
    },
    checkCredential: async (signal) => checkHyperliquidAddress(...connect(), signal),
    reportedVolume: async (signal) => fetchReportedVolume(...connect(), signal, Date.now()),
    feeTierFacts: async (signal, now) => fetchHyperliquidFeeTiers(...connect(), signal, now),
  };
}
