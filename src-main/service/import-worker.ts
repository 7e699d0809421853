/**
 * The import worker thread (started by import-runner.ts): parses the request body or the file and
 * writes the fills on a database connection of its own, in one transaction, while the thread that
 * serves requests and events goes on. It answers with exactly one message, the result or the
 * error, and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { asPerpvolError } from '../core/errors.ts';
import { openStore } from '../store/open-store.ts';
import { runCsvImport } from './csv-import.ts';
import { csvImportJob, type ImportWorkerData, type ImportWorkerReply } from './import-job.ts';

async function run(data: ImportWorkerData): Promise<ImportWorkerReply> {
  try {
    const job = csvImportJob(data); // the body and its fields are checked before the database is opened
    const store = await openStore(data.database);
    try {
      return { ok: true, result: await runCsvImport(store, job) };
    } finally {
      await store.close();
    }
  } catch (error) {
    const failure = asPerpvolError(error);
    return { ok: false, error: { kind: failure.kind, code: failure.code, message: failure.message, retryable: failure.retryable } };
  }
}

if (parentPort) parentPort.postMessage(await run(workerData as ImportWorkerData));
