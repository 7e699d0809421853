/**
 * The Hyperliquid connector: reads an address's perp fills through the public info endpoint.
 */
import type { Connector, ConnectorContext, CredentialCheck, FeeTierFacts, FillPage, PageOptions, ReportedVolume, SyncCursor } from '../kit/connector.ts';
import { parseAddress } from './address.ts';
import { HyperliquidInfoClient, type HyperliquidClientOptions } from './client.ts';
import { checkHyperliquidAddress } from './credential.ts';
import { fetchHyperliquidFeeTiers } from './fee-tiers.ts';
import { hyperliquidPages } from './pages.ts';
import { fetchReportedVolume } from './reported-volume.ts';

export type HyperliquidConnectorOptions = HyperliquidClientOptions;

export function createHyperliquidConnector(context: ConnectorContext, options: HyperliquidConnectorOptions = {}): Connector {
  let client: HyperliquidInfoClient | undefined;
  const connect = (): { client: HyperliquidInfoClient; address: string } => {
    // Checked on use, so a bad address surfaces as a bad_input error of the call that needed it.
    const address = parseAddress(context.credentials);
    client ??= new HyperliquidInfoClient(context.baseUrl, options);
    return { client, address };
  };

  return {
    exchange: 'hyperliquid',

    async *pages(cursor: SyncCursor | null, pageOptions: PageOptions): AsyncIterable<FillPage> {
      const { client, address } = connect();
      yield* hyperliquidPages(client, address, cursor, pageOptions);
    },

    async checkCredential(signal: AbortSignal): Promise<CredentialCheck> {
      const { client, address } = connect();
      return checkHyperliquidAddress(client, address, signal);
    },

    async reportedVolume(signal: AbortSignal): Promise<ReportedVolume | null> {
      const { client, address } = connect();
      return fetchReportedVolume(client, address, signal, Date.now());
    },

    async feeTierFacts(signal: AbortSignal, now: number): Promise<FeeTierFacts> {
      const { client, address } = connect();
      return fetchHyperliquidFeeTiers(client, address, signal, now);
    },
  };
}
