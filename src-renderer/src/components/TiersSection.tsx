/**
 * Fee tiers, one card per exchange (GET /api/v1/tiers). Usable as a section of a page or as a page
 * of its own; it reloads when new fills land or accounts change.
 */
import type { ExchangeIdValue } from '../../../src-shared/schemas.ts';
import { useApi } from '../hooks/api-context.ts';
import { isVolumeChange, useApiQuery } from '../hooks/use-api-query.ts';
import { ErrorNote } from './ui.tsx';
import { TierCard } from './TierCard.tsx';

export function TiersSection({ headingLevel = 2, showHeading = true }: { headingLevel?: 2 | 3; showHeading?: boolean }) {
  const { client } = useApi();
  const tiers = useApiQuery(() => client.tiers({}), [], isVolumeChange);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const data = tiers.data;
  // in the order the server lists them (its registry's)
  const exchanges = data ? (Object.keys(data.exchanges) as ExchangeIdValue[]).filter((id) => data.exchanges[id]) : [];
  return (
    <section aria-labelledby="fee-tiers-title" className="space-y-3">
      <Heading id="fee-tiers-title" className={showHeading ? 'text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400' : 'sr-only'}>Fee tiers</Heading>
      {tiers.error && <ErrorNote code={tiers.error.code} message={tiers.error.message} />}
      {data?.tierTableError && <ErrorNote code={data.tierTableError.code} message={data.tierTableError.message} />}
      {!data && !tiers.error && <p className="text-sm text-slate-500">Loading fee tiers…</p>}
      {data && exchanges.length === 0 && <p className="text-sm text-slate-500">Add an account to see where you stand on its exchange’s fee tiers.</p>}
      <div className="grid gap-3 md:grid-cols-2">
        {exchanges.map((id) => <TierCard key={id} exchange={id} view={data!.exchanges[id]!} onChanged={tiers.reload} />)}
      </div>
      {data && <p className="text-xs text-slate-500">Each exchange counts its own rolling window of UTC days, today included; a day leaves the window at 00:00 UTC. Per-day figures start today.</p>}
    </section>
  );
}
