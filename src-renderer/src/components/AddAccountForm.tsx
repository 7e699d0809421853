/** Add an account: the exchange's own fields and help, errors beside the field they concern. */
import { useState } from 'react';
import type { Account, ExchangeIdValue } from '../../../src-shared/schemas.ts';
import { toApiError, type ApiError } from '../api/api-client.ts';
import { useApi } from '../hooks/api-context.ts';
import { useExchanges } from '../hooks/exchanges-context.ts';
import { checkDraft, credentialFormFor, formFor, type AddAccountDraft, type ExchangeInfo, type FieldErrors } from '../lib/account-forms.ts';
import { adviceWhenAdding, isWithdrawalPermissionError } from '../lib/error-advice.ts';
import { CredentialFields, CredentialVariantChoice } from './CredentialFields.tsx';
import { Button, Card, cancelOnEscape, ErrorNote, Field, inputClass } from './ui.tsx';

const emptyDraft = (exchange: ExchangeIdValue): AddAccountDraft => ({ exchange, label: '', credentials: {}, baseUrl: '', allowWithdrawalPermission: false });

export function AddAccountForm({ onAdded, onCancel }: { onAdded: (account: Account) => void; onCancel?: () => void }) {
  const exchanges = useExchanges();
  // The exchanges' fields come from the server (GET /api/v1/exchanges): the form shows once they are here.
  if (exchanges.length === 0) return <Card title="Add an account"><p className="text-sm text-slate-600 dark:text-slate-400">Loading the exchanges…</p></Card>;
  return <AddAccountFields exchanges={exchanges} onAdded={onAdded} {...(onCancel ? { onCancel } : {})} />;
}

function AddAccountFields({ exchanges, onAdded, onCancel }: { exchanges: readonly ExchangeInfo[]; onAdded: (account: Account) => void; onCancel?: () => void }) {
  const { client } = useApi();
  const [draft, setDraft] = useState<AddAccountDraft>(emptyDraft(exchanges[0]!.id));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [advanced, setAdvanced] = useState(false);
  const form = formFor(exchanges, draft.exchange)!;
  const credentialForm = credentialFormFor(form, draft.variant);

  const submit = async () => {
    const check = checkDraft(form, draft);
    setServerError(null);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const account = await client.addAccount(check.input);
      setDraft(emptyDraft(draft.exchange));
      onAdded(account);
    } catch (reason) {
      setServerError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  const inputProps = (id: string, field: string) => ({
    id,
    className: inputClass,
    'aria-invalid': errors[field] !== undefined,
    'aria-describedby': errors[field] ? `${id}-error` : undefined,
  });

  return (
    <Card title="Add an account">
      <form className="space-y-4" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }} onKeyDown={cancelOnEscape(onCancel)}>
        <div className="grid gap-4 md:grid-cols-2">
          <Field id="account-exchange" label="Exchange">
            <select id="account-exchange" className={inputClass} value={draft.exchange}
              onChange={(e) => { setDraft(emptyDraft(e.target.value as ExchangeIdValue)); setErrors({}); setServerError(null); }}>
              {exchanges.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}
            </select>
          </Field>
          <Field id="account-label" label="Label" error={errors['label']} help="Your name for it, e.g. “Main” or “Market making”.">
            <input {...inputProps('account-label', 'label')} value={draft.label} onChange={(e) => setDraft({ ...draft, label: e.target.value })} />
          </Field>
        </div>
        <CredentialVariantChoice form={form} idPrefix="account" variant={draft.variant}
          onChange={(variant) => { setDraft({ ...draft, variant, credentials: {} }); setErrors({}); setServerError(null); }} />
        <p className="rounded-lg bg-slate-50 p-3 text-sm text-slate-700 dark:bg-slate-800/60 dark:text-slate-300" data-testid="account-help">
          {credentialForm.help} <a className="text-indigo-600 underline dark:text-indigo-400" href={form.helpUrl} target="_blank" rel="noreferrer">Open {form.label}</a>
        </p>
        <CredentialFields form={form} variant={draft.variant} idPrefix="account" values={draft.credentials} errors={errors}
          onChange={(credentials) => setDraft({ ...draft, credentials })} />
        <div>
          <button type="button" className="rounded text-sm text-slate-600 underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-slate-400" aria-expanded={advanced} onClick={() => setAdvanced(!advanced)}>
            {advanced ? 'Hide' : 'Show'} advanced options
          </button>
          {advanced && (
            <div className="mt-2">
              <Field id="account-baseUrl" label="API address (optional)" error={errors['baseUrl']} help="For a testnet or a proxy. Leave empty for the exchange's main site.">
                <input {...inputProps('account-baseUrl', 'baseUrl')} placeholder="https://…" value={draft.baseUrl} onChange={(e) => setDraft({ ...draft, baseUrl: e.target.value })} />
              </Field>
            </div>
          )}
        </div>
        {serverError && (
          <ErrorNote code={serverError.code} message={serverError.message} advice={adviceWhenAdding(serverError.code)} />
        )}
        {(serverError && isWithdrawalPermissionError(serverError.code)) || draft.allowWithdrawalPermission ? (
          <label className="flex items-start gap-2 text-sm text-amber-800 dark:text-amber-300">
            <input type="checkbox" className="mt-0.5 h-4 w-4 accent-amber-600" checked={draft.allowWithdrawalPermission}
              onChange={(e) => setDraft({ ...draft, allowWithdrawalPermission: e.target.checked })} />
            Add anyway: I understand this key can move funds, and anyone who copies it from this computer could too.
          </label>
        ) : null}
        <div className="flex gap-2">
          <Button type="submit" disabled={busy}>{busy ? 'Checking the key…' : 'Add account'}</Button>
          {onCancel && <Button variant="secondary" onClick={onCancel}>Cancel</Button>}
        </div>
      </form>
    </Card>
  );
}
