/**
 * Loads data through the ApiClient and reloads it when a live event says it changed. Events that
 * arrive while a load is running coalesce into one more load, so a burst of synced pages costs a
 * couple of requests, not one per page.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiEvent } from '../../../src-shared/events.ts';
import { toApiError, type ApiError } from '../api/api-client.ts';
import { useApi } from './api-context.ts';

export interface QueryState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

export function useApiQuery<T>(
  load: () => Promise<T>,
  deps: unknown[],
  refreshOn: (event: ApiEvent) => boolean = () => false,
): QueryState<T> {
  const { client, connection } = useApi();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const inFlight = useRef(false);
  const again = useRef(false);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const refreshRef = useRef(refreshOn);
  refreshRef.current = refreshOn;

  const run = useCallback(async () => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    const mine = generation.current;
    do {
      again.current = false;
      setLoading(true);
      try {
        const value = await loadRef.current();
        if (mine === generation.current) {
          setData(value);
          setError(null);
        }
      } catch (reason) {
        if (mine === generation.current) setError(toApiError(reason));
      }
    } while (again.current && mine === generation.current);
    inFlight.current = false;
    if (mine === generation.current) setLoading(false);
    else void run();
  }, []);

  useEffect(() => {
    generation.current++;
    void run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(() => client.subscribe((event) => {
    if (refreshRef.current(event)) void run();
  }), [client, run]);

  // Events sent while the server was unreachable are lost: load again once it is back.
  useEffect(() => connection?.onReconnect(() => void run()), [connection, run]);

  return { data, error, loading, reload: () => void run() };
}

/** Events after which volume numbers may have changed. */
export const isVolumeChange = (event: ApiEvent): boolean =>
  event.type === 'volume' || event.type === 'account';
