/**
 * How the user started this server, in the words they typed, so the dashboard's "connection lost"
 * banner can say which command to check on (`npm run demo`, not `perpvol serve`). npm names the
 * script it runs in `npm_lifecycle_event`; anything else is the installed `perpvol serve`.
 */
import type { StartCommand } from '../../src-shared/schemas.ts';

const BY_NPM_SCRIPT: Record<string, StartCommand> = {
  headless: 'npm run headless',
  demo: 'npm run demo',
  perpvol: 'npm run perpvol -- serve',
};

export function startCommandFromEnv(env: NodeJS.ProcessEnv): StartCommand {
  return BY_NPM_SCRIPT[env.npm_lifecycle_event ?? ''] ?? 'perpvol serve';
}
