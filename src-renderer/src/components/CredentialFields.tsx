/** The exchange's credential inputs, shared by "Add an account" and "Replace key". */
import type { ExchangeIdValue } from '../../../src-shared/schemas.ts';
import { formFor, type FieldErrors } from '../lib/account-forms.ts';
import { Field, inputClass } from './ui.tsx';

export function CredentialFields({ exchange, idPrefix, values, errors, onChange, autoFocusFirst = false }: {
  exchange: ExchangeIdValue;
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
      {formFor(exchange).fields.map((field, index) => {
        const id = `${idPrefix}-${field.name}`;
        const error = errors[field.name];
        return (
          <Field key={`${exchange}-${field.name}`} id={id} label={field.label} error={error}>
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
