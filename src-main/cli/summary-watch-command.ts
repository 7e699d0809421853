/**
 * `perpvol volume summary --watch`: where the live numbers come from depends on who owns the data
 * folder (lease/owner-lease.ts), since only the owner keeps accounts live:
 *   - `--server URL`: that server's event stream;
 *   - nobody owns it: this command takes the lease and keeps the accounts live itself (streams and
 *     polling, as the server would) until Ctrl-C;
 *   - a server on this machine owns it: its event stream, found through the lease record (its URL)
 *     and its token file — the same way CLI write commands reach it;
 *   - the desktop app, a CLI command or a process on another machine owns it: the database is read
 *     every few seconds (this process may not write, and that owner has no event stream to follow).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Summary } from '../../src-shared/schemas.ts';
import { PerpvolError } from '../core/errors.ts';
import { tryTakeLease } from '../lease/owner-lease.ts';
import { describeOwner } from '../lease/owner-record.ts';
import { API_TOKEN_FILE } from '../server/api-token.ts';
import { createPerpvolCore } from '../service/core-runtime.ts';
import { packageVersion } from '../service/volume-service.ts';
import { API_TOKEN_ENV, ownerToken, reachableOwner } from './folder-writer.ts';
import { resolveGlobals } from './global-options.ts';
import { eventSummarySource, pollingSummarySource, remoteSummarySource, watchSummary, type SummarySource } from './summary-watch.ts';
import { printErr } from './terminal-text.ts';

/** How often a watcher beside a non-server owner reads the database (the summary reads rollups: cheap). */
export const READER_WATCH_POLL_MS = 2_000;

export interface WatchOptions {
  kinds?: string;
  server?: string;
  print(summary: Summary): void;
}

export async function watchSummaryCommand(command: Command, options: WatchOptions): Promise<void> {
  const stopped = new AbortController();
  const stop = new Promise<void>((resolve) => {
    const end = (): void => {
      stopped.abort();
      resolve();
    };
    process.once('SIGINT', end);
    process.once('SIGTERM', end);
  });
  const onError = (error: unknown): void => void printErr(`${error instanceof Error ? error.message : String(error)}\n`);
  const notice = (line: string): void => void printErr(`${line}\n`);
  const query = options.kinds ? { kinds: options.kinds } : {};
  const globals = resolveGlobals(command);
  const follow = (source: SummarySource): Promise<void> => watchSummary(source, options.print, stop, onError);

  if (options.server) {
    const token = await tokenForServer(globals.dataDir);
    return follow(remoteSummarySource(options.server, token, options.kinds, stopped.signal, notice));
  }

  const attempt = await tryTakeLease({ ...globals, face: 'cli', command: 'volume summary --watch', version: packageVersion() });
  if ('taken' in attempt) {
    const core = await createPerpvolCore({ ...globals, lease: attempt.taken }).catch(async (error: unknown) => {
      await attempt.taken.release(); // a lease handed in stays with its taker
      throw error;
    });
    try {
      core.scheduler.start();
      await core.live.start();
      const release = core.service.watch();
      try {
        return await follow(eventSummarySource(() => core.service.summary(query), (listener) => core.service.subscribe(listener)));
      } finally {
        release();
      }
    } finally {
      await core.close();
    }
  }

  let server: { url: string; token: string; who: string } | null = null;
  let whyNot = '';
  try {
    const owner = await reachableOwner(attempt.refused);
    server = { url: owner.url!, token: await ownerToken(owner, attempt.refused), who: describeOwner(owner) };
  } catch (error) {
    if (!(error instanceof PerpvolError)) throw error;
    whyNot = attempt.refused.owner ? describeOwner(attempt.refused.owner) : 'another Perpvol process';
  }
  if (server) {
    printErr(`${server.who} owns this data; following its live updates.\n`);
    return follow(remoteSummarySource(server.url, server.token, options.kinds, stopped.signal, notice));
  }
  printErr(`${whyNot} owns this data and keeps it live; reading the database every ${READER_WATCH_POLL_MS / 1000} s.\n`);
  const reader = await createPerpvolCore({ ...globals, access: 'reader' });
  try {
    return await follow(pollingSummarySource(() => reader.service.summary(query), READER_WATCH_POLL_MS));
  } finally {
    await reader.close();
  }
}

/** `--server` given: PERPVOL_API_TOKEN, else this data folder's token file (read, never created). */
async function tokenForServer(dataDir: string): Promise<string> {
  const fromEnv = process.env[API_TOKEN_ENV]?.trim();
  if (fromEnv) return fromEnv;
  const path = join(dataDir, API_TOKEN_FILE);
  const token = (await readFile(path, 'utf8').catch(() => '')).trim();
  if (token) return token;
  throw new PerpvolError('unauthorized', 'api_token_missing', `No API token for the server: set ${API_TOKEN_ENV} to the token it uses (this data folder has no ${path}).`);
}
