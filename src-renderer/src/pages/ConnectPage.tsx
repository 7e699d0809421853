/** In a browser: asks once for the server's API token (printed by `perpvol serve`). */
import { useEffect, useState } from 'react';
import { Button, Field, inputClass } from '../components/ui.tsx';

export function ConnectPage({ onToken, refused }: { onToken: (token: string) => void; refused: boolean }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(refused ? 'The server refused this token. Paste the current one.' : undefined);
  useEffect(() => {
    document.title = 'Sign in · Perpvol';
  }, []);
  return (
    <main className="mx-auto mt-10 max-w-lg px-4 sm:mt-16">
      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="mb-3 text-xl font-semibold tracking-tight">Connect to your Perpvol server</h1>
        <form className="space-y-4" onSubmit={(e) => {
          e.preventDefault();
          if (token.trim() === '') { setError('Paste the API token.'); return; }
          onToken(token.trim());
        }}>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            The server keeps its API token in the file <code>api-token</code> in its data folder (it prints the path when it starts), or uses{' '}
            <code>PERPVOL_API_TOKEN</code> when that is set. A link ending in <code>#token=…</code> signs in directly. This browser remembers the token.
          </p>
          <Field id="api-token" label="API token" error={error}>
            <input id="api-token" type="password" autoComplete="off" className={inputClass} value={token} onChange={(e) => setToken(e.target.value)} aria-invalid={error !== undefined} />
          </Field>
          <Button type="submit">Connect</Button>
        </form>
      </section>
    </main>
  );
}
