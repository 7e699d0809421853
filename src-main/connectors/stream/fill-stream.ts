/**
 * A private fill stream, as an exchange declares it: which URL, which frames to send (login,
 * subscribe, heartbeat) and what each frame from the exchange is. The exchange's fill-stream.ts
 * declares only that; the one stream session (kit/stream-session.ts) runs every connection —
 * socket, login → subscribe → acknowledgement, timeouts, heartbeats, refusals as PerpvolErrors,
 * rows through the exchange's own normalize, close. The live-updates driver in sync/live/ decides
 * what a drop or a gap means for the account. Like a connector, a stream reads and normalizes; it
 * never writes.
 */
import type { ExchangeId } from '../../core/exchange.ts';
import type { Fill } from '../../core/fill.ts';
import type { UnclassifiedExecution } from '../../core/unclassified-execution.ts';
import type { NormalizedRow } from '../kit/normalized-row.ts';

/**
 * What a stream delivered for the store, normalized by the REST connector's own rules: the fills to
 * count, the executions it could not classify (kept aside, as a REST page's are), and the trade ids
 * the exchange busted (taken out of volume, as a REST page's busts are).
 */
export interface StreamedRows {
  fills: Fill[];
  unclassified: UnclassifiedExecution[];
  bustedTradeIds: string[];
}

export const noStreamedRows = (): StreamedRows => ({ fills: [], unclassified: [], bustedTradeIds: [] });

/**
 * Why the exchange refused our login, which decides the error: `credentials` (key or token
 * rejected) and `location` (geo-blocked) cannot pass by retrying, the live driver waits for a new
 * key; `other` (the exchange failed to log us in) is retried with back-off.
 */
export type LoginRefusal = 'credentials' | 'location' | 'other';

/** One frame from the exchange, as its adapter reads it; the session decides what it means for the connection. */
export type StreamFrame =
  | { kind: 'logged_in' }
  | { kind: 'login_refused'; refusal: LoginRefusal; reason: string }
  /** The exchange acknowledged the fill subscription: from here on every fill of the account arrives. */
  | { kind: 'subscribed' }
  | { kind: 'subscribe_refused'; reason: string }
  /** The exchange reports an error on a subscribed stream (the connection is over). */
  | { kind: 'error'; reason: string }
  /** Fill rows, each read by the protocol's `normalize`; `snapshot` = recent fills resent on subscribe. */
  | { kind: 'rows'; rows: readonly unknown[]; snapshot?: boolean }
  | { kind: 'busts'; tradeIds: string[] }
  /** The answer to our heartbeat (never the exchange's own ping): it hears us. */
  | { kind: 'pong' }
  /** The exchange's own heartbeat, answered with `answer`. */
  | { kind: 'ping'; answer: string }
  /** The stream says it may have missed something (a sequence jump, an unreadable frame): the REST walker must look. */
  | { kind: 'gap'; reason: string };

export interface StreamHeartbeat {
  /** How often we send a heartbeat (the exchange's documented keep-alive interval). */
  intervalMs: number;
  /** How long we wait for its answer before calling the connection dead (default: the session's 10 s). */
  timeoutMs?: number;
  /**
   * The application-level ping frame, or null for a WebSocket protocol ping (RFC 6455 §5.5.2),
   * which every conforming server answers with a pong.
   */
  frame(): string | null;
}

/** One connection's protocol, credentials already in it; a fresh one is made for every (re)connect. */
export interface FillStreamProtocol {
  readonly exchange: ExchangeId;
  /** The exchange's name in messages ("Bybit"). */
  readonly label: string;
  /** ws:// or wss:// URL to dial, credentials in it only where the exchange puts them there. */
  readonly url: string;
  readonly heartbeat: StreamHeartbeat;
  /** The login frame, for exchanges that want one before the subscription; `advice` ends the refusal's message. */
  readonly login?: { frame(): string; advice: string };
  /** The subscribe frame(s), sent once logged in (or as the socket opens); `what` names the subscription in messages. */
  readonly subscribe: { frames(): string[]; what: string };
  /** A text frame as data (default: JSON, undefined when it is not JSON). */
  parse?(text: string): unknown;
  /** Reads one parsed frame; null for frames that mean nothing here (greetings, other channels, malformed). */
  read(frame: unknown): StreamFrame | null;
  /** One streamed row → the REST connector's verdict on the same row; throws when the row cannot be read. */
  normalize(row: unknown): NormalizedRow;
}

/** What a stream needs to know about the account (all non-secret but `credentials`). */
export interface StreamContext {
  /** The account's REST origin override, or null for mainnet. */
  baseUrl: string | null;
  /** The account's stream URL override, or null for the default (stream-url.ts). */
  streamUrl: string | null;
  /** Same credentials the REST connector gets (API key/secret, address, read-only token…). */
  credentials: Record<string, string>;
  /** Public facts kept on the account (Hyperliquid/Paradex address, WOO X application id…). */
  identity: string | null;
  permissions: Record<string, unknown>;
}

/**
 * Prepares one connection's protocol: may ask the exchange's REST API first (a Paradex JWT, the WOO X
 * application id when the key was added without a check). Throws a PerpvolError when that fails.
 */
export type FillStreamFactory = (context: StreamContext, signal: AbortSignal) => Promise<FillStreamProtocol>;

/** What an exchange's stream adapter is handed: the account's context and the URL to dial (resolved from its descriptor). */
export interface ResolvedStreamContext extends StreamContext {
  url: string;
}
export type StreamAdapter = (context: ResolvedStreamContext, signal: AbortSignal) => Promise<FillStreamProtocol>;
