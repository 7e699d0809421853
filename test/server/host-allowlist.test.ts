/**
 * DNS-rebinding protection: a request whose Host is not the address the server listens on (or
 * localhost / 127.0.0.1 / [::1] on loopback, or a name the user allowed) is refused with 421 and the
 * error shape — before auth, on every route including /api/v1/health and the dashboard.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildServerApp } from '../../src-main/server/app.ts';
import { HostAllowlist, hostnameOf } from '../../src-main/server/host-allowlist.ts';
import { FakeApi } from './fake-api.ts';
import { httpCall, TEST_TOKEN } from './harness.ts';

/** The status code of a hand-written request (what fetch and undici refuse to send). */
function rawStatus(port: number, request: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(request));
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0)));
  });
}

describe('the Host allowlist over HTTP on a loopback bind', () => {
  let app: FastifyInstance;
  let url: string;
  let port: string;

  before(async () => {
    app = await buildServerApp(new FakeApi(), { token: TEST_TOKEN, staticDir: null, allowedHosts: ['perpvol.lan'] });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    port = new URL(url).port;
  });
  after(() => app.close());

  const withHost = (host: string, path: string, token: string | null = TEST_TOKEN) => httpCall(url, 'GET', path, { token, headers: { host } });

  test('a rebinding page (its own name in Host) gets 421 with the error shape on every route, health and the dashboard included', async () => {
    for (const path of ['/api/v1/health', '/', '/api/v1/accounts', '/api/v1/volume/summary', '/api/v1/events', '/api/v1/export/fills.csv', '/api/v1/openapi.json', '/no-such-page']) {
      const answer = await withHost(`attacker.example:${port}`, path);
      assert.equal(answer.status, 421, path);
      assert.equal(answer.json.error.code, 'misdirected_request', path);
      assert.match(answer.json.error.message, /attacker\.example/);
      assert.match(answer.json.error.message, /--allowed-host/);
    }
  });

  test('the Host check comes before auth: no token, a wrong token or the right one, a foreign Host is 421, never 401 or 200', async () => {
    for (const token of [null, 'wrong-token-0123456789abcdef-0123456789', TEST_TOKEN]) {
      assert.equal((await withHost(`attacker.example:${port}`, '/api/v1/accounts', token)).status, 421);
    }
  });

  test('the loopback names and the allowed name are answered, with or without the port', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`, '127.0.0.1', `perpvol.lan:${port}`, 'perpvol.lan']) {
      assert.equal((await withHost(host, '/api/v1/health', null)).status, 200, host);
      assert.equal((await withHost(host, '/api/v1/accounts')).status, 200, host);
    }
  });

  test('look-alike and malformed hosts are refused, and so is a request without any Host', async () => {
    for (const host of [`127.0.0.1.attacker.example:${port}`, `localhost.attacker.example:${port}`, `127.0.0.2:${port}`, 'perpvol.lan.evil', '0.0.0.0']) {
      assert.equal((await withHost(host, '/api/v1/health', null)).status, 421, host);
    }
    // what an HTTP client library would not send: written on the socket as is
    for (const host of [`user@127.0.0.1:${port}`, `[::1:${port}`, `127.0.0.1:${port}/x`]) {
      assert.equal(await rawStatus(Number(port), `GET /api/v1/health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`), 421, host);
    }
    assert.equal(await rawStatus(Number(port), 'GET /api/v1/health HTTP/1.0\r\n\r\n'), 421, 'HTTP/1.0 without Host');
  });
});

describe('HostAllowlist', () => {
  test('a non-loopback bind answers only to the address the client connected to and the allowed names', () => {
    const hosts = new HostAllowlist(['Perpvol.Example.com']);
    assert.equal(hosts.allows('192.168.1.5:7420', '192.168.1.5'), true);
    assert.equal(hosts.allows('192.168.1.5:7420', '::ffff:192.168.1.5'), true, 'an IPv4 client on a dual-stack socket');
    assert.equal(hosts.allows('perpvol.example.com', '192.168.1.5'), true);
    assert.equal(hosts.allows('localhost:7420', '192.168.1.5'), false, 'localhost names only a loopback connection');
    assert.equal(hosts.allows('192.168.1.6:7420', '192.168.1.5'), false);
    assert.equal(hosts.allows('[fe80::1]:7420', 'fe80::1'), true);
    assert.equal(hosts.allows(undefined, '192.168.1.5'), false, 'no Host at all');
  });

  test('hostnames are read from Host headers exactly', () => {
    assert.equal(hostnameOf('Example.COM:80'), 'example.com');
    assert.equal(hostnameOf('[::1]:7420'), '[::1]');
    assert.equal(hostnameOf('[::1]'), '[::1]');
    for (const bad of ['', ' ', '[::1', '[::1]x', 'a b', 'host:port', 'a/b', 'user@host', 'host:123456']) assert.equal(hostnameOf(bad), null, bad);
  });
});
