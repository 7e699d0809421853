/**
 * A private fill stream, per exchange: the protocol of ONE WebSocket connection (which URL, which
 * frames to send, what each frame from the exchange means). It knows nothing of sockets, timers or
 * the store — `ws-connection.ts` drives it over a real socket, the live-updates supervisor in
 * sync/live/ decides what a drop or a gap means for the account. Like a connector it reads,
 * validates and normalizes; it never writes.
 */
import type { PerpvolError } from '../../core/errors.ts';
import type { ExchangeId } from '../../core/exchange.ts';
import type { Fill } from '../../core/fill.ts';
import type { UnclassifiedExecution } from '../../core/unclassified-execution.ts';

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

/** What one frame from the exchange asks of the connection. */
export type StreamAction =
  /** Send this text frame now (subscribe after auth, answer a server ping). */
  | { kind: 'send'; frame: string }
  /** Authenticated and subscribed: from here on every fill of the account arrives on this socket. */
  | { kind: 'ready' }
  /** Fills, executions the connector cannot classify and busts, normalized by the REST connector's own rules. */
  | ({ kind: 'fills'; snapshot: boolean } & StreamedRows)
  /** The answer to our heartbeat (never the exchange's own ping): it hears us. */
  | { kind: 'pong' }
  /** The stream says it may have missed something (a sequence jump): the REST walker must look. */
  | { kind: 'gap'; reason: string }
  /**
   * The exchange refused us. `permanent` = retrying with the same credentials cannot help (a key
   * rejected, a permission missing): the supervisor stops until the key is replaced.
   */
  | { kind: 'refused'; error: PerpvolError; permanent: boolean };

export interface StreamHeartbeat {
  /** How often we send a heartbeat (the exchange's documented keep-alive interval). */
  intervalMs: number;
  /** How long we wait for its answer (or any frame) before calling the connection dead. */
  timeoutMs: number;
  /**
   * The application-level ping frame, or null for a WebSocket protocol ping (RFC 6455 §5.5.2),
   * which every conforming server answers with a pong.
   */
  frame(): string | null;
}

/** One connection's protocol; a fresh one is made for every (re)connect. */
export interface FillStreamSession {
  readonly exchange: ExchangeId;
  /** ws:// or wss:// URL to dial, credentials in it only where the exchange puts them there. */
  readonly url: string;
  readonly heartbeat: StreamHeartbeat;
  /** Frames to send as soon as the socket opens (auth, or subscribe when no auth is needed). */
  opening(): string[];
  /** Reads one text frame; unknown or malformed frames are answered with no action, never a crash. */
  handle(text: string): StreamAction[];
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
 * Prepares one session: may ask the exchange's REST API first (a Paradex JWT, the WOO X application
 * id when the key was added without a check). Throws a PerpvolError when that fails.
 */
export type FillStreamFactory = (context: StreamContext, signal: AbortSignal) => Promise<FillStreamSession>;

/** What an exchange's stream adapter is handed: the account's context and the URL to dial (resolved from its descriptor). */
export interface ResolvedStreamContext extends StreamContext {
  url: string;
}
export type StreamAdapter = (context: ResolvedStreamContext, signal: AbortSignal) => Promise<FillStreamSession>;
