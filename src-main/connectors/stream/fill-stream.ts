/**
 * A private fill stream, as an exchange declares it (docs/adding-an-exchange.md, "Live stream"): the
 * URL, the frames to send and what each frame from the exchange is; and what those frames become,
 * the same for every exchange. kit/stream-session.ts runs every connection. Like a connector, a
 * stream reads and normalizes; it never writes.
 */
import type { ExchangeId } from '../../core/exchange.ts';
import { PerpvolError } from '../../core/errors.ts';
import type { Fill } from '../../core/fill.ts';
import type { UnclassifiedExecution } from '../../core/unclassified-execution.ts';
import type { NormalizedRow } from '../kit/normalized-row.ts';

/** What a stream delivered for the store, as a REST page delivers it: fills, kept-aside executions, busted trade ids. */
export interface StreamedRows {
  fills: Fill[];
  unclassified: UnclassifiedExecution[];
  bustedTradeIds: string[];
}

export const noStreamedRows = (): StreamedRows => ({ fills: [], unclassified: [], bustedTradeIds: [] });

/** One frame from the exchange, as its adapter reads it; the session decides what it means for the connection. */
export type StreamFrame =
  | { kind: 'logged_in' }
  | { kind: 'login_refused'; refusal: 'credentials' | 'location' | 'other'; reason: string }
  /** The acknowledgement: from here on every fill of the account arrives. */
  | { kind: 'subscribed' }
  | { kind: 'subscribe_refused'; reason: string }
  | { kind: 'error'; reason: string }
  /** `snapshot`: recent fills resent on subscribe. */
  | { kind: 'rows'; rows: readonly unknown[]; snapshot?: boolean }
  | { kind: 'busts'; tradeIds: string[] }
  /** The answer to our heartbeat (never the exchange's own ping): it hears us. */
  | { kind: 'pong' }
  | { kind: 'ping'; answer: string }
  /** The stream may have missed something (a sequence jump, an unreadable frame): the REST walker must look. */
  | { kind: 'gap'; reason: string };

/** One connection's protocol, credentials already in it; a fresh one is made for every (re)connect. */
export interface FillStreamProtocol {
  readonly exchange: ExchangeId;
  readonly label: string;
  /** Credentials in it only where the exchange puts them there. */
  readonly url: string;
  readonly heartbeat: {
    intervalMs: number;
    /** Null for a WebSocket protocol ping (RFC 6455 §5.5.2), which every server answers. */
    frame(): string | null;
  };
  readonly login?: { frame(): string; advice: string };
  readonly subscribe: { frames(): string[]; what: string };
  parse?(text: string): unknown;
  read(frame: unknown): StreamFrame | null;
  /** Through the REST connector's own normalize; throws when the row cannot be read. */
  normalize(row: unknown): NormalizedRow;
}

/** What a stream knows of the account: the REST connector's credentials, its overrides (null: the exchange's own), its public facts. */
export interface StreamContext {
  baseUrl: string | null;
  streamUrl: string | null;
  credentials: Record<string, string>;
  identity: string | null;
  permissions: Record<string, unknown>;
}

/**
 * Prepares one connection's protocol: may ask the exchange's REST API first (a Paradex JWT, the WOO X
 * application id when the key was added without a check). Throws a PerpvolError when that fails.
 */
export type FillStreamFactory = (context: StreamContext, signal: AbortSignal) => Promise<FillStreamProtocol>;
/** An exchange's stream adapter: handed the account's context and the URL to dial (resolved from its descriptor). */
export type StreamAdapter = (context: StreamContext & { url: string }, signal: AbortSignal) => Promise<FillStreamProtocol>;

/**
 * Streamed rows, decided exactly as the same rows in a REST page. A row it cannot read is not dropped
 * silently: the rest still counts, and `unreadable` makes the session report a gap, which sends the
 * REST walker to read it the way a sync does.
 */
export function streamedRows(protocol: Pick<FillStreamProtocol, 'normalize'>, rows: readonly unknown[]): { rows: StreamedRows; unreadable: number } {
  const streamed = noStreamedRows();
  let unreadable = 0;
  for (const row of rows) {
    try {
      const normalized = protocol.normalize(row);
      if ('fill' in normalized) streamed.fills.push(normalized.fill);
      else if ('unclassified' in normalized) streamed.unclassified.push(normalized.unclassified);
    } catch {
      unreadable++;
    }
  }
  return { rows: streamed, unreadable };
}

/**
 * A refusal as the error the live driver acts on: a rejected key or a blocked location is for good
 * (until the key changes); anything else is retried with back-off.
 */
export function refusalOf(
  protocol: FillStreamProtocol,
  frame: Extract<StreamFrame, { kind: 'login_refused' | 'subscribe_refused' | 'error' }>,
): { error: PerpvolError; permanent: boolean } {
  const { label, subscribe, login } = protocol;
  const said = frame.reason || 'no reason given';
  const retried = (code: string, message: string) => ({ permanent: false, error: new PerpvolError('exchange_unavailable', code, message, true) });
  const forGood = (code: string, message: string) => ({ permanent: true, error: new PerpvolError('credentials_rejected', code, message) });
  if (frame.kind === 'subscribe_refused') return retried('stream_subscribe_failed', `${label} refused the ${subscribe.what} (${said}).`);
  if (frame.kind === 'error') return retried('stream_refused', `${label} refused the ${subscribe.what}: ${said}`);
  if (frame.refusal === 'credentials') return forGood('stream_auth_rejected', `${label} refused the private stream login (${said}). ${login?.advice ?? ''}`.trim());
  if (frame.refusal === 'location') return forGood('stream_geo_blocked', `${label} refuses streams from this location (${said}); Perpvol keeps polling instead.`);
  return retried('stream_auth_failed', `${label} did not accept the stream login (${said}).`);
}
