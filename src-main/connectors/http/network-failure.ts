/**
 * What a failed request (no HTTP answer at all) means for the next step:
 * - `timeout`: the exchange accepted the request but said nothing in time (a hung socket) → 504;
 * - `unreachable`: nothing answers at that address (refused, unknown host, no route, a TLS
 *   certificate that is not the exchange's) → 502 at once: retrying within the call cannot help;
 * - `dropped`: the connection broke mid-request (reset, closed early) → worth another try.
 */
export type NetworkFailure = { kind: 'timeout' | 'unreachable' | 'dropped'; code: string | undefined; detail: string };

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'EPROTO', // TLS spoken to a plain-HTTP port, or the reverse
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  // Happy-eyeballs connects fail with an AggregateError of one error per address tried.
  if (Array.isArray(errors) && errors.length > 0) return codeOf(errors[0]);
  return cause === undefined ? undefined : codeOf(cause);
}

export function readNetworkFailure(error: unknown): NetworkFailure {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const detail = code && !message.includes(code) ? `${code}: ${message}` : message || code || 'unknown network error';
  if (code && TIMEOUT_CODES.has(code)) return { kind: 'timeout', code, detail };
  if (code && UNREACHABLE_CODES.has(code)) return { kind: 'unreachable', code, detail };
  return { kind: 'dropped', code, detail };
}
