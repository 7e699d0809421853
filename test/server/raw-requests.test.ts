/**
 * Requests no HTTP library would send, written on a socket as is: every answer the server writes
 * itself — Node's own 400 and 431 included — has the `{"error":{"code","message"}}` shape, none of
 * them is a 500 (or logs one) before authentication, and Host tricks (two Host headers, an absolute
 * URL naming another host) are refused before auth.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildServerApp } from '../../src-main/server/app.ts';
import { FakeApi } from './fake-api.ts';
import { TEST_TOKEN } from './harness.ts';

interface RawAnswer {
  status: number;
  head: string;
  body: string;
  json: any;
}

/** Writes `request` on a fresh connection and reads until the server closes it (or ~the answer is whole). */
function rawRequest(port: number, request: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(request));
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    socket.on('close', () => {
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      const body = split < 0 ? '' : text.slice(split + 4);
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), head, body, json });
    });
  });
}

function assertErrorShape(answer: RawAnswer, status: number, code?: string): void {
  assert.equal(answer.status, status, `${answer.head}\n\n${answer.body}`);
  assert.match(answer.head, /content-type: application\/json/i, answer.head);
  assert.deepEqual(Object.keys(answer.json ?? {}), ['error'], answer.body);
  assert.equal(typeof answer.json.error.code, 'string');
  assert.equal(typeof answer.json.error.message, 'string');
  assert.ok(answer.json.error.message.length > 10, 'a message that says what to do');
  if (code) assert.equal(answer.json.error.code, code, answer.body);
}

describe('raw requests against a loopback server', () => {
  let app: FastifyInstance;
  let port: number;
  const log: string[] = [];

  before(async () => {
    app = await buildServerApp(new FakeApi(), { token: TEST_TOKEN, staticDir: null, log: (line) => log.push(line) });
    port = new URL(await app.listen({ host: '127.0.0.1', port: 0 })).port as unknown as number;
    port = Number(port);
  });
  after(() => app.close());

  const host = (): string => `127.0.0.1:${port}`;

  test('Transfer-Encoding gzip or identity on a guarded route is a 400 in the error shape, and logs no 500', async () => {
    for (const encoding of ['gzip', 'identity', 'gzip, chunked, gzip']) {
      for (const auth of ['', `Authorization: Bearer wrong-token-0123456789abcdef-0123456789\r\n`, `Authorization: Bearer ${TEST_TOKEN}\r\n`]) {
        const before = log.length;
        const answer = await rawRequest(port, `POST /api/v1/sync HTTP/1.1\r\nHost: ${host()}\r\n${auth}Content-Type: application/json\r\nTransfer-Encoding: ${encoding}\r\n\r\n{}`);
        assertErrorShape(answer, 400);
        // the log line is written after the answer: give the event loop a turn
        await new Promise((resolve) => setTimeout(resolve, 20));
        assert.deepEqual(log.slice(before).filter((line) => /\b500\b|TypeError/.test(line)), [], `${encoding} ${auth}`);
      }
    }
  });

  test('a malformed request line, a bad header and a broken chunked body are 400 in the error shape', async () => {
    assertErrorShape(await rawRequest(port, 'GARBAGE\r\n\r\n'), 400, 'bad_request');
    assertErrorShape(await rawRequest(port, `GET /api/v1/health HTTP/1.1\r\nHost: ${host()}\r\nBad Header: x\r\n\r\n`), 400, 'bad_request');
    assertErrorShape(
      await rawRequest(port, `POST /api/v1/sync HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`),
      400,
      'bad_request',
    );
  });

  test('headers too large are a 431 in the error shape', async () => {
    const answer = await rawRequest(port, `GET /api/v1/health HTTP/1.1\r\nHost: ${host()}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    assertErrorShape(answer, 431, 'headers_too_large');
  });

  test('two Host headers, the allowed one first, are refused with 400 before auth', async () => {
    for (const path of ['/api/v1/health', '/api/v1/accounts']) {
      const answer = await rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: ${host()}\r\nHost: attacker.example\r\nConnection: close\r\n\r\n`);
      assertErrorShape(answer, 400, 'duplicate_host');
      const same = await rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: ${host()}\r\nHost: ${host()}\r\nAuthorization: Bearer ${TEST_TOKEN}\r\nConnection: close\r\n\r\n`);
      assertErrorShape(same, 400, 'duplicate_host');
    }
  });

  test('an absolute URL in the request line naming another host is refused with 421 before auth', async () => {
    for (const target of ['http://attacker.example/api/v1/health', `http://attacker.example:${port}/api/v1/accounts`, 'https://evil.test/']) {
      const answer = await rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: Bearer ${TEST_TOKEN}\r\nConnection: close\r\n\r\n`);
      assertErrorShape(answer, 421, 'misdirected_request');
    }
    // the absolute form naming this server is what a proxy may send: it is answered
    const own = await rawRequest(port, `GET http://${host()}/api/v1/health HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
    assert.equal(own.status, 200, own.head);
  });

  test('a plain request on the same server is still answered', async () => {
    const answer = await rawRequest(port, `GET /api/v1/health HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
    assert.equal(answer.status, 200, answer.head);
  });
});
