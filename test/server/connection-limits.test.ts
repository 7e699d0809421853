/**
 * A flood of idle connections cannot starve real clients: the server keeps a bounded number of
 * connections (below its file-descriptor limit), makes room by closing the connection idle longest,
 * and never cuts an open event stream or a request in progress.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { Agent, request } from 'undici';
import { buildServerApp } from '../../src-main/server/app.ts';
import { FakeApi } from './fake-api.ts';
import { eventually, TEST_MASTER_KEY, TEST_TOKEN } from './harness.ts';
import { openEventStream } from './sse-client.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** Opens `count` TCP connections that never send a byte, a few at a time; counts those the server closes. */
async function idleFlood(port: number, count: number): Promise<{ sockets: Socket[]; closedByServer: () => number }> {
  const sockets: Socket[] = [];
  let closed = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.on('error', () => {}); // a reset from the server is what we are counting
      socket.once('close', () => (closed += 1));
      socket.once('connect', () => resolve());
      socket.once('close', () => resolve());
      sockets.push(socket);
    });
  for (let i = 0; i < count; i += 50) await Promise.all(Array.from({ length: Math.min(50, count - i) }, open));
  return { sockets, closedByServer: () => closed };
}

/** One request on a fresh connection; fails instead of hanging if the server never answers. */
async function freshGet(url: string, path: string, token: string | null): Promise<number> {
  const agent = new Agent({ connectTimeout: 20_000, headersTimeout: 20_000, bodyTimeout: 20_000 });
  try {
    const answer = await request(`${url}${path}`, { dispatcher: agent, headers: token ? { authorization: `Bearer ${token}` } : {} });
    await answer.body.text();
    return answer.statusCode;
  } finally {
    await agent.close();
  }
}

describe('a flood of idle connections against the app', () => {
  let app: FastifyInstance;
  let url: string;
  const LIMIT = 40;

  before(async () => {
    app = await buildServerApp(new FakeApi(), { token: TEST_TOKEN, staticDir: null, maxConnections: LIMIT, heartbeatMs: 20 });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(() => app.close());

  test('a real request still answers, the idle sockets beyond the limit are closed, and an open event stream is never cut', async () => {
    const stream = await openEventStream(url, TEST_TOKEN);
    assert.equal(stream.status, 200);
    const flood = await idleFlood(Number(new URL(url).port), 10 * LIMIT);
    try {
      await eventually(async () => (flood.closedByServer() >= 9 * LIMIT ? true : undefined), 'the server closing idle sockets beyond its limit');
      assert.equal(await freshGet(url, '/api/v1/volume/summary', TEST_TOKEN), 200);
      assert.equal(await freshGet(url, '/api/v1/health', null), 200);
      const heartbeats = stream.comments.length;
      await eventually(async () => (stream.comments.length > heartbeats ? true : undefined), 'a heartbeat on the event stream after the flood');
    } finally {
      stream.close();
      for (const socket of flood.sockets) socket.destroy();
    }
  });
});

describe('a flood of idle connections against `perpvol serve` with 512 file descriptors', { skip: process.platform !== 'linux' && 'prlimit is Linux' }, () => {
  let child: ChildProcess;
  let url: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'perpvol-flood-'));

  before(async () => {
    // The flood is bigger than the process's descriptor limit: before the limits, accept() failed
    // with EMFILE and every client was refused until the idle sockets went away.
    child = spawn('prlimit', ['--nofile=512:512', process.execPath, '--import', 'tsx', 'src-main/cli/main.ts', 'serve', '--port', '0', '--data-dir', dataDir], {
      cwd: REPO,
      env: { ...process.env, PERPVOL_API_TOKEN: TEST_TOKEN, PERPVOL_MASTER_KEY: TEST_MASTER_KEY, PERPVOL_DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /^listening on (http:\/\/\S+)$/m.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${stderr}`)));
    });
  });
  after(async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('3,000 idle connections leave the API answering real requests', async () => {
    const flood = await idleFlood(Number(new URL(url).port), 3_000);
    try {
      assert.equal(await freshGet(url, '/api/v1/volume/summary', TEST_TOKEN), 200);
      assert.equal(await freshGet(url, '/api/v1/accounts', TEST_TOKEN), 200);
      assert.ok(flood.closedByServer() >= 3_000 - 512, `the server closed ${flood.closedByServer()} idle sockets`);
    } finally {
      for (const socket of flood.sockets) socket.destroy();
    }
  });
});
