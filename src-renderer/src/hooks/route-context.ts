/** The current page and its view parameters (from the address bar's hash), and how to change them. */
import { createContext, useContext } from 'react';
import type { Page } from '../lib/pages.ts';

export interface RouteValue {
  page: Page;
  params: URLSearchParams;
  /** Replaces the current page's view in the address bar (a reload or a copied link keeps it). */
  setParams(params: URLSearchParams): void;
  navigate(page: Page, params?: URLSearchParams): void;
}

export const RouteContext = createContext<RouteValue | null>(null);

export function useRoute(): RouteValue {
  const value = useContext(RouteContext);
  if (!value) throw new Error('useRoute outside <RouteContext.Provider>');
  return value;
}
