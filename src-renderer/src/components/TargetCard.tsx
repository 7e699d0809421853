/** The user's rolling 14- or 30-day volume target and how far along they are. */
import { useState } from 'react';
import type { DayVolume } from '../../../src-shared/schemas.ts';
import { utcDay } from '../lib/dates.ts';
import { formatUsd, formatUsdExact } from '../lib/format.ts';
import { computeTargetProgress, parseSavedTarget, TARGET_STORAGE_KEY, type TargetWindow, type VolumeTarget } from '../lib/target-progress.ts';
import { Button, cancelOnEscape, Card, inputClass, ProgressBar } from './ui.tsx';

export function TargetCard({ days }: { days: DayVolume[] }) {
  const [target, setTarget] = useState<VolumeTarget | null>(() => parseSavedTarget(localStorage.getItem(TARGET_STORAGE_KEY)));
  const [editing, setEditing] = useState(false);
  const [windowDays, setWindowDays] = useState<TargetWindow>(target?.windowDays ?? 30);
  const [amount, setAmount] = useState(target ? String(target.volumeUsd) : '');
  const [amountError, setAmountError] = useState<string | null>(null);

  const save = () => {
    const volumeUsd = Number(amount.replace(/[,\s_$]/g, ''));
    if (!Number.isFinite(volumeUsd) || volumeUsd <= 0) {
      setAmountError('Enter a positive USD amount, e.g. 5000000');
      return;
    }
    const next = { windowDays, volumeUsd };
    localStorage.setItem(TARGET_STORAGE_KEY, JSON.stringify(next));
    setTarget(next);
    setAmountError(null);
    setEditing(false);
  };

  const progress = target ? computeTargetProgress(target, days, utcDay(Date.now())) : null;
  return (
    <Card title="Volume target" actions={!editing && <Button variant="secondary" onClick={() => setEditing(true)}>{target ? 'Change target' : 'Set a target'}</Button>}>
      {editing ? (
        <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => { e.preventDefault(); save(); }} onKeyDown={cancelOnEscape(() => setEditing(false))}>
          <div>
            <label htmlFor="target-window" className="block text-sm font-medium">Window</label>
            <select id="target-window" className={inputClass} value={windowDays} onChange={(e) => setWindowDays(Number(e.target.value) as TargetWindow)}>
              <option value={14}>last 14 days</option>
              <option value={30}>last 30 days</option>
            </select>
          </div>
          <div>
            <label htmlFor="target-amount" className="block text-sm font-medium">Volume (USD)</label>
            <input id="target-amount" inputMode="decimal" autoFocus className={inputClass} value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={amountError !== null} aria-describedby={amountError ? 'target-amount-error' : undefined} />
          </div>
          <Button type="submit">Save</Button>
          <Button variant="secondary" onClick={() => setEditing(false)}>Cancel</Button>
          {amountError && <p id="target-amount-error" className="w-full text-sm text-red-600 dark:text-red-400">{amountError}</p>}
        </form>
      ) : progress && target ? (
        <div className="space-y-2">
          <div className="flex flex-wrap items-baseline justify-between gap-2 tabular-nums">
            <span className="text-lg font-semibold">{formatUsd(progress.currentUsd)} <span className="text-sm font-normal text-slate-500">of {formatUsd(progress.targetUsd)} in the last {target.windowDays} days</span></span>
            <span className="text-sm">{progress.reached ? 'Target reached 🎉' : `${formatUsdExact(progress.remainingUsd)} to go`}</span>
          </div>
          <ProgressBar fraction={progress.fraction} label={`Progress toward the ${target.windowDays}-day target`} tone={progress.reached ? 'emerald' : 'indigo'} />
          <p className="text-xs text-slate-500 tabular-nums">
            At 00:00 UTC {formatUsdExact(progress.leavingAtMidnightUsd)} leaves the window; without new trades the total will be {formatUsdExact(progress.tomorrowWithoutTradesUsd)}.
          </p>
        </div>
      ) : (
        <p className="text-sm text-slate-500">Fee tiers count your last 14 or 30 days of volume. Set a target to see how close you are and what drops out at midnight.</p>
      )}
    </Card>
  );
}
