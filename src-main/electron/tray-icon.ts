/**
 * The tray icon's images, one per screen scale, so HiDPI menu bars and panels get sharp pixels
 * instead of a 16 px image blown up: a 16 pt icon at 1×, 1.5× (Windows at 150 %) and 2×. On macOS
 * it is a template image (Perpvol's bars alone, recoloured by the system for light and dark menu
 * bars); elsewhere the coloured app icon.
 */
import { renderAppIconPng, renderTrayTemplatePng } from './app-icon.ts';

export interface TrayIconRepresentation {
  scaleFactor: number;
  size: number;
  png: Buffer;
}

export interface TrayIconSet {
  template: boolean;
  representations: TrayIconRepresentation[];
}

const POINTS = 16;

export function trayIconSet(platform: NodeJS.Platform): TrayIconSet {
  const template = platform === 'darwin';
  const scales = platform === 'win32' ? [1, 1.5, 2] : [1, 2];
  return {
    template,
    representations: scales.map((scaleFactor) => {
      const size = Math.round(POINTS * scaleFactor);
      return { scaleFactor, size, png: template ? renderTrayTemplatePng(size) : renderAppIconPng(size) };
    }),
  };
}
