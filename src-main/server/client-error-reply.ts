/**
 * Node's HTTP parser refuses some requests before any route sees them — a malformed request line
 * or header, a Transfer-Encoding it cannot read, headers over its size limit, a request that took
 * too long to arrive — and Node (or Fastify) then writes an answer of its own to the socket. This
 * handler writes ours instead, so those answers too have the `{"error":{"code","message"}}` shape
 * of every other error (docs/api.md "Errors"). Nothing the client sent is echoed back.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

interface ClientErrorAnswer {
  status: 400 | 408 | 413 | 431;
  code: string;
  message: string;
}

const MALFORMED: ClientErrorAnswer = {
  status: 400,
  code: 'bad_request',
  message: 'the request is not well-formed HTTP/1.1 (its request line, a header or the body framing); send a standard request, as curl or a browser does',
};

/** What each of Node's parser errors means for the client (llhttp's HPE_* codes, Node's ERR_HTTP_*). */
export function clientErrorAnswer(code: string | undefined): ClientErrorAnswer {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, code: 'headers_too_large', message: 'the request headers are too large (at most 16 KiB in all); send fewer or shorter headers' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, code: 'request_timeout', message: 'the request did not arrive in time; send it again' };
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return {
        status: 400,
        code: 'bad_transfer_encoding',
        message: 'the request has a Transfer-Encoding this server does not take (only chunked, and not together with Content-Length); send the body as is with Content-Length',
      };
    default:
      return MALFORMED;
  }
}

/** Node's socket with the response it is writing, if any (an answer already begun must not be interleaved). */
type HttpSocket = Socket & { _httpMessage?: { headersSent?: boolean } | null };

/** For Fastify's `clientErrorHandler` option (Node's `clientError` event). */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answer = clientErrorAnswer(error.code);
  const body = JSON.stringify({ error: { code: answer.code, message: answer.message } });
  if (socket.writable && !(socket as HttpSocket)._httpMessage?.headersSent) {
    socket.write(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
