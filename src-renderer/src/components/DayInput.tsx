/**
 * A UTC day field that reads and writes days as the rest of the dashboard does ("Dec 7, 2026"). What
 * is typed is checked when the field is left (or on Enter): nothing is called wrong before then.
 */
import { useEffect, useState } from 'react';
import { parseDayInput } from '../lib/day-input.ts';
import { formatDay } from '../lib/format.ts';
import { inputClass } from './ui.tsx';

export function DayInput({ id, label, value, onChange, placeholder = 'e.g. Dec 7, 2026' }: {
  id: string;
  label: string;
  /** 'YYYY-MM-DD' or null (empty). */
  value: string | null;
  onChange: (day: string | null) => void;
  placeholder?: string;
}) {
  const [text, setText] = useState(value ? formatDay(value) : '');
  const [error, setError] = useState<string | null>(null);
  // A new value from outside (a link, another control) replaces what is shown.
  useEffect(() => {
    setText(value ? formatDay(value) : '');
    setError(null);
  }, [value]);
  const commit = () => {
    if (text.trim() === '') {
      setError(null);
      if (value !== null) onChange(null);
      return;
    }
    const day = parseDayInput(text);
    if (!day) return setError(`Write a day like ${formatDay('2026-12-07')}.`);
    setError(null);
    setText(formatDay(day));
    if (day !== value) onChange(day);
  };
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-xs">{label}</label>
      <input id={id} type="text" inputMode="text" autoComplete="off" className={`${inputClass} sm:w-36`} value={text} placeholder={placeholder}
        onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => { if (e.key === 'Enter') commit(); }}
        aria-invalid={error !== null} aria-describedby={error ? `${id}-error` : undefined} />
      {error && <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">{error}</p>}
    </div>
  );
}
