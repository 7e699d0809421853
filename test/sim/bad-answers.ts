/**
 * Answers that are not the exchange's API speaking, the same on every simulator: a 404 page, a 200
 * HTML page (a captive portal, a proxy's login page), 200 JSON of the wrong shape, and a request
 * accepted but never answered (a hung socket; the simulator's close() drops it).
 */
import type { ServerResponse } from 'node:http';
import type { FaultKind } from './simulator.ts';

const NOT_FOUND_PAGE = '<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>';
const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>Sign in to the network</title></head><body><form>Accept the terms to continue</form></body></html>';
const WRONG_SHAPE = JSON.stringify({ ok: true, message: 'this is not the answer the route documents' });

/** Answers `fault` when it is one of the shared bad answers; returns whether it did. */
export function answerBadly(fault: FaultKind | undefined, res: ServerResponse): boolean {
  switch (fault) {
    case 'not_found':
      return send(res, 404, 'text/html; charset=utf-8', NOT_FOUND_PAGE);
    case 'html_page':
      return send(res, 200, 'text/html; charset=utf-8', HTML_PAGE);
    case 'wrong_shape':
      return send(res, 200, 'application/json', WRONG_SHAPE);
    case 'hang':
      // Headers never come: the client's own timeout is all that ends it.
      return true;
    default:
      return false;
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): true {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
  return true;
}
