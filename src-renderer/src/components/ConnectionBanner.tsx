/** Says, above every page, when the server cannot be reached, and that it reconnects by itself. */
import { useEffect, useState } from 'react';
import type { Connection } from '../api/connection-state.ts';
import { useApi } from '../hooks/api-context.ts';

export function ConnectionBanner() {
  const { connection } = useApi();
  const [state, setState] = useState<Connection>(() => connection?.current() ?? 'online');
  useEffect(() => connection?.subscribe(setState), [connection]);
  // The live region is always in the page, so screen readers announce the change when it fills.
  return (
    <div role="status" aria-live="polite">
      {state === 'lost' && (
        <div className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200" data-testid="connection-lost">
          Connection to the Perpvol server lost. The numbers below may be out of date; reconnecting by itself — check that <code>perpvol serve</code> is still running.
        </div>
      )}
    </div>
  );
}
