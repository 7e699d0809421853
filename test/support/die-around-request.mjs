/**
 * Loaded into a `perpvol serve` child with NODE_OPTIONS="--import <this file>": SIGKILLs the
 * server at one moment of the first request matching PERPVOL_TEST_DIE ("<moment> <METHOD> <path>"):
 *   - `before`: as the request arrives, before any route runs (nothing is saved);
 *   - `after`: when the answer is ready to go, before a byte of it is sent (the write is saved).
 * Plain JavaScript so it loads before tsx. For tests only; the product knows nothing of it.
 */
import http from 'node:http';

const [moment, method, path] = (process.env.PERPVOL_TEST_DIE ?? '').split(' ');
const matches = (req) => req && req.method === method && (req.url ?? '').split('?')[0] === path;
const die = () => process.kill(process.pid, 'SIGKILL');

if (moment === 'before') {
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, req, ...rest) {
    if (event === 'request' && matches(req)) die();
    return emit.call(this, event, req, ...rest);
  };
}
if (moment === 'after') {
  const writeHead = http.ServerResponse.prototype.writeHead;
  http.ServerResponse.prototype.writeHead = function (...args) {
    if (matches(this.req) && this.statusCode < 300) die();
    return writeHead.apply(this, args);
  };
}
