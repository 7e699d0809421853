/**
 * Writes the installer icons from the icon drawn in code (src-main/electron/app-icon.ts):
 * build/icon.png (1024 px: electron-builder derives the macOS .icns — whose Retina 512@2x entry needs 1024 — and the Windows .ico from it)
 * build/icons/<size>x<size>.png for Linux desktop entries, and the dashboard's favicon.
 *
 *   node --import tsx build/make-icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderAppIconPng } from '../src-main/electron/app-icon.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512] as const;

writeFileSync(`${here}icon.png`, renderAppIconPng(1024));
mkdirSync(`${here}icons`, { recursive: true });
for (const size of LINUX_SIZES) writeFileSync(`${here}icons/${size}x${size}.png`, renderAppIconPng(size));
mkdirSync(`${here}../src-renderer/public`, { recursive: true });
writeFileSync(`${here}../src-renderer/public/favicon.png`, renderAppIconPng(64));
console.log(`wrote build/icon.png and ${LINUX_SIZES.length} Linux icons`);
