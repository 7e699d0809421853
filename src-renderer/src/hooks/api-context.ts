/** The ApiClient for the whole tree, plus what differs by transport (how CSV export is offered). */
import { createContext, useContext } from 'react';
import type { DailyQuery } from '../../../src-shared/schemas.ts';
import type { ApiClient, TransportKind } from '../api/api-client.ts';
import type { ConnectionMonitor } from '../api/connection-state.ts';

export interface ApiContextValue {
  client: ApiClient;
  transport: TransportKind;
  /** Downloads the fills matching these filters as CSV. */
  exportFillsCsv(filters: { accountId?: string; from?: string; to?: string; kinds?: string }): Promise<void>;
  /** Downloads the daily volume of this query as CSV (the server's /export/daily.csv, or the same file built here). */
  exportDailyCsv(query: DailyQuery): Promise<void>;
  /** HTTP only: whether the server can be reached (IPC talks to its own process and cannot lose it). */
  connection?: ConnectionMonitor;
  /** Forget the token and ask again (HTTP only). */
  signOut?: () => void;
}

export const ApiContext = createContext<ApiContextValue | null>(null);

export function useApi(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useApi outside <ApiContext.Provider>');
  return value;
}
