/**
 * "Import CSV export…": the exchange's own trade-history file fills the history its API no longer
 * serves. The file is checked here first (size), uploaded through the ApiClient (IPC or HTTP), and
 * the answer is shown in one sentence; a refusal is shown with the service's message, and when it
 * names a fix (the file's UTC offset, the date order) that fix is one click.
 */
import { useId, useState } from 'react';
import type { ExchangeIdValue, ImportFillsResult } from '../../../src-shared/schemas.ts';
import { toApiError, type ApiError } from '../api/api-client.ts';
import { useApi } from '../hooks/api-context.ts';
import { useExchangeCatalog, useExchangeInfo } from '../hooks/exchanges-context.ts';
import { checkImportFile, importAdvice, importRetries, importSummary, utcOffsetProblem, whereToExport, type DateOrder, type ImportRetry } from '../lib/csv-import.ts';
import { Button, cancelOnEscape, ErrorNote, Field, inputClass } from './ui.tsx';

export interface ImportTarget {
  accountId: string;
  exchange: ExchangeIdValue;
  label: string;
}

type Phase = { kind: 'idle' } | { kind: 'reading' } | { kind: 'uploading' } | { kind: 'done'; result: ImportFillsResult } | { kind: 'failed'; error: ApiError };

export function ImportCsvForm({ target, onImported, onClose }: { target: ImportTarget; onImported: (result: ImportFillsResult) => void; onClose: () => void }) {
  const catalog = useExchangeCatalog();
  const { client } = useApi();
  const exchangeInfo = useExchangeInfo(target.exchange);
  const idPrefix = `import-${useId().replace(/:/g, '')}`;
  const exchange = catalog.name(target.exchange);
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [advanced, setAdvanced] = useState(false);
  const [utcOffset, setUtcOffset] = useState('');
  const [dateOrder, setDateOrder] = useState<DateOrder | ''>('');
  const [offsetProblem, setOffsetProblem] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const busy = phase.kind === 'reading' || phase.kind === 'uploading';

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setPhase({ kind: 'idle' });
    setFileProblem(chosen ? checkImportFile(chosen) : null);
  };

  const upload = async (options: { utcOffset: string; dateOrder: DateOrder | '' }) => {
    if (!file) {
      setFileProblem('Choose the CSV file you exported first.');
      return;
    }
    const problem = checkImportFile(file);
    const badOffset = utcOffsetProblem(options.utcOffset);
    setFileProblem(problem);
    setOffsetProblem(badOffset);
    if (problem || badOffset) return;
    setPhase({ kind: 'reading' });
    try {
      const csv = await file.text();
      setPhase({ kind: 'uploading' });
      const result = await client.importFills({
        id: target.accountId,
        csv,
        ...(options.utcOffset.trim() ? { utcOffset: options.utcOffset.trim() } : {}),
        ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
      });
      setPhase({ kind: 'done', result });
      onImported(result);
    } catch (reason) {
      setPhase({ kind: 'failed', error: toApiError(reason) });
    }
  };

  /** A suggested fix goes into the advanced fields (so the user sees what was used), then uploads again. */
  const retry = (fix: ImportRetry) => {
    const next = { utcOffset: fix.options.utcOffset ?? utcOffset, dateOrder: fix.options.dateOrder ?? dateOrder };
    setUtcOffset(next.utcOffset);
    setDateOrder(next.dateOrder);
    setAdvanced(true);
    void upload(next);
  };

  const retries = phase.kind === 'failed' ? importRetries(phase.error) : [];
  return (
    <form className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      noValidate aria-label={`Import a ${exchange} CSV export into ${target.label}`} data-testid="import-form" aria-busy={busy}
      onSubmit={(e) => { e.preventDefault(); void upload({ utcOffset, dateOrder }); }} onKeyDown={cancelOnEscape(busy ? undefined : onClose)}>
      <p className="text-slate-700 dark:text-slate-300">
        {whereToExport(exchangeInfo)}, then choose the file here (up to 50 MB). Fills already stored are recognised, so importing a file
        again, or one that overlaps what was synced, counts nothing twice.
      </p>
      <Field id={`${idPrefix}-file`} label="CSV export" error={fileProblem ?? undefined}>
        <input id={`${idPrefix}-file`} type="file" accept=".csv,text/csv" disabled={busy} autoFocus
          aria-invalid={fileProblem ? true : undefined} aria-describedby={fileProblem ? `${idPrefix}-file-error` : undefined}
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
          className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-lg file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:text-slate-300 dark:file:border-slate-700 dark:file:bg-slate-800 dark:file:text-slate-100" />
      </Field>
      <button type="button" className="rounded text-slate-600 underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-slate-400" aria-expanded={advanced} onClick={() => setAdvanced(!advanced)}>
        {advanced ? 'Hide' : 'Show'} advanced options
      </button>
      {advanced && (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={`${idPrefix}-offset`} label="UTC offset of the file's times" error={offsetProblem ?? undefined} help={exchangeInfo?.csvImport?.timeZoneHelp}>
            <input id={`${idPrefix}-offset`} className={inputClass} placeholder="+02:00 (empty: UTC)" value={utcOffset} disabled={busy}
              aria-invalid={offsetProblem ? true : undefined} onChange={(e) => { setUtcOffset(e.target.value); setOffsetProblem(null); }} />
          </Field>
          <Field id={`${idPrefix}-date-order`} label="Date order" help="Only for dates like 06/01/2025 when no day in the file is above 12.">
            <select id={`${idPrefix}-date-order`} className={inputClass} value={dateOrder} disabled={busy} onChange={(e) => setDateOrder(e.target.value as DateOrder | '')}>
              <option value="">Tell from the file</option>
              <option value="day-first">Day first (31/01/2025)</option>
              <option value="month-first">Month first (01/31/2025)</option>
            </select>
          </Field>
        </div>
      )}
      {busy && (
        <div className="space-y-1" role="status">
          <div role="progressbar" aria-label="Importing the file" className="h-2 w-full animate-pulse overflow-hidden rounded-full bg-indigo-200 dark:bg-indigo-900">
            <div className="h-full w-1/3 rounded-full bg-indigo-500" />
          </div>
          <p className="text-xs text-slate-500">{phase.kind === 'reading' ? 'Reading the file…' : `Importing ${file?.name ?? 'the file'}… a large export takes a little while.`}</p>
        </div>
      )}
      {phase.kind === 'done' && (
        <p role="status" className="rounded-lg bg-emerald-50 p-2 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" data-testid="import-result">
          ✓ {importSummary(phase.result)}
        </p>
      )}
      {phase.kind === 'failed' && (
        <div className="space-y-2" data-testid="import-error">
          <ErrorNote code={phase.error.code} message={phase.error.message} advice={importAdvice(phase.error) ?? undefined} />
          {retries.length > 0 && (
            <div className="flex flex-wrap gap-2">
              {retries.map((fix) => <Button key={fix.label} onClick={() => retry(fix)}>{fix.label}</Button>)}
            </div>
          )}
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant={retries.length > 0 || phase.kind === 'done' ? 'secondary' : 'primary'} disabled={busy || fileProblem !== null}>{busy ? 'Importing…' : 'Import'}</Button>
        <Button variant="secondary" onClick={onClose}>{phase.kind === 'done' ? 'Done' : 'Cancel'}</Button>
      </div>
    </form>
  );
}
