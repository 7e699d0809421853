/**
 * "Replace key" on a keyed account: the same fields as adding it, checked the same way (locally,
 * then by the exchange), with each problem next to the field it concerns. The account keeps its
 * history; only the stored key changes.
 */
import { useState } from 'react';
import type { Account } from '../../../src-shared/schemas.ts';
import { toApiError, type ApiError } from '../api/api-client.ts';
import { useApi } from '../hooks/api-context.ts';
import { useExchangeInfo } from '../hooks/exchanges-context.ts';
import { checkCredentials, credentialFormFor, variantOf, type ExchangeInfo, type FieldErrors } from '../lib/account-forms.ts';
import { fieldForError } from '../lib/credential-errors.ts';
import { adviceWhenReplacing, isWithdrawalPermissionError } from '../lib/error-advice.ts';
import { CredentialFields, CredentialVariantChoice } from './CredentialFields.tsx';
import { Button, cancelOnEscape, ErrorNote } from './ui.tsx';

export function ReplaceKeyForm({ account, onReplaced, onCancel }: { account: Account; onReplaced: (account: Account) => void; onCancel: () => void }) {
  const form = useExchangeInfo(account.exchange);
  // The key can be replaced only once the exchange's description (its fields) has arrived.
  return form ? <ReplaceKeyFields form={form} account={account} onReplaced={onReplaced} onCancel={onCancel} /> : null;
}

function ReplaceKeyFields({ form, account, onReplaced, onCancel }: { form: ExchangeInfo; account: Account; onReplaced: (account: Account) => void; onCancel: () => void }) {
  const { client } = useApi();
  const [values, setValues] = useState<Record<string, string>>({});
  const [variant, setVariant] = useState<string | undefined>(variantOf(form, account));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [allowWithdrawal, setAllowWithdrawal] = useState(false);
  const [offerWithdrawal, setOfferWithdrawal] = useState(false);
  const [busy, setBusy] = useState(false);
  const idPrefix = `rotate-${account.id}`;

  const submit = async () => {
    setFormError(null);
    const check = checkCredentials(form, values, variant);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const updated = await client.rotateCredentials({
        id: account.id,
        credentials: check.credentials,
        ...(allowWithdrawal ? { allowWithdrawalPermission: true } : {}),
      });
      onReplaced(updated);
    } catch (reason) {
      const error = toApiError(reason);
      const field = fieldForError(form, error.code);
      if (isWithdrawalPermissionError(error.code)) setOfferWithdrawal(true);
      // The connector's message already says what to do about that field.
      if (field) setErrors({ [field]: error.message });
      else setFormError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="space-y-3 rounded-lg border border-slate-200 p-3 dark:border-slate-700" noValidate aria-label={`Replace the key of ${account.label}`}
      data-testid={`replace-key-${account.id}`} onSubmit={(e) => { e.preventDefault(); void submit(); }} onKeyDown={cancelOnEscape(onCancel)}>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Paste a new key of the same {form.label} account. Perpvol checks it with {form.label} before storing it; the old key is forgotten and
        your history stays. {credentialFormFor(form, variant).help.split('. ')[0]}.
      </p>
      <CredentialVariantChoice form={form} idPrefix={idPrefix} variant={variant}
        onChange={(next) => { setVariant(next); setValues({}); setErrors({}); }} />
      <CredentialFields form={form} variant={variant} idPrefix={idPrefix} values={values} errors={errors} onChange={setValues} autoFocusFirst />
      {formError && <ErrorNote code={formError.code} message={formError.message} advice={adviceWhenReplacing(formError.code)} />}
      {offerWithdrawal || allowWithdrawal ? (
        <label className="flex items-start gap-2 text-sm text-amber-800 dark:text-amber-300">
          <input type="checkbox" className="mt-0.5 h-4 w-4 accent-amber-600" checked={allowWithdrawal} onChange={(e) => setAllowWithdrawal(e.target.checked)} />
          Replace anyway: I understand this key can move funds, and anyone who copies it from this computer could too.
        </label>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={busy}>{busy ? 'Checking the key…' : 'Replace key'}</Button>
        <Button variant="secondary" onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
