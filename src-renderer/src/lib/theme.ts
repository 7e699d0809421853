/** Light, dark, or follow the system; the choice is kept per device. */
export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_STORAGE_KEY = 'perpvol.theme';

export function parseTheme(text: string | null): ThemeChoice {
  return text === 'light' || text === 'dark' ? text : 'system';
}

export function resolveDark(choice: ThemeChoice, systemPrefersDark: boolean): boolean {
  return choice === 'dark' || (choice === 'system' && systemPrefersDark);
}

export function nextTheme(choice: ThemeChoice): ThemeChoice {
  return choice === 'system' ? 'light' : choice === 'light' ? 'dark' : 'system';
}
