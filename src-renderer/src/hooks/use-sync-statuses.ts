/**
 * Every account's sync status, kept current by the live `sync` events (one per committed page), and
 * loaded again when accounts change or the connection comes back (events sent meanwhile are lost).
 */
import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../src-shared/schemas.ts';
import { useApi } from './api-context.ts';
import { useApiQuery } from './use-api-query.ts';

export function useSyncStatuses(): Map<string, SyncStatus> {
  const { client } = useApi();
  const loaded = useApiQuery(() => client.syncStatus({}), [], (event) => event.type === 'account');
  const [statuses, setStatuses] = useState<Map<string, SyncStatus>>(new Map());
  useEffect(() => {
    if (loaded.data) setStatuses(new Map(loaded.data.accounts.map((status) => [status.accountId, status])));
  }, [loaded.data]);
  useEffect(() => client.subscribe((event) => {
    if (event.type === 'sync') setStatuses((previous) => new Map(previous).set(event.status.accountId, event.status));
  }), [client]);
  return statuses;
}
