// Under tsx (tests, `npm run perpvol`) the worker is TypeScript: register tsx's loader in this
// thread — a worker does not inherit it — then run the worker. Builds bundle import-worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./import-worker.ts');
