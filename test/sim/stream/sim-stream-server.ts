/**
 * The private fill stream of a simulated exchange, on the simulator's own HTTP server (the same
 * origin as its REST API, the way a proxy or a local simulator serves both). Each exchange plugs in
 * its protocol (auth checked as the exchange checks it, subscribe, heartbeats, frame shapes); this
 * file holds what every stream shares: the WebSocket server (the `ws` package), who is subscribed
 * to which account, and the faults a real stream has — a drop (every socket cut), a silent stall
 * (socket up, no pongs, no fills), duplicated and out-of-order frames, and a switch that refuses
 * streams altogether (HTTP 503 on the upgrade, as an exchange or proxy without streams answers).
 * Fills traded while no socket is subscribed are never replayed on the stream: that is the gap a
 * drop leaves, which only the REST API can fill.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export interface SimStreamClient {
  /** The account this socket is authenticated (or, for Hyperliquid, subscribed) for. */
  account: string | null;
  /** The credential that logged this socket in (an API key), where the exchange takes one. */
  key: string | null;
  subscribed: boolean;
  readonly path: string;
  send(frame: string): void;
  close(code?: number): void;
}

export interface SimStreamProtocol<Row> {
  /** Which upgrade paths are this exchange's private stream. */
  matches(path: string): boolean;
  /** Runs when a socket opens (Hyperliquid greets in plain text). */
  opened?(client: SimStreamClient): void;
  /** One client frame, while not stalled. */
  received(client: SimStreamClient, text: string): void;
  /** The frames that carry these new fills (or other account events) of one account. */
  frames(account: string, rows: readonly Row[]): string[];
  /** Whether a subscribed socket takes this frame (Paradex: only the channels it subscribed to); default every frame. */
  wants?(client: SimStreamClient, frame: string): boolean;
  /** Whether the exchange pings with WebSocket protocol pings (Paradex) rather than JSON frames. */
  protocolPings?: boolean;
  /** A session the exchange ends before pushing to it (Paradex, under the "JWT ends the session" reading). */
  sessionExpired?(client: SimStreamClient): boolean;
}

export interface SimStreamControl {
  /** Refuse every stream (HTTP 503 on the upgrade): the exchange "offers no stream". */
  refuse(on: boolean): void;
  /** Cuts every open socket at once. */
  drop(): void;
  /** Socket stays open but nothing flows: no pongs, no fills (fills traded meanwhile are lost to the stream). */
  stall(on: boolean): void;
  /** Sends every fill frame twice. */
  duplicate(on: boolean): void;
  /** Sends fill frames out of order (each held until the next, then both reversed). */
  reorder(on: boolean): void;
  /**
   * `closedByClient`: sockets the client ended with a close frame (normal closure) rather than a cut;
   * `swallowed`: client frames and protocol pings a stall left unanswered.
   */
  stats(): { connections: number; open: number; authFailures: number; framesSent: number; closedByClient: number; swallowed: number };
  /** The credentials the open sockets logged in with (which key a stream uses now). */
  openKeys(): string[];
  /** Cuts the sockets logged in with this key (an exchange ending the sessions of a deleted key). */
  dropKey(key: string): void;
}

const REORDER_FLUSH_MS = 50;

export class SimStreamServer<Row> implements SimStreamControl {
  private readonly wss = new WebSocketServer({ noServer: true, autoPong: false, perMessageDeflate: false });
  private readonly clients = new Set<{ socket: WebSocket; client: SimStreamClient }>();
  private refusing = false;
  private stalled = false;
  private duplicating = false;
  private reordering = false;
  private held: { client: SimStreamClient; frame: string } | null = null;
  private heldTimer: NodeJS.Timeout | null = null;
  private readonly counters = { connections: 0, authFailures: 0, framesSent: 0, closedByClient: 0, swallowed: 0 };
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => this.upgrade(req, socket, head);

  constructor(
    private readonly server: Server,
    private readonly protocol: SimStreamProtocol<Row>,
  ) {
    server.on('upgrade', this.onUpgrade);
  }

  /** New fills of `account` (already in the REST history): pushed to its subscribed sockets. */
  publish(account: string, rows: readonly Row[]): void {
    if (rows.length === 0 || this.stalled) return;
    const frames = this.protocol.frames(account, rows);
    for (const { client } of this.clients) {
      if (!client.subscribed || client.account !== account) continue;
      if (this.protocol.sessionExpired?.(client)) {
        client.close(4001);
        continue;
      }
      for (const frame of frames) if (this.protocol.wants?.(client, frame) ?? true) this.deliver(client, frame);
    }
  }

  /** Counts an auth the protocol refused (tests check that refusals happen for the right reasons). */
  authFailed(): void {
    this.counters.authFailures++;
  }

  refuse(on: boolean): void {
    this.refusing = on;
  }
  drop(): void {
    for (const { socket } of [...this.clients]) socket.terminate();
  }
  stall(on: boolean): void {
    this.stalled = on;
  }
  duplicate(on: boolean): void {
    this.duplicating = on;
  }
  reorder(on: boolean): void {
    this.reordering = on;
    if (!on) this.flushHeld();
  }
  stats() {
    return { ...this.counters, open: this.clients.size };
  }
  openKeys(): string[] {
    return [...this.clients].map(({ client }) => client.key).filter((key): key is string => key !== null);
  }
  dropKey(key: string): void {
    for (const { socket, client } of [...this.clients]) if (client.key === key) socket.terminate();
  }

  async close(): Promise<void> {
    this.server.off('upgrade', this.onUpgrade);
    if (this.heldTimer) clearTimeout(this.heldTimer);
    for (const { socket } of [...this.clients]) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private deliver(client: SimStreamClient, frame: string): void {
    const copies = this.duplicating ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      if (!this.reordering) {
        client.send(frame);
        continue;
      }
      const held = this.held;
      if (held && held.client === client) {
        this.held = null;
        client.send(frame);
        held.client.send(held.frame);
      } else {
        this.flushHeld();
        this.held = { client, frame };
        this.heldTimer = setTimeout(() => this.flushHeld(), REORDER_FLUSH_MS);
      }
    }
  }

  private flushHeld(): void {
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.heldTimer = null;
    const held = this.held;
    this.held = null;
    held?.client.send(held.frame);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    if (!this.protocol.matches(path)) return void socket.destroy();
    if (this.refusing) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 19\r\nConnection: close\r\n\r\nstreams unavailable');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws, path));
  }

  private connected(socket: WebSocket, path: string): void {
    this.counters.connections++;
    const counters = this.counters;
    const client: SimStreamClient = {
      account: null,
      key: null,
      subscribed: false,
      path,
      send(frame) {
        if (socket.readyState !== socket.OPEN) return;
        counters.framesSent++;
        socket.send(frame);
      },
      close(code = 1000) {
        socket.close(code);
      },
    };
    const entry = { socket, client };
    this.clients.add(entry);
    socket.on('message', (data, isBinary) => {
      if (this.stalled) this.counters.swallowed++;
      if (this.stalled || isBinary) return;
      this.protocol.received(client, data.toString());
    });
    // autoPong is off so a stall can swallow protocol pings too
    socket.on('ping', (data) => {
      if (this.stalled) this.counters.swallowed++;
      else socket.pong(data);
    });
    socket.on('close', (code) => {
      if (code === 1000) this.counters.closedByClient++;
      this.clients.delete(entry);
    });
    socket.on('error', () => this.clients.delete(entry));
    this.protocol.opened?.(client);
  }
}
