/** The dashboard's frame: navigation, theme, and the current page. */
import { useEffect, useState } from 'react';
import { ConnectionBanner } from './components/ConnectionBanner.tsx';
import { useApi } from './hooks/api-context.ts';
import { nextTheme, parseTheme, resolveDark, THEME_STORAGE_KEY, type ThemeChoice } from './lib/theme.ts';
import { AccountsPage } from './pages/AccountsPage.tsx';
import { DailyChartPage } from './pages/DailyChartPage.tsx';
import { FillsPage } from './pages/FillsPage.tsx';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { TiersPage } from './pages/TiersPage.tsx';

export type Page = 'overview' | 'tiers' | 'daily' | 'accounts' | 'fills';

const PAGES: { id: Page; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'tiers', label: 'Fee tiers' },
  { id: 'daily', label: 'Daily chart' },
  { id: 'accounts', label: 'Accounts' },
  { id: 'fills', label: 'Fills' },
];

function pageFromHash(hash: string): Page {
  const id = hash.replace(/^#\/?/, '').split('&')[0];
  return PAGES.find((p) => p.id === id)?.id ?? 'overview';
}

function useTheme(): [ThemeChoice, boolean, () => void] {
  const [choice, setChoice] = useState<ThemeChoice>(() => parseTheme(localStorage.getItem(THEME_STORAGE_KEY)));
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const [systemDark, setSystemDark] = useState(media.matches);
  useEffect(() => {
    const onChange = (e: MediaQueryListEvent) => setSystemDark(e.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [media]);
  const dark = resolveDark(choice, systemDark);
  useEffect(() => {
    document.documentElement.classList.toggle('dark', dark);
  }, [dark]);
  const cycle = () => {
    const next = nextTheme(choice);
    localStorage.setItem(THEME_STORAGE_KEY, next);
    setChoice(next);
  };
  return [choice, dark, cycle];
}

export function App() {
  const { signOut } = useApi();
  const [page, setPage] = useState<Page>(() => pageFromHash(location.hash));
  const [theme, dark, cycleTheme] = useTheme();
  useEffect(() => {
    const onHash = () => setPage(pageFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const navigate = (next: Page) => {
    history.replaceState(null, '', `#/${next}`);
    setPage(next);
  };

  return (
    <div className="min-h-screen">
      <header className="top-0 z-10 sm:sticky border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-2">
          <span className="text-lg font-bold tracking-tight text-indigo-600 dark:text-indigo-400">Perpvol</span>
          <nav aria-label="Pages" className="flex gap-1">
            {PAGES.map((p) => (
              <a key={p.id} href={`#/${p.id}`} aria-current={page === p.id ? 'page' : undefined}
                onClick={(e) => { e.preventDefault(); navigate(p.id); }}
                className={`rounded-lg px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-500 ${page === p.id ? 'bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300' : 'text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'}`}>
                {p.label}
              </a>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-2">
            <button type="button" onClick={cycleTheme} className="rounded-lg px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-slate-300 dark:hover:bg-slate-800"
              aria-label={`Theme: ${theme}. Change theme`}>
              {theme === 'system' ? '◐ System' : theme === 'light' ? '☀ Light' : '☾ Dark'}
            </button>
            {signOut && <button type="button" onClick={signOut} className="rounded-lg px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-slate-300 dark:hover:bg-slate-800">Forget token</button>}
          </div>
        </div>
        <ConnectionBanner />
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">
        {page === 'overview' && <OverviewPage onNavigate={navigate} />}
        {page === 'tiers' && <TiersPage />}
        {page === 'daily' && <DailyChartPage dark={dark} />}
        {page === 'accounts' && <AccountsPage />}
        {page === 'fills' && <FillsPage />}
      </main>
    </div>
  );
}
