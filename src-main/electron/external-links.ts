/**
 * Which URLs may leave the app. The window never navigates anywhere but its own page; links to the
 * outside open in the user's browser, and only over https (no file:, javascript:, custom schemes
 * that could launch other programs).
 */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * Whether a URL is the app's own page: the built renderer (file:// under the renderer folder) or,
 * in development, the dev server's origin.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    if (app.protocol === 'file:') {
      const folder = app.pathname.slice(0, app.pathname.lastIndexOf('/') + 1);
      return target.protocol === 'file:' && target.pathname.startsWith(folder);
    }
    return target.origin === app.origin;
  } catch {
    return false;
  }
}
