/**
 * The renderer's only door into main: one `ipcMain.handle` per method of the contract, registered
 * by looping over API_METHODS so no method can be forgotten or hand-written differently. Every
 * payload is parsed with the method's zod input schema before the service sees it; answers are
 * IpcResult values; live events are forwarded on IPC_EVENTS_CHANNEL.
 */
import type { z } from 'zod';
import {
  API_METHOD_NAMES,
  API_METHODS,
  IPC_EVENTS_CHANNEL,
  ipcChannel,
  type ApiMethodName,
  type PerpvolApi,
} from '../../src-shared/contract.ts';
import type { ApiEvent } from '../../src-shared/events.ts';
import type { IpcResult } from '../../src-shared/ipc-result.ts';
import type { ErrorInfo } from '../../src-shared/schemas.ts';
import { asPerpvolError } from '../core/errors.ts';
import { isAppUrl } from './external-links.ts';

export interface IpcInvokeEventLike {
  senderFrame: { url: string } | null;
}

/** The part of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** A renderer to push events to (Electron's WebContents). */
export interface EventSinkLike {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

export function describeInputError(method: ApiMethodName, error: z.ZodError): ErrorInfo {
  const details = error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  return { code: 'invalid_input', message: `${method}: ${details.join('; ')}` };
}

export class IpcBridge {
  private readonly registered: string[] = [];
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly ipcMain: IpcMainLike,
    private readonly service: PerpvolApi,
    /** The page the app loads; calls from any other frame (an injected iframe) are refused. */
    private readonly appUrl: () => string,
  ) {}

  register(): void {
    for (const method of API_METHOD_NAMES) {
      const channel = ipcChannel(method);
      this.ipcMain.handle(channel, (event, payload) => this.invoke(method, event, payload));
      this.registered.push(channel);
    }
  }

  /** One call, start to end; public so specs can call it without an Electron event loop. */
  async invoke(method: ApiMethodName, event: IpcInvokeEventLike, payload: unknown): Promise<IpcResult<unknown>> {
    const senderUrl = event.senderFrame?.url ?? '';
    if (!isAppUrl(senderUrl, this.appUrl())) {
      return { ok: false, error: { code: 'untrusted_sender', message: 'Only the Perpvol window may call the app.' } };
    }
    const parsed = API_METHODS[method].input.safeParse(payload ?? {});
    if (!parsed.success) return { ok: false, error: describeInputError(method, parsed.error) };
    try {
      // The table guarantees input and method agree; TypeScript cannot follow the loop variable.
      const call = this.service[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await call.call(this.service, parsed.data) };
    } catch (error) {
      return { ok: false, error: asPerpvolError(error).toJSON() };
    }
  }

  /** Forwards the service's events to the window's renderer while it exists. */
  forwardEvents(target: () => EventSinkLike | null): void {
    this.unsubscribe?.();
    this.unsubscribe = this.service.subscribe((event: ApiEvent) => {
      const sink = target();
      if (sink && !sink.isDestroyed()) sink.send(IPC_EVENTS_CHANNEL, event);
    });
  }

  dispose(): void {
    for (const channel of this.registered.splice(0)) this.ipcMain.removeHandler(channel);
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
