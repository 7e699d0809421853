/**
 * Who owns a data folder (or a Postgres database) right now: written by the owner the moment it
 * holds the lock, read by anyone the lock refuses so the refusal can name the owner, and by CLI
 * write commands to find the owner's REST API. It is a description, never the lock itself.
 */
import { hostname } from 'node:os';
import { z } from 'zod';

export const OWNER_FACES = ['server', 'desktop', 'cli'] as const;
export type OwnerFace = (typeof OWNER_FACES)[number];

export const OwnerRecordSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  face: z.enum(OWNER_FACES),
  /** The CLI command holding it (`sync`, `accounts add`), null for the server and the desktop app. */
  command: z.string().nullable(),
  /** ISO time the lease was taken. */
  since: z.string(),
  /** Where its REST API answers (the server, once it listens); null for the desktop app and the CLI. */
  url: z.string().nullable(),
  dataDir: z.string(),
  /** The API token file a local CLI can authenticate with; null when the token came from PERPVOL_API_TOKEN. */
  tokenFile: z.string().nullable(),
  version: z.string(),
});
export type OwnerRecord = z.infer<typeof OwnerRecordSchema>;

export function newOwnerRecord(fields: { face: OwnerFace; command?: string | null; dataDir: string; version: string; now?: number }): OwnerRecord {
  return {
    pid: process.pid,
    host: hostname(),
    face: fields.face,
    command: fields.command ?? null,
    since: new Date(fields.now ?? Date.now()).toISOString(),
    url: null,
    dataDir: fields.dataDir,
    tokenFile: null,
    version: fields.version,
  };
}

export function parseOwnerRecord(text: string): OwnerRecord | null {
  try {
    const parsed = OwnerRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const FACE_NAMES: Record<OwnerFace, string> = { server: 'perpvol serve', desktop: 'the Perpvol desktop app', cli: 'perpvol' };

/** "perpvol serve (pid 4242 on studio, since 2026-11-30 09:12:03 UTC, at http://127.0.0.1:7420)" */
export function describeOwner(owner: OwnerRecord): string {
  const name = owner.face === 'cli' && owner.command ? `\`perpvol ${owner.command}\`` : FACE_NAMES[owner.face];
  const where = owner.host === hostname() ? `pid ${owner.pid}` : `pid ${owner.pid} on ${owner.host}`;
  const since = `since ${owner.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC')}`;
  const url = owner.url ? `, at ${owner.url}` : owner.face === 'server' ? ', still starting' : '';
  return `${name} (${where}, ${since}${url})`;
}

/** Whether a process of this machine is alive; other machines' processes cannot be checked. */
export function ownerIsAlive(owner: OwnerRecord): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
