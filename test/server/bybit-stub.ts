/** A loopback stand-in for Bybit that refuses every API key the way Bybit does (retCode 10003). */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startRejectingBybit(): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ retCode: 10003, retMsg: 'API key is invalid.', result: {}, retExtInfo: {}, time: Date.now() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
