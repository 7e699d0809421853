/**
 * Says, above every page, when the server cannot be reached, and that it reconnects by itself —
 * naming the command that started the server (`npm run demo`, `npm run headless`, `perpvol serve`),
 * which the server told the dashboard while it could (health's `startedWith`).
 */
import { useEffect, useState } from 'react';
import type { StartCommand } from '../../../src-shared/schemas.ts';
import type { Connection } from '../api/connection-state.ts';
import { useApi } from '../hooks/api-context.ts';

export function ConnectionBanner() {
  const { client, connection } = useApi();
  const [state, setState] = useState<Connection>(() => connection?.current() ?? 'online');
  const [command, setCommand] = useState<StartCommand | null>(null);
  useEffect(() => connection?.subscribe(setState), [connection]);
  useEffect(() => {
    if (!connection) return;
    let cancelled = false;
    client.health({}).then((health) => { if (!cancelled) setCommand(health.startedWith ?? null); }, () => {});
    return () => { cancelled = true; };
  }, [client, connection]);
  // The live region is always in the page, so screen readers announce the change when it fills.
  return (
    <div role="status" aria-live="polite">
      {state === 'lost' && (
        <div className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200" data-testid="connection-lost">
          Connection to the Perpvol server lost. The numbers below may be out of date; reconnecting by itself —{' '}
          {command ? <>check that <code className="font-semibold">{command}</code> is still running in the terminal you started it from.</> : 'check that the Perpvol server is still running.'}
        </div>
      )}
    </div>
  );
}
