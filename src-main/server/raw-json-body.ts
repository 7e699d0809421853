/**
 * A JSON request body read as bytes into one buffer of exactly Content-Length bytes — not a list
 * of chunks concatenated at the end, which holds the body twice — for a route whose body is parsed
 * elsewhere (the CSV import's worker thread). Limits as Fastify's own parser enforces them.
 */
import type { Readable } from 'node:stream';

/** Fastify's own codes, so error-reply.ts answers 413 / 400 as for every other route. */
function frameworkError(code: 'FST_ERR_CTP_BODY_TOO_LARGE' | 'FST_ERR_CTP_INVALID_CONTENT_LENGTH', statusCode: number): Error {
  return Object.assign(new Error(code), { code, statusCode });
}

export function readRawBody(payload: Readable, contentLength: string | undefined, limit: number): Promise<Buffer> {
  const declared = contentLength === undefined ? null : Number(contentLength);
  if (declared !== null && (!Number.isInteger(declared) || declared < 0)) return Promise.reject(frameworkError('FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400));
  if (declared !== null && declared > limit) return Promise.reject(frameworkError('FST_ERR_CTP_BODY_TOO_LARGE', 413));
  return new Promise((resolve, reject) => {
    // its own ArrayBuffer, so that it can be handed to another thread without a copy
    const whole = declared === null ? null : Buffer.allocUnsafeSlow(declared);
    const chunks: Buffer[] = [];
    let received = 0;
    const fail = (error: Error) => {
      payload.destroy();
      reject(error);
    };
    payload.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) return fail(frameworkError('FST_ERR_CTP_BODY_TOO_LARGE', 413));
      if (!whole) return void chunks.push(chunk);
      if (received > whole.length) return fail(frameworkError('FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400));
      chunk.copy(whole, received - chunk.length);
    });
    payload.on('end', () => {
      if (whole && received !== whole.length) return reject(frameworkError('FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400));
      resolve(whole ?? Buffer.concat(chunks));
    });
    payload.on('error', reject);
  });
}
