/** Small building blocks shared by the pages; styling lives here so pages read as content. */
import type { KeyboardEvent, ReactNode } from 'react';
import { formatUsdExact, withReadableDates } from '../lib/format.ts';

export function Card({ title, children, actions }: { title?: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      {(title || actions) && (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          {title && <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h2>}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

export function ProgressBar({ fraction, label, tone = 'indigo' }: { fraction: number; label: string; tone?: 'indigo' | 'emerald' | 'red' }) {
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 1000) / 10;
  const colour = tone === 'emerald' ? 'bg-emerald-500' : tone === 'red' ? 'bg-red-500' : 'bg-indigo-500';
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800">
      <div className={`h-full ${colour}`} style={{ width: `${percent}%` }} />
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="mx-auto mt-2 max-w-prose text-slate-600 dark:text-slate-400">{children}</div>
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}

/**
 * An error for a person: the service's message (dates as the dashboard writes them) and what to do.
 * The stable code stays out of the text (people read sentences, not `import_invalid_row`); it is
 * kept on the element (data-code) for support and tests.
 */
export function ErrorNote({ code, message, advice }: { code?: string; message: string; advice?: string | undefined }) {
  // The system's own words (getaddrinfo ENOTFOUND, HTTP 503) come on a "Details:" line: folded, for support.
  const [sentence, details] = splitDetails(message);
  return (
    <div role="alert" data-code={code} className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 [overflow-wrap:anywhere] dark:border-red-900 dark:bg-red-950 dark:text-red-200">
      <p className="font-medium">{withReadableDates(sentence)}</p>
      {advice && <p className="mt-1">{advice}</p>}
      {details && (
        <details className="mt-1 text-xs" data-testid="error-details">
          <summary className="cursor-pointer">Details</summary>
          <p className="mt-1 font-mono">{details}</p>
        </details>
      )}
    </div>
  );
}

/** "Sentence.\nDetails: getaddrinfo ENOTFOUND host" → ["Sentence.", "getaddrinfo ENOTFOUND host"]. */
export function splitDetails(message: string): [string, string | null] {
  const at = message.indexOf('\nDetails: ');
  return at === -1 ? [message, null] : [message.slice(0, at), message.slice(at + '\nDetails: '.length)];
}

export function Button({
  children,
  onClick,
  variant = 'primary',
  type = 'button',
  disabled,
  ariaLabel,
  autoFocus,
}: {
  children: ReactNode;
  onClick?: () => void;
  variant?: 'primary' | 'secondary' | 'danger';
  type?: 'button' | 'submit';
  disabled?: boolean;
  ariaLabel?: string;
  /** For a button that replaces the one just pressed, so keyboard focus is not dropped to the page's top. */
  autoFocus?: boolean;
}) {
  const styles = {
    primary: 'bg-indigo-600 text-white hover:bg-indigo-500',
    secondary: 'border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700',
    danger: 'border border-red-300 bg-white text-red-700 hover:bg-red-50 dark:border-red-900 dark:bg-slate-900 dark:text-red-300 dark:hover:bg-red-950',
  }[variant];
  return (
    <button
      type={type}
      onClick={onClick}
      disabled={disabled}
      aria-label={ariaLabel}
      autoFocus={autoFocus}
      className={`rounded-lg px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-50 ${styles}`}
    >
      {children}
    </button>
  );
}

/** Escape cancels an inline form, as it closes a dialog. */
export function cancelOnEscape(cancel: (() => void) | undefined) {
  return (event: { key: string; preventDefault(): void }) => {
    if (event.key === 'Escape' && cancel) {
      event.preventDefault();
      cancel();
    }
  };
}

export const inputClass =
  'w-full rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100';

export function Field({ id, label, error, help, children }: { id: string; label: string; error?: string | undefined; help?: ReactNode; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      {children}
      {help && <p className="text-xs text-slate-500 dark:text-slate-400">{help}</p>}
      {error && <p id={`${id}-error`} className="text-sm text-red-600 dark:text-red-400">{error}</p>}
    </div>
  );
}

/**
 * A headline figure. Inside a <dl> (StatGrid), a screen reader reads "Today, $1,234,567, fees
 * $612.40 · 1,204 trades" as one item; "partial" and unpriced fees are words, not only colour.
 */
export function Stat({ label, value, detail, usd, extra, partialNote }: {
  label: string;
  value: string;
  detail?: string | undefined;
  usd?: number | undefined;
  extra?: ReactNode;
  /** Set while a backfill has not reached the whole window: says why the figure will still grow. */
  partialNote?: string | null | undefined;
}) {
  return (
    <div className="min-w-0 rounded-xl border border-slate-200 bg-white p-3 shadow-sm sm:p-4 dark:border-slate-800 dark:bg-slate-900">
      <dt className="flex flex-wrap items-center gap-1 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
        {label}
        {partialNote && <span className="rounded bg-amber-100 px-1 text-[10px] font-semibold normal-case tracking-normal text-amber-900 dark:bg-amber-900/60 dark:text-amber-100" title={partialNote}>partial</span>}
      </dt>
      {/* Sized so a nine-figure total fits a phone's two columns and the desktop's six; wraps rather than spill out. */}
      <dd className="mt-1 text-lg font-semibold tabular-nums [overflow-wrap:anywhere] sm:text-2xl xl:text-xl" data-testid={`stat-${label}`} data-usd={usd}
        data-partial={partialNote ? true : undefined} title={usd === undefined ? undefined : formatUsdExact(usd)}>{value}</dd>
      {detail && <dd className="mt-1 text-xs text-slate-500 tabular-nums dark:text-slate-400">{detail}</dd>}
      {extra && <dd className="mt-1 text-xs">{extra}</dd>}
      {partialNote && <dd className="mt-1 text-xs text-amber-800 dark:text-amber-300"><span className="sr-only">Partial: </span>{partialNote}</dd>}
    </div>
  );
}

/** The page's heading and, beside it, controls that apply to the whole page. */
export function PageHeader({ title, children, subtitle }: { title: string; children?: ReactNode; subtitle?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-xl font-semibold tracking-tight sm:text-2xl">{title}</h1>
        {subtitle && <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{subtitle}</p>}
      </div>
      {children && <div className="flex flex-wrap items-center gap-2">{children}</div>}
    </div>
  );
}

/** A row of mutually exclusive choices (a radio group that looks like buttons). */
export function Segmented<T extends string>({ label, value, options, onChange, testId }: {
  label: string;
  value: T;
  options: readonly { id: T; label: string; title?: string }[];
  onChange: (value: T) => void;
  testId?: string;
}) {
  // A radio group is one tab stop; the arrow keys move the choice, as in a native radio group.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const index = (options.findIndex((o) => o.id === value) + step + options.length) % options.length;
    onChange(options[index]!.id);
    (event.currentTarget.querySelectorAll('[role="radio"]')[index] as HTMLElement | undefined)?.focus();
  };
  return (
    <div role="radiogroup" aria-label={label} className="inline-flex flex-wrap rounded-lg bg-slate-100 p-0.5 dark:bg-slate-800" data-testid={testId} onKeyDown={onKeyDown}>
      {options.map((option) => (
        <button key={option.id} type="button" role="radio" aria-checked={value === option.id} tabIndex={value === option.id ? 0 : -1} title={option.title} onClick={() => onChange(option.id)}
          className={`rounded-md px-2.5 py-1 text-sm focus-visible:outline-2 focus-visible:outline-indigo-500 ${value === option.id ? 'bg-white font-medium text-slate-900 shadow-sm dark:bg-slate-600 dark:text-white' : 'text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white'}`}>
          {option.label}
        </button>
      ))}
    </div>
  );
}

/** A small coloured mark beside a series' name (the colour is also the series' in every chart). */
export function Swatch({ color, className = '' }: { color: string; className?: string }) {
  return <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 shrink-0 rounded-sm ${className}`} style={{ backgroundColor: color }} data-color={color} />;
}
