/**
 * The README and docs/ are one set of pages that link to each other, and code comments cite them:
 * every relative link must reach a file (and a heading, when it names one), every `docs/….md`
 * a comment cites must exist with the section it quotes, and no comment may cite a file outside
 * the repository (the design notes a newcomer's clone does not have) or a README section (the
 * README is a first screen now; the detail lives in docs/).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const THIS_FILE = fileURLToPath(import.meta.url);

/**
 * Pages written on other branches of this release (the desktop app, the dashboard, costs, adding an
 * exchange). A link to one of them is allowed while it is missing here; once present it is checked
 * like every other page.
 */
const PAGES_FROM_OTHER_BRANCHES = new Set(['docs/desktop.md', 'docs/dashboard.md', 'docs/costs.md', 'docs/adding-an-exchange.md']);

const pages = ['README.md', ...readdirSync(join(REPO, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's anchor for a heading: markup dropped, lower case, punctuation removed, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

/** The text outside fenced code blocks and indented code (where a `](…)` is not a link). */
function prose(markdown: string): string {
  return markdown
    .replace(/^```[\s\S]*?^```/gm, '')
    .split('\n')
    .filter((line) => !/^ {4}/.test(line) || /^ {4}\s*[-*|]/.test(line))
    .join('\n');
}

function headingsOf(page: string): string[] {
  return prose(readFileSync(join(REPO, page), 'utf8'))
    .split('\n')
    .filter((line) => /^#{1,6} /.test(line))
    .map((line) => line.replace(/^#+ /, '').trim());
}

/** What a comment may quote as a section: a heading, or a bold lead-in (`**Stream URL.**`, `- **Reconciliation**:`). */
function sectionsOf(page: string): string[] {
  const bold = [...readFileSync(join(REPO, page), 'utf8').matchAll(/\*\*([^*]+?)\.?\*\*/g)].map((m) => m[1]!);
  return [...headingsOf(page), ...bold].map((s) => s.replace(/`/g, ''));
}

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx|mts|mjs|js|css|html)$/.test(name) && path !== THIS_FILE) out.push(path);
    }
  };
  if (existsSync(folder)) walk(folder);
  return out;
}

const CODE_FOLDERS = ['src-main', 'src-renderer/src', 'src-preload', 'src-shared', 'test', 'bench', 'build', 'migrations'];

describe('docs: links and citations', () => {
  test('every relative link in the README and docs/ reaches its page and heading', () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const [, target] of prose(readFileSync(join(REPO, page), 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue; // https:, mailto:
        const [file, anchor] = target!.split('#') as [string, string | undefined];
        const linked = file === '' ? page : relative(REPO, resolve(dirname(join(REPO, page)), file));
        if (!existsSync(join(REPO, linked))) {
          if (!PAGES_FROM_OTHER_BRANCHES.has(linked)) broken.push(`${page}: ${target} (no file ${linked})`);
          continue;
        }
        if (anchor !== undefined && linked.endsWith('.md') && !headingsOf(linked).some((h) => slug(h) === anchor)) {
          broken.push(`${page}: ${target} (no such heading in ${linked})`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });

  test('code comments cite docs/ pages that exist, with the sections they quote', () => {
    const broken: string[] = [];
    for (const folder of CODE_FOLDERS) {
      for (const path of sourceFiles(join(REPO, folder))) {
        // Comments wrap lines: join them so a citation split across two lines is read whole.
        const text = readFileSync(path, 'utf8').replace(/\n\s*(\*|\/\/)\s?/g, ' ');
        for (const match of text.matchAll(/\bdocs\/([a-z0-9-]+\.md)(?:,? "([^"]+)")?/g)) {
          const page = `docs/${match[1]}`;
          const where = `${relative(REPO, path)}: ${match[0]}`;
          if (!existsSync(join(REPO, page))) {
            if (!PAGES_FROM_OTHER_BRANCHES.has(page)) broken.push(`${where} (no such page)`);
            continue;
          }
          const section = match[2];
          if (section !== undefined && !sectionsOf(page).includes(section)) broken.push(`${where} (no such section)`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });

  test('no comment cites a file outside the repository or a README section', () => {
    const outside = [
      /\.\.\/shared\//, // the design folder beside the repository
      /\bshared\/(API|DESIGN|STYLE)\.md|\bshared\/exchanges\//,
      /(?<![\w/.-])(API|DESIGN|STYLE)\.md\b/, // the design notes by bare name
      /\bREADME,? "/, // a README section: the README is a first screen, the detail lives in docs/
    ];
    const found: string[] = [];
    for (const folder of CODE_FOLDERS) {
      for (const path of sourceFiles(join(REPO, folder))) {
        readFileSync(path, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (outside.some((pattern) => pattern.test(line))) found.push(`${relative(REPO, path)}:${i + 1}: ${line.trim()}`);
          });
      }
    }
    assert.deepEqual(found, [], 'cite docs/<page>.md in the repository instead');
  });
});
