/**
 * The few REST calls the demo makes, as any script would: JSON over HTTP with the bearer token
 * (docs/api.md). Errors carry the server's `{error:{code,message}}` so a failed demo says why.
 */
import type { Account, AddAccountInput, SyncStatus } from '../../../src-shared/schemas.ts';

export class DemoRestClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      let detail = text;
      try {
        const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
        if (parsed.error) detail = `${parsed.error.code}: ${parsed.error.message}`;
      } catch {
        // not JSON: keep the raw text
      }
      throw new Error(`${method} ${path} answered HTTP ${response.status} (${detail})`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  accounts(): Promise<Account[]> {
    return this.call<{ accounts: Account[] }>('GET', '/api/v1/accounts').then((answer) => answer.accounts);
  }

  addAccount(input: AddAccountInput): Promise<Account> {
    return this.call<Account>('POST', '/api/v1/accounts', input);
  }

  removeAccount(id: string): Promise<void> {
    return this.call<void>('DELETE', `/api/v1/accounts/${encodeURIComponent(id)}?purge=true`);
  }

  startSync(): Promise<{ started: string[] }> {
    return this.call('POST', '/api/v1/sync', {});
  }

  syncStatus(): Promise<SyncStatus[]> {
    return this.call<{ accounts: SyncStatus[] }>('GET', '/api/v1/sync').then((answer) => answer.accounts);
  }

  /** Starts a sync of every account and resolves when none is running any more. */
  async syncAndWait(signal: AbortSignal, pollMs = 250): Promise<SyncStatus[]> {
    await this.startSync();
    for (;;) {
      const statuses = await this.syncStatus();
      if (statuses.every((status) => status.state !== 'running')) return statuses;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      signal.throwIfAborted();
    }
  }
}
