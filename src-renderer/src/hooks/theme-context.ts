/** Whether the dashboard is dark right now: series colours have a shade per theme (lib/series-colors.ts). */
import { createContext, useContext } from 'react';

export const DarkContext = createContext(false);

export function useDark(): boolean {
  return useContext(DarkContext);
}
