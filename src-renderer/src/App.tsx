/** The dashboard's frame: skip link, navigation, theme, the page named in the address bar, and its title. */
import { useEffect, useMemo, useState } from 'react';
import { ConnectionBanner } from './components/ConnectionBanner.tsx';
import { useApi } from './hooks/api-context.ts';
import { ExchangesContext } from './hooks/exchanges-context.ts';
import { useApiQuery } from './hooks/use-api-query.ts';
import { RouteContext, type RouteValue } from './hooks/route-context.ts';
import { DarkContext } from './hooks/theme-context.ts';
import { parseRoute, routeHash } from './lib/hash-route.ts';
import { documentTitle, pageInfo, PAGES, type Page } from './lib/pages.ts';
import { nextTheme, parseTheme, resolveDark, THEME_STORAGE_KEY, type ThemeChoice } from './lib/theme.ts';
import { AccountsPage } from './pages/AccountsPage.tsx';
import { CostsPage } from './pages/CostsPage.tsx';
import { DailyChartPage } from './pages/DailyChartPage.tsx';
import { FillsPage } from './pages/FillsPage.tsx';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { TiersPage } from './pages/TiersPage.tsx';

export type { Page } from './lib/pages.ts';

function useTheme(): [ThemeChoice, boolean, () => void] {
  const [choice, setChoice] = useState<ThemeChoice>(() => parseTheme(localStorage.getItem(THEME_STORAGE_KEY)));
  const media = useMemo(() => window.matchMedia('(prefers-color-scheme: dark)'), []);
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

interface Location {
  page: Page;
  params: URLSearchParams;
}

function readLocation(): Location {
  const route = parseRoute(location.hash);
  // A pasted sign-in link: main.tsx takes the token; the view never keeps it.
  route.params.delete('token');
  return { page: pageInfo(route.page).id, params: route.params };
}

/** The route from the hash, kept in step with it (back/forward, a pasted link) and written back with replaceState. */
function useHashRoute(): RouteValue {
  const [where, setWhere] = useState<Location>(readLocation);
  useEffect(() => {
    const onHash = () => setWhere(readLocation());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return useMemo<RouteValue>(() => {
    const go = (next: Location) => {
      history.replaceState(null, '', `${location.pathname}${location.search}${routeHash({ page: next.page, params: next.params })}`);
      setWhere(next);
    };
    return {
      page: where.page,
      params: where.params,
      setParams: (params) => go({ page: where.page, params }),
      navigate: (page, params = new URLSearchParams()) => go({ page, params }),
    };
  }, [where]);
}

const headerButton = 'rounded-lg px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-slate-300 dark:hover:bg-slate-800';

export function App() {
  const { signOut, client } = useApi();
  const exchanges = useApiQuery(() => client.listExchanges({}), []);
  const route = useHashRoute();
  const [theme, dark, cycleTheme] = useTheme();
  const info = pageInfo(route.page);
  useEffect(() => {
    document.title = documentTitle(info);
  }, [info]);

  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only z-50 rounded-lg bg-indigo-600 px-3 py-2 text-white focus:not-sr-only focus:fixed focus:left-2 focus:top-2"
        onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header className="top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur sm:sticky dark:border-slate-800 dark:bg-slate-950/90">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2">
          <span className="text-lg font-bold tracking-tight text-indigo-600 dark:text-indigo-400">Perpvol</span>
          {/* On a phone the navigation takes a row of its own and scrolls inside it rather than wrapping. */}
          <nav aria-label="Pages" className="order-last -mx-1 flex w-full gap-1 overflow-x-auto px-1 pb-0.5 sm:order-none sm:mx-0 sm:w-auto sm:px-0 sm:pb-0">
            {PAGES.map((p) => (
              <a key={p.id} href={`#/${p.id}`} aria-current={route.page === p.id ? 'page' : undefined}
                onClick={(e) => { e.preventDefault(); route.navigate(p.id); }}
                className={`whitespace-nowrap rounded-lg px-2 py-1.5 text-sm sm:px-3 font-medium focus-visible:outline-2 focus-visible:outline-indigo-500 ${route.page === p.id ? 'bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300' : 'text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'}`}>
                {p.label}
              </a>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-1">
            <button type="button" onClick={cycleTheme} className={headerButton} aria-label={`Theme: ${theme}. Change theme`} title="Change theme">
              <span aria-hidden="true">{theme === 'system' ? '◐' : theme === 'light' ? '☀' : '☾'}</span>
              <span className="hidden sm:inline"> {theme === 'system' ? 'System' : theme === 'light' ? 'Light' : 'Dark'}</span>
            </button>
            {signOut && <button type="button" onClick={signOut} className={headerButton}>Forget token</button>}
          </div>
        </div>
        <ConnectionBanner />
      </header>
      <DarkContext.Provider value={dark}>
        <ExchangesContext.Provider value={exchanges.data?.exchanges ?? []}>
        <RouteContext.Provider value={route}>
          <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-5 outline-none sm:py-6">
            {/* Pages wait for the exchange list (a local answer of milliseconds): drawn before it, every
                exchange would flash by its bare id in a stand-in colour. If it fails, ids and palette colours it is. */}
            {exchanges.data === null && exchanges.error === null ? (
              <p role="status" className="text-sm text-slate-500 dark:text-slate-400">Loading…</p>
            ) : (
              <>
                {route.page === 'overview' && <OverviewPage dark={dark} />}
                {route.page === 'tiers' && <TiersPage />}
                {route.page === 'costs' && <CostsPage dark={dark} />}
                {route.page === 'daily' && <DailyChartPage dark={dark} />}
                {route.page === 'accounts' && <AccountsPage dark={dark} />}
                {route.page === 'fills' && <FillsPage />}
              </>
            )}
          </main>
        </RouteContext.Provider>
        </ExchangesContext.Provider>
      </DarkContext.Provider>
    </div>
  );
}
