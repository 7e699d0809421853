/** Boot: choose the transport, ask for a token when a browser needs one, render the dashboard. */
import { StrictMode, useEffect, useMemo, useState } from 'react';
import type { DesktopSecretsBridge, SecretsState } from '../../src-shared/desktop-secrets.ts';
import type { PerpvolApi } from '../../src-shared/contract.ts';
import { createRoot } from 'react-dom/client';
import { connectHttp, connectIpc } from './api/connect.ts';
import { hashWithoutToken, tokenFromHash, TokenStore } from './api/token.ts';
import { App } from './App.tsx';
import { ApiContext } from './hooks/api-context.ts';
import { PassphraseDialog } from './components/PassphraseDialog.tsx';
import { ErrorNote } from './components/ui.tsx';
import { ConnectPage } from './pages/ConnectPage.tsx';
import { parseTheme, resolveDark, THEME_STORAGE_KEY } from './lib/theme.ts';
import './styles.css';

// The chosen theme before anything is drawn: no light flash, and the sign-in page follows it too.
document.documentElement.classList.toggle('dark', resolveDark(parseTheme(localStorage.getItem(THEME_STORAGE_KEY)), window.matchMedia('(prefers-color-scheme: dark)').matches));

const tokens = new TokenStore(localStorage);

/** A token in the link (`#token=…`): stored, and taken out of the address bar. */
function takeLinkedToken(): string | null {
  const linked = tokenFromHash(location.hash);
  if (!linked) return null;
  tokens.set(linked);
  history.replaceState(null, '', `${location.pathname}${location.search}${hashWithoutToken(location.hash)}`);
  return tokens.get();
}
takeLinkedToken();

function BrowserRoot() {
  const [token, setToken] = useState<string | null>(() => tokens.get());
  const [refused, setRefused] = useState(false);
  // The printed link pasted into a tab that is already open (on the sign-in page, or signed in with
  // another token) only changes the fragment: no reload, so the token is taken whenever it appears.
  useEffect(() => {
    const onHashChange = () => {
      const linked = takeLinkedToken();
      if (linked) {
        setRefused(false);
        setToken(linked);
      }
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  const api = useMemo(() => {
    if (!token) return null;
    const forget = () => {
      tokens.clear();
      setToken(null);
    };
    return connectHttp({
      baseUrl: new URL('./', location.href).href,
      token,
      onUnauthorized: () => {
        setRefused(true);
        forget();
      },
      signOut: forget,
    });
  }, [token]);
  if (!api) return <ConnectPage refused={refused} onToken={(t) => { tokens.set(t); setRefused(false); setToken(t); }} />;
  return <ApiContext.Provider value={api}><App key={token} /></ApiContext.Provider>;
}

declare global {
  interface Window {
    /** Desktop only (exposed by src-preload): unlocking secrets when the OS has no keychain. */
    perpvolDesktop?: DesktopSecretsBridge;
  }
}

/** The desktop app: when secrets need a passphrase, ask for it before the dashboard calls the API. */
function DesktopRoot({ bridge, desktop }: { bridge: PerpvolApi; desktop: DesktopSecretsBridge | undefined }) {
  const api = useMemo(() => connectIpc(bridge), [bridge]);
  const [secrets, setSecrets] = useState<SecretsState | null>(desktop ? null : { state: 'ready' });
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    desktop?.secretsState().then(setSecrets, (reason: { message?: string }) => setFailure(reason.message ?? String(reason)));
  }, [desktop]);
  if (failure) return <div className="mx-auto mt-16 max-w-lg"><ErrorNote message={failure} /></div>;
  if (!secrets) return null;
  if (secrets.state === 'needs-passphrase' && desktop) {
    return <PassphraseDialog bridge={desktop} state={secrets} onUnlocked={() => setSecrets({ state: 'ready' })} />;
  }
  return <ApiContext.Provider value={api}><App /></ApiContext.Provider>;
}

function Root() {
  const bridge = window.perpvol;
  if (bridge) return <DesktopRoot bridge={bridge} desktop={window.perpvolDesktop} />;
  return <BrowserRoot />;
}

createRoot(document.getElementById('root')!).render(<StrictMode><Root /></StrictMode>);
