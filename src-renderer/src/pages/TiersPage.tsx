/** Fee tiers on a page of their own. */
import { TiersSection } from '../components/TiersSection.tsx';
import { PageHeader } from '../components/ui.tsx';

export function TiersPage() {
  return (
    <div className="space-y-4">
      <PageHeader title="Fee tiers" subtitle="Each exchange's rolling window of UTC days, today included" />
      <TiersSection showHeading={false} />
    </div>
  );
}
