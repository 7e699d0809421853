/**
 * Picks the transport: inside the desktop app the preload has put `window.perpvol` there (IPC);
 * in a browser the dashboard talks HTTP + SSE to the server that served it.
 */
import type { PerpvolApi } from '../../../src-shared/contract.ts';
import type { ApiContextValue } from '../hooks/api-context.ts';
import { dailyCsv, dailyCsvFileName, fillsCsv } from '../lib/csv-files.ts';
import { saveBlob } from '../lib/save-blob.ts';
import { ApiError } from './api-client.ts';
import { createConnectionMonitor } from './connection-state.ts';
import { dailyCsvPath, fillsCsvPath } from './http-routes.ts';
import { createHttpClient } from './http-transport.ts';
import { createIpcClient } from './ipc-transport.ts';

/** The desktop app builds CSV from pages of this size (the API's maximum). */
const CSV_PAGE_SIZE = 1000;


export function connectIpc(bridge: PerpvolApi): ApiContextValue {
  const client = createIpcClient(bridge);
  return {
    client,
    transport: 'ipc',
    async exportFillsCsv(filters) {
      const fills = [];
      let cursor: string | undefined;
      do {
        const page = await client.listFills({ ...filters, limit: CSV_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
        fills.push(...page.fills);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      saveBlob(new Blob([fillsCsv(fills)], { type: 'text/csv' }), 'perpvol-fills.csv');
    },
    async exportDailyCsv(query) {
      const daily = await client.dailyVolume(query);
      saveBlob(new Blob([dailyCsv(daily, query.groupBy !== undefined)], { type: 'text/csv' }), dailyCsvFileName(daily));
    },
  };
}

export function connectHttp(options: { baseUrl: string; token: string; onUnauthorized: () => void; signOut: () => void }): ApiContextValue {
  const connection = createConnectionMonitor();
  /** The server's CSV file; a refusal (a bad range, a lost token) comes back as its own error for a person. */
  const download = async (path: string): Promise<Blob> => {
    const response = await fetch(new URL(path, options.baseUrl), { headers: { Authorization: `Bearer ${options.token}` } });
    if (response.ok) return response.blob();
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    if (body?.error?.code && body.error.message) throw new ApiError(body.error.code, body.error.message, response.status);
    throw new ApiError('export_failed', `The export failed (HTTP ${response.status}). Try again.`, response.status);
  };
  const client = createHttpClient({ baseUrl: options.baseUrl, token: options.token, onUnauthorized: options.onUnauthorized, onStreamState: connection.report });
  return {
    client,
    transport: 'http',
    connection,
    signOut: options.signOut,
    async exportFillsCsv(filters) {
      saveBlob(await download(fillsCsvPath(filters)), 'perpvol-fills.csv');
    },
    async exportDailyCsv(query) {
      saveBlob(await download(dailyCsvPath(query)), dailyCsvFileName(query));
    },
  };
}
