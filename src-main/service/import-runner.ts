/**
 * Starts an import in a worker thread (import-worker.ts) and turns its one answer back into a
 * result or a PerpvolError. The worker is found beside this module: the TypeScript source under
 * tsx, the bundled file in a build (out/cli/import-worker.mjs beside perpvol.mjs, out/main/
 * import-worker.js beside the Electron main bundle).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportFillsResult } from '../../src-shared/schemas.ts';
import { PerpvolError } from '../core/errors.ts';
import type { ImportWorkerData, ImportWorkerReply } from './import-job.ts';

/** The bundles' worker (CLI, Electron main), else the source's tsx bootstrap. */
const WORKER_FILE_NAMES = ['import-worker.mjs', 'import-worker.js', 'import-worker-tsx.mjs'];

/**
 * The worker's heap, capped. What an import keeps alive is small (the file's bytes are outside the
 * heap; a page of fills, the synced fills an overlap check needs, and at most one second's count of
 * identical rows); the cap makes V8 collect the rest as it goes instead of letting a 50 MB file's
 * garbage pile up to ~400 MB first. A file that would need more ends as import_stopped.
 */
const WORKER_HEAP_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

export function importWorkerUrl(): URL {
  for (const name of WORKER_FILE_NAMES) {
    const url = new URL(`./${name}`, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new PerpvolError('internal', 'import_worker_missing', `The import worker (${WORKER_FILE_NAMES.join(' or ')}) is missing beside ${fileURLToPath(import.meta.url)}; rebuild Perpvol (npm run build).`);
}

export interface RunningImport {
  done: Promise<ImportFillsResult>;
  /** Ends the worker; an open transaction is rolled back with its connection. */
  terminate(): Promise<void>;
}

export function startImportWorker(data: ImportWorkerData): RunningImport {
  const url = importWorkerUrl();
  // A REST body is handed over, not copied: after this the server thread no longer holds it.
  const bytes = data.source.kind === 'json-body' ? data.source.body : data.source.csv;
  const transferList = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer as ArrayBuffer] : [];
  const worker = new Worker(url, { workerData: data, transferList, resourceLimits: WORKER_HEAP_LIMITS });
  const done = new Promise<ImportFillsResult>((resolve, reject) => {
    let settled = false;
    const stopped = (why: string) => {
      if (settled) return;
      settled = true;
      reject(
        new PerpvolError(
          'storage',
          'import_stopped',
          `The import stopped before it finished (${why}). An import is one transaction, so nothing of it was stored unless it had finished; importing the same file again never counts a fill twice.`,
        ),
      );
    };
    worker.once('message', (reply: ImportWorkerReply) => {
      settled = true;
      if (reply.ok) resolve(reply.result);
      else reject(new PerpvolError(reply.error.kind, reply.error.code, reply.error.message, reply.error.retryable));
    });
    worker.once('error', (error) => stopped(error.message));
    worker.once('exit', (code) => stopped(`exit code ${code}`));
  });
  return { done, terminate: async () => void (await worker.terminate()) };
}
