/** Small building blocks shared by the pages; styling lives here so pages read as content. */
import type { ReactNode } from 'react';
import { formatUsdExact } from '../lib/format.ts';

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

export function ErrorNote({ code, message, advice }: { code?: string; message: string; advice?: string }) {
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
      <p className="font-medium">{message}</p>
      {advice && <p className="mt-1">{advice}</p>}
      {code && <p className="mt-1 font-mono text-xs opacity-70">{code}</p>}
    </div>
  );
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

export function Stat({ label, value, detail, usd }: { label: string; value: string; detail?: string | undefined; usd?: number | undefined }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</div>
      {/* Sized so a nine-figure total fits a phone's two columns and the desktop's six; wraps rather than spill out. */}
      <div className="mt-1 text-lg font-semibold tabular-nums [overflow-wrap:anywhere] sm:text-2xl xl:text-xl" data-testid={`stat-${label}`} data-usd={usd}
        title={usd === undefined ? undefined : formatUsdExact(usd)}>{value}</div>
      {detail && <div className="mt-1 text-xs text-slate-500 tabular-nums dark:text-slate-400">{detail}</div>}
    </div>
  );
}
