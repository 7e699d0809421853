/**
 * How a CLI write command (accounts add/remove/rotate, sync, import) reaches the data: the folder
 * has one owner at a time (lease/owner-lease.ts).
 *   - Nobody owns it: this command takes the lease for its duration and works on the data itself.
 *   - A server owns it: the command goes through that server's REST API (its address is in the
 *     lease record, its token in the data folder), exactly as a script would.
 *   - The desktop app or another CLI command owns it: refused, naming it and what to do instead.
 */
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { Command } from 'commander';
import type { ExchangeRegistry } from '../connectors/registry.ts';
import type { ApiMethods } from '../../src-shared/contract.ts';
import { PerpvolError } from '../core/errors.ts';
import { readFolderOwner } from '../lease/folder-lease.ts';
import { leaseRefusedError, tryTakeLease, type LeaseRefusal } from '../lease/owner-lease.ts';
import { describeOwner, type OwnerRecord } from '../lease/owner-record.ts';
import { createPerpvolCore, type PerpvolCore } from '../service/core-runtime.ts';
import { packageVersion } from '../service/volume-service.ts';
import { resolveGlobals } from './global-options.ts';
import type { ReaderAccess } from './lost-answer.ts';
import { createOwnerApi } from './owner-api.ts';
import { printErr } from './terminal-text.ts';

export const API_TOKEN_ENV = 'PERPVOL_API_TOKEN';
/** A server that has its lease but is not listening yet publishes its URL within moments. */
const STARTING_SERVER_WAIT_MS = 5_000;

export type FolderWriter =
  | { kind: 'local'; api: ApiMethods; core: PerpvolCore }
  | { kind: 'remote'; api: ApiMethods; owner: OwnerRecord };

/** Runs `run` as the folder's writer: locally under the lease, or through the owning server. */
export async function withWriter<T>(command: Command, name: string, run: (writer: FolderWriter) => Promise<T>, exchanges?: ExchangeRegistry): Promise<T> {
  const globals = resolveGlobals(command);
  const attempt = await tryTakeLease({ ...globals, face: 'cli', command: name, version: packageVersion() });
  if ('taken' in attempt) {
    const core = await createPerpvolCore({ ...globals, lease: attempt.taken, ...(exchanges ? { exchanges } : {}) });
    try {
      return await run({ kind: 'local', api: core.service, core });
    } finally {
      await core.close();
    }
  }
  const owner = await reachableOwner(attempt.refused);
  const token = await ownerToken(owner, attempt.refused);
  printErr(`${describeOwner(owner)} owns this data; sending this command to it.\n`);
  // A lost answer is read back from the data itself (lost-answer.ts): read-only, beside the owner or after it.
  const reader: ReaderAccess = async (read) => {
    const core = await createPerpvolCore({ ...globals, access: 'reader', ...(exchanges ? { exchanges } : {}) });
    try {
      return await read(core.service);
    } finally {
      await core.close();
    }
  };
  const notice = (line: string): void => printErr(`${line}\n`);
  return run({ kind: 'remote', api: createOwnerApi({ url: owner.url!, token, owner: describeOwner(owner), reader, notice }), owner });
}

/** The owner, if it takes changes over REST from this machine; otherwise the refusal, saying what to do. */
export async function reachableOwner(refusal: LeaseRefusal): Promise<OwnerRecord> {
  let owner = refusal.owner;
  const deadline = Date.now() + STARTING_SERVER_WAIT_MS;
  while (owner?.face === 'server' && owner.url === null && refusal.resource === 'folder' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    owner = (await readFolderOwner(refusal.where)) ?? owner;
  }
  const because = (advice: string): PerpvolError => leaseRefusedError({ ...refusal, owner }, advice);
  if (!owner) throw leaseRefusedError(refusal);
  if (owner.host !== hostname()) throw because(`Run this command on ${owner.host}, where it can reach that process, or stop that process first.`);
  if (owner.face === 'desktop') throw because('Make this change in the app, or quit the app and run the command again.');
  if (owner.face === 'cli') throw because('Wait for it to finish, then run this command again.');
  if (owner.url === null) throw because('It is not answering yet; try again in a moment.');
  return owner;
}

export async function ownerToken(owner: OwnerRecord, refusal: LeaseRefusal): Promise<string> {
  const fromEnv = process.env[API_TOKEN_ENV]?.trim();
  if (fromEnv) return fromEnv;
  // The server published where its token is; none means it was started with PERPVOL_API_TOKEN.
  const token = owner.tokenFile ? (await readFile(owner.tokenFile, 'utf8').catch(() => '')).trim() : '';
  if (token) return token;
  const where = refusal.resource === 'folder' ? 'this data folder' : 'this database';
  const why = owner.tokenFile ? `its token file ${owner.tokenFile} cannot be read` : `it was started with ${API_TOKEN_ENV}`;
  throw new PerpvolError(
    'unauthorized',
    'owner_token_missing',
    `${describeOwner(owner)} owns ${where} and takes changes through its REST API, but ${why}. Set ${API_TOKEN_ENV} to the token it uses and run the command again.`,
  );
}
