/** Perpetuals only (what fee tiers and most traders count), or with dated futures too. */
import type { KindsChoice } from '../lib/view-state.ts';
import { Segmented } from './ui.tsx';

const OPTIONS = [
  { id: 'perpetual', label: 'Perpetuals', title: 'Perpetual futures only' },
  { id: 'all', label: '+ Dated futures', title: 'Perpetual and dated (expiring) futures' },
] as const;

export function KindsSwitch({ value, onChange }: { value: KindsChoice; onChange: (value: KindsChoice) => void }) {
  return <Segmented label="Instruments counted" value={value} options={OPTIONS} onChange={onChange} testId="kinds-switch" />;
}
