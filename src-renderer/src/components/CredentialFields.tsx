/** The exchange's credential inputs, shared by "Add an account" and "Replace key". */
import { credentialFormFor, type ExchangeInfo, type FieldErrors } from '../lib/account-forms.ts';
import { Field, inputClass } from './ui.tsx';

/**
 * The choice between the kinds of credential an exchange takes (Paradex: read-only token or
 * subkey), the recommended one first; nothing for exchanges with one kind.
 */
export function CredentialVariantChoice({ form, idPrefix, variant, onChange }: {
  form: ExchangeInfo;
  idPrefix: string;
  variant: string | undefined;
  onChange: (variant: string) => void;
}) {
  const variants = form.credentials;
  if (variants.length < 2) return null;
  const chosen = variant ?? variants[0]!.id;
  return (
    <fieldset className="space-y-1" data-testid={`${idPrefix}-variant`}>
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Credential</legend>
      <div className="flex flex-wrap gap-4">
        {variants.map((v) => (
          <label key={v.id} className="flex items-center gap-2 text-sm">
            <input type="radio" name={`${idPrefix}-variant`} value={v.id} checked={chosen === v.id} onChange={() => onChange(v.id)}
              className="h-4 w-4 accent-indigo-600" />
            {v.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function CredentialFields({ form, variant, idPrefix, values, errors, onChange, autoFocusFirst = false }: {
  form: ExchangeInfo;
  /** Which kind of credential, where the exchange takes several. */
  variant?: string | undefined;
  /** Input ids are `${idPrefix}-${field}` (e.g. account-apiSecret), so labels and errors stay linked. */
  idPrefix: string;
  values: Record<string, string>;
  errors: FieldErrors;
  onChange: (values: Record<string, string>) => void;
  /** When the form replaced the button that opened it: keyboard focus lands in its first field. */
  autoFocusFirst?: boolean;
}) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {credentialFormFor(form, variant).fields.map((field, index) => {
        const id = `${idPrefix}-${field.name}`;
        const error = errors[field.name];
        return (
          <Field key={`${form.id}-${field.name}`} id={id} label={field.label} error={error}>
            <input id={id} className={inputClass} aria-invalid={error !== undefined} aria-describedby={error ? `${id}-error` : undefined}
              type={field.secret ? 'password' : 'text'} autoComplete="off" spellCheck={false} autoFocus={autoFocusFirst && index === 0}
              placeholder={field.placeholder} value={values[field.name] ?? ''}
              onChange={(e) => onChange({ ...values, [field.name]: e.target.value })} />
          </Field>
        );
      })}
    </div>
  );
}
