/** The dashboard's pages: their id in the address bar, their name in the navigation, and their heading and title. */
export type Page = 'overview' | 'tiers' | 'costs' | 'daily' | 'accounts' | 'fills';

export interface PageInfo {
  id: Page;
  /** In the navigation. */
  label: string;
  /** The page's h1 and the window's title ("Volume chart · Perpvol"). */
  title: string;
}

export const PAGES: readonly PageInfo[] = [
  { id: 'overview', label: 'Overview', title: 'Where you stand' },
  { id: 'tiers', label: 'Fee tiers', title: 'Fee tiers' },
  { id: 'costs', label: 'Costs', title: 'What your volume costs' },
  { id: 'daily', label: 'Chart', title: 'Volume chart' },
  { id: 'accounts', label: 'Accounts', title: 'Accounts' },
  { id: 'fills', label: 'Fills', title: 'Fills' },
];

export function pageInfo(id: string): PageInfo {
  return PAGES.find((page) => page.id === id) ?? PAGES[0]!;
}

export function documentTitle(page: PageInfo): string {
  return `${page.title} · Perpvol`;
}
