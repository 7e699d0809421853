/**
 * The test runner `npm test` starts once its services are up: node's test runner over the given
 * files, IN THE GIVEN ORDER (`node --test` sorts its files by name, so the longest file could start
 * last and leave one core idle at the end), with the spec reporter on stdout. At the end it prints
 * the slowest files, and writes every file's time to PERPVOL_TEST_DURATIONS_OUT when that is set
 * (how test/support/test-durations.json, the order run-all.ts uses, is refreshed).
 *
 *   node --import tsx test/support/run-test-files.ts [--test-name-pattern=…] [--test-only] [--test-concurrency=N] file…
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('-'));
const testNamePatterns: string[] = [];
let only = false;
/**
 * Three files at a time on a two-core machine: many files spend much of their time waiting (a
 * simulator's real rate limits, Chromium, child processes starting), and with two at a time one
 * core sat idle for a quarter of the run (5m37s; three at a time: 4m50s, same machine).
 */
let concurrency = 3;
for (const option of args.filter((a) => a.startsWith('-'))) {
  const [name, value] = option.split(/=(.*)/s, 2) as [string, string | undefined];
  if (name === '--test-name-pattern' && value) testNamePatterns.push(value);
  else if (name === '--test-only') only = true;
  else if (name === '--test-concurrency' && value && Number(value) >= 1) concurrency = Number(value);
  else {
    console.error(`npm test: unknown option ${option}; it takes --test-name-pattern=<regex>, --test-only and --test-concurrency=<n>`);
    process.exit(2);
  }
}

/**
 * node reports a test under the file that DECLARES it: a suite shared by several test files (the
 * store contract, a dialect matrix) is declared in a helper. Its time goes to the test files that
 * import that helper, in equal parts — enough to order files by.
 */
function perTestFile(byDeclaringFile: Map<string, number>): Map<string, number> {
  const testFiles = files.map((file) => resolve(file));
  const sources = new Map(testFiles.map((file) => [file, readFileSync(file, 'utf8')]));
  const result = new Map<string, number>();
  const add = (file: string, s: number) => result.set(file, (result.get(file) ?? 0) + s);
  for (const [declaring, s] of byDeclaringFile) {
    if (sources.has(declaring)) {
      add(declaring, s);
      continue;
    }
    const helper = basename(declaring).replace(/\.ts$/, '');
    const importers = testFiles.filter((file) => new RegExp(`from '[^']*/${helper}(\\.ts)?'`).test(sources.get(file)!));
    for (const file of importers) add(file, s / importers.length);
  }
  return result;
}

/** Seconds of top-level tests per file (a file's own start-up, ~1 s, not included). */
const seconds = new Map<string, number>();
let failed = false;
const stream = run({ files, concurrency, only, ...(testNamePatterns.length > 0 ? { testNamePatterns } : {}) });
stream.on('test:fail', (data: { todo?: boolean | string }) => {
  if (!data.todo) failed = true;
});
stream.on('test:pass', (data: { nesting: number; file?: string; details: { duration_ms: number } }) => {
  if (data.nesting === 0 && data.file) seconds.set(data.file, (seconds.get(data.file) ?? 0) + data.details.duration_ms / 1000);
});
stream.on('test:fail', (data: { nesting: number; file?: string; details: { duration_ms: number } }) => {
  if (data.nesting === 0 && data.file) seconds.set(data.file, (seconds.get(data.file) ?? 0) + data.details.duration_ms / 1000);
});
// node 20 exports spec as a class, later versions as a ready transform
const reporter = typeof spec === 'function' ? new (spec as unknown as new () => NodeJS.ReadWriteStream)() : spec;
const printed = stream.compose(reporter);
printed.pipe(process.stdout);
await finished(printed);

const byTime = [...perTestFile(seconds)].map(([file, s]) => [relative(process.cwd(), file), Math.round(s * 10) / 10] as const).sort((a, b) => b[1] - a[1]);
if (byTime.length > 1) {
  console.log('\nslowest files (seconds of tests, without start-up):');
  for (const [file, s] of byTime.slice(0, 12)) console.log(`${s.toFixed(1).padStart(7)}  ${file}`);
}
const out = process.env.PERPVOL_TEST_DURATIONS_OUT;
if (out) writeFileSync(out, `${JSON.stringify(Object.fromEntries(byTime), null, 2)}\n`);
process.exitCode = failed ? 1 : 0;
