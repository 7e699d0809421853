/**
 * A real headless server for tests: startServer on 127.0.0.1 port 0 over a fresh data dir (SQLite,
 * or Postgres when a URL is given), plus a small HTTP client that speaks to it with the token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as undiciRequest } from 'undici';
import { startServer, type RunningServer, type StartServerOptions } from '../../src-main/server/start.ts';

export const TEST_TOKEN = 'test-token-0123456789abcdef-0123456789';
export const TEST_MASTER_KEY = 'test-master-key-for-server-tests-0123456789';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any;
}

export interface TestServer {
  url: string;
  dataDir: string;
  server: RunningServer;
  call(method: string, path: string, options?: { body?: unknown; rawBody?: string | Buffer; token?: string | null; headers?: Record<string, string> }): Promise<HttpAnswer>;
  close(): Promise<void>;
}

export async function httpCall(
  url: string,
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string | Buffer; token?: string | null; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  const token = options.token === undefined ? TEST_TOKEN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | Buffer | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const answer = await undiciRequest(`${url}${path}`, { method: method as 'GET', headers, body });
  const text = await answer.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: answer.statusCode, headers: answer.headers, text, json };
}

export async function startTestServer(options: Partial<StartServerOptions> = {}): Promise<TestServer> {
  process.env.PERPVOL_MASTER_KEY ??= TEST_MASTER_KEY;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'perpvol-server-'));
  const lines: string[] = [];
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    apiToken: TEST_TOKEN,
    staticDir: null,
    schedule: false,
    databaseUrl: null,
    log: (line) => lines.push(line),
    ...options,
    dataDir,
  });
  return {
    url: server.url,
    dataDir,
    server,
    call: (method, path, callOptions) => httpCall(server.url, method, path, callOptions),
    close: async () => {
      await server.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (not undefined), e.g. a sync reaching `done`. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, attempts = 600, intervalMs = 50): Promise<T> {
  for (let i = 0; i < attempts; i += 1) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`gave up waiting for ${what}`);
}
