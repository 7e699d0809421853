/**
 * The headless server for bench/import.bench.ts: startServer exactly as `perpvol serve` runs it,
 * but with a short event-stream heartbeat (the product's is 15 s), so that the bench can see
 * whether the stream keeps flowing while an import runs. Bundled by the bench like the CLI is.
 *
 *   node out/bench/import-bench-server.mjs <data-dir> <heartbeat-ms>   (PERPVOL_API_TOKEN, PERPVOL_MASTER_KEY set)
 */
import { startServer } from '../../src-main/server/start.ts';

const [dataDir, heartbeat] = process.argv.slice(2);
if (!dataDir || !heartbeat) throw new Error('usage: import-bench-server <data-dir> <heartbeat-ms>');
const server = await startServer({ port: 0, dataDir, databaseUrl: null, staticDir: null, schedule: false, heartbeatMs: Number(heartbeat) });
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
