/**
 * Picks the transport: inside the desktop app the preload has put `window.perpvol` there (IPC);
 * in a browser the dashboard talks HTTP + SSE to the server that served it.
 */
import type { PerpvolApi } from '../../../src-shared/contract.ts';
import type { ApiContextValue } from '../hooks/api-context.ts';
import { fillsToCsv } from '../lib/fills-csv.ts';
import { ApiError } from './api-client.ts';
import { createConnectionMonitor } from './connection-state.ts';
import { fillsCsvPath } from './http-routes.ts';
import { createHttpClient } from './http-transport.ts';
import { createIpcClient } from './ipc-transport.ts';

/** The desktop app builds CSV from pages of this size (the API's maximum). */
const CSV_PAGE_SIZE = 1000;

function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

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
      saveBlob(new Blob([fillsToCsv(fills)], { type: 'text/csv' }), 'perpvol-fills.csv');
    },
  };
}

export function connectHttp(options: { baseUrl: string; token: string; onUnauthorized: () => void; signOut: () => void }): ApiContextValue {
  const connection = createConnectionMonitor();
  const client = createHttpClient({ baseUrl: options.baseUrl, token: options.token, onUnauthorized: options.onUnauthorized, onStreamState: connection.report });
  return {
    client,
    transport: 'http',
    connection,
    signOut: options.signOut,
    async exportFillsCsv(filters) {
      const response = await fetch(new URL(fillsCsvPath(filters), options.baseUrl), { headers: { Authorization: `Bearer ${options.token}` } });
      if (!response.ok) throw new ApiError('export_failed', `The export failed (${response.status}). Try again.`, response.status);
      saveBlob(await response.blob(), 'perpvol-fills.csv');
    },
  };
}
