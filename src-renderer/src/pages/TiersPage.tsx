/** Fee tiers on a page of their own. */
import { TiersSection } from '../components/TiersSection.tsx';

export function TiersPage() {
  return <TiersSection />;
}
