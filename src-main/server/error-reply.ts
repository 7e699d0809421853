/**
 * Every non-2xx answer of the REST API is `{"error":{"code","message"}}` (docs/api.md, "Errors").
 * This file turns anything thrown on the way — a PerpvolError from the service, a zod validation
 * failure, a Fastify parsing error — into that shape and a status code, and makes sure no
 * credential the caller sent can come back inside a message.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { PerpvolError } from '../core/errors.ts';
import { redactor } from '../secrets/redaction.ts';

export interface ErrorReply {
  status: number;
  body: { error: { code: string; message: string } };
}

const reply = (status: number, code: string, message: string): ErrorReply => ({ status, body: { error: { code, message } } });

/**
 * A refusal by the listener itself, with a status of its own that no service error has: 400 for a
 * request with two Host headers, 421 for a foreign Host, 429 for an address locked out after wrong tokens.
 */
export class ListenerRefusal extends Error {
  override readonly name = 'ListenerRefusal';
  constructor(
    readonly status: 400 | 400 | 421 | 429,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Fastify's own errors that come from bad requests, mapped to stable codes and helpful words. */
const FRAMEWORK_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large', message: 'the request body is too large; send at most 64 KiB of JSON (a CSV import: a file of at most 50 MB)' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', message: 'send the body as JSON with Content-Type: application/json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'empty_body', message: 'the body is empty; send a JSON object such as {}' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json', message: 'the body is not valid JSON; send a JSON object' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_content_length', message: 'the Content-Length header does not match the body' },
  FST_ERR_BAD_URL: { status: 400, code: 'bad_url', message: 'the URL is malformed; check its percent-encoding' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'bad_request', message: 'the request could not be routed' },
};

type ValidationIssue = { instancePath?: string; message?: string; keyword?: string };

/** "query field `limit`: Too big: expected number to be <=1000" — names the field and what to send. */
function validationMessage(issues: ValidationIssue[], context: string | undefined): string {
  const where = context === 'querystring' ? 'query parameter' : context === 'params' ? 'path parameter' : 'field';
  const parts = issues.slice(0, 5).map((issue) => {
    const path = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const subject = path === '' ? (context === 'body' ? 'the body' : `the ${context ?? 'input'}`) : `${where} \`${path}\``;
    return `${subject}: ${issue.message ?? 'is invalid'}`;
  });
  return parts.join('; ');
}

/** Any thrown value as a status and error body; never exposes an unexpected error's text. */
export function toErrorReply(error: unknown): ErrorReply {
  if (error instanceof ListenerRefusal) return reply(error.status, error.code, error.message);
  if (error instanceof PerpvolError) {
    const status = error.httpStatus;
    if (status >= 500 && error.kind === 'internal') return reply(500, error.code, 'an internal error occurred; see the server log');
    return reply(status, error.code, error.message);
  }
  // A deadline that ran out somewhere below the service (every exchange call has one): the exchange
  // was too slow, which docs/api.md ("Statuses") answers with 504 — not a 500 of ours.
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return reply(504, 'exchange_timeout', 'the exchange did not answer in time; try again in a moment');
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fe = error as FastifyError;
    return reply(400, 'invalid_input', validationMessage(fe.validation as ValidationIssue[], fe.validationContext));
  }
  const fe = error as Partial<FastifyError> | null;
  const known = fe?.code ? FRAMEWORK_ERRORS[fe.code] : undefined;
  if (known) return reply(known.status, known.code, known.message);
  if (error instanceof SyntaxError || (typeof fe?.statusCode === 'number' && fe.statusCode === 400 && !fe.code)) {
    return reply(400, 'malformed_json', 'the body is not valid JSON; send a JSON object');
  }
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return reply(fe.statusCode, 'bad_request', 'the request could not be processed; check its method, headers and body');
  }
  return reply(500, 'internal_error', 'an internal error occurred; see the server log');
}

const MIN_REDACTABLE_LENGTH = 4;

/** The credential values the caller sent in this request, which must never be echoed back. */
function sentSecrets(request: FastifyRequest): string[] {
  const body = request.body as { credentials?: unknown } | undefined;
  const credentials = body && typeof body === 'object' ? body.credentials : undefined;
  if (!credentials || typeof credentials !== 'object') return [];
  return Object.values(credentials as Record<string, unknown>).filter(
    (value): value is string => typeof value === 'string' && value.length >= MIN_REDACTABLE_LENGTH,
  );
}

export function redact(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out;
}

export function sendError(request: FastifyRequest, replyTo: FastifyReply, error: unknown, log?: (line: string) => void): FastifyReply {
  const { status, body } = toErrorReply(error);
  // This request's own credentials, and every secret the process knows (the single redaction point).
  body.error.message = redactor.redact(redact(body.error.message, sentSecrets(request)));
  if (status >= 500 && log) {
    const name = error instanceof Error ? `${error.name}${(error as FastifyError).code ? ` ${(error as FastifyError).code}` : ''}` : typeof error;
    log(`error ${status} on ${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}: ${name} ${redactor.redact(redact(error instanceof Error ? error.message : '', sentSecrets(request)))}`);
  }
  return replyTo.code(status).header('content-type', 'application/json; charset=utf-8').send(body);
}

/** Installs the error, not-found and framework-error handlers that give every failure one shape. */
export function installErrorHandling(app: FastifyInstance, log?: (line: string) => void): void {
  app.setErrorHandler((error, request, replyTo) => sendError(request, replyTo, error, log));
  app.setNotFoundHandler((request, replyTo) =>
    sendError(request, replyTo, new PerpvolError('not_found', 'route_not_found', `no such endpoint: ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 200)}; see GET /api/v1/openapi.json for the routes`)),
  );
}

/** For Fastify's `frameworkErrors` option: errors raised before routing (bad URL encoding). */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, replyTo: FastifyReply): void {
  void sendError(request, replyTo, error);
}
