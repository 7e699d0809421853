/**
 * Replacing a file so that a reader — or the next start after a crash at any instant — sees either
 * the whole old file or the whole new one: write a private temp file beside it, flush it to disk,
 * rename it over the old one (atomic within a folder), then flush the folder so the rename itself
 * survives a power cut.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files.ts';

export async function writeFileAtomically(filePath: string, text: string): Promise<void> {
  ensurePrivateDir(dirname(filePath));
  // pid + random: two writers (threads, processes) never share a temp file
  const tempPath = `${filePath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(tempPath, 'wx', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(tempPath, filePath);
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(filePath));
}

/** fsync of the folder entry; Windows cannot open a folder for that and commits renames itself. */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // some file systems refuse fsync on a folder; the file itself is already on disk
  } finally {
    await handle.close();
  }
}
