/**
 * Desktop only, when the OS has no keychain (Linux 'basic_text'): says so, and asks for the
 * passphrase that encrypts the API secrets file this session. A wrong passphrase gets the secrets
 * store's own explanation, right under the field.
 */
import { useState } from 'react';
import type { DesktopSecretsBridge, SecretsState } from '../../../src-shared/desktop-secrets.ts';
import { checkPassphrase } from '../lib/passphrase.ts';
import { Button, Card, Field, inputClass } from './ui.tsx';

type NeedsPassphrase = Extract<SecretsState, { state: 'needs-passphrase' }>;

export function PassphraseDialog({ bridge, state, onUnlocked }: { bridge: DesktopSecretsBridge; state: NeedsPassphrase; onUnlocked: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const problems = checkPassphrase({ passphrase, confirm, creating: state.creating });
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const result = await bridge.unlockSecrets({ passphrase });
      if (result.ok) {
        onUnlocked();
        return;
      }
      setErrors({ passphrase: result.error.message });
    } catch (reason) {
      setErrors({ passphrase: reason instanceof Error ? reason.message : 'Perpvol could not unlock the secrets; try again.' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mx-auto mt-16 max-w-lg" role="dialog" aria-modal="true" aria-labelledby="passphrase-title">
      <Card>
        <form className="space-y-4" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          <h1 id="passphrase-title" className="text-lg font-semibold">{state.creating ? 'Choose a passphrase for your API secrets' : 'Unlock your API secrets'}</h1>
          <p className="text-sm text-slate-700 dark:text-slate-300">{state.reason}</p>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {state.creating
              ? 'Perpvol will encrypt your API keys with a passphrase instead (AES-256-GCM). It asks for it each time it starts and never stores it; if you forget it, you re-enter your keys.'
              : 'Perpvol keeps your API keys encrypted with the passphrase you chose. Type it to start.'}
            {' '}Installing and unlocking gnome-keyring or KWallet avoids this question.
          </p>
          <Field id="secrets-passphrase" label="Passphrase" error={errors['passphrase']}>
            <input id="secrets-passphrase" type="password" autoComplete={state.creating ? 'new-password' : 'current-password'} autoFocus className={inputClass}
              value={passphrase} onChange={(e) => setPassphrase(e.target.value)}
              aria-invalid={errors['passphrase'] !== undefined} aria-describedby={errors['passphrase'] ? 'secrets-passphrase-error' : undefined} />
          </Field>
          {state.creating && (
            <Field id="secrets-passphrase-confirm" label="Passphrase again" error={errors['confirm']}>
              <input id="secrets-passphrase-confirm" type="password" autoComplete="new-password" className={inputClass}
                value={confirm} onChange={(e) => setConfirm(e.target.value)}
                aria-invalid={errors['confirm'] !== undefined} aria-describedby={errors['confirm'] ? 'secrets-passphrase-confirm-error' : undefined} />
            </Field>
          )}
          <p className="text-xs text-slate-500">Encrypted file: <code className="break-all">{state.filePath}</code></p>
          <Button type="submit" disabled={busy}>{busy ? 'Unlocking…' : state.creating ? 'Use this passphrase' : 'Unlock'}</Button>
        </form>
      </Card>
    </div>
  );
}
