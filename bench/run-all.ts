/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line), one after the
 * other so they do not compete for the CPU, and writes BENCHMARKS.md: the machine, the date and
 * each benchmark's section. Benchmarks are not tests: they time things and compare them to targets.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, release, totalmem, type as osType } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const OUTPUT = resolve(BENCH_DIR, '..', 'BENCHMARKS.md');

interface BenchModule {
  default: () => Promise<{ title: string; markdown: string }>;
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (pretty?.[1]) return `${pretty[1]} (${osType()} ${release()})`;
  } catch {
    // not Linux, or no os-release
  }
  return `${osType()} ${release()}`;
}

function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}

function machine(): string {
  const cpu = cpus();
  return [
    `- CPU: ${cpu[0]?.model.trim() ?? 'unknown'}, ${cpu.length} cores`,
    `- RAM: ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free at start)`,
    `- OS: ${osName()}`,
    `- Node.js ${process.version}`,
    `- Load average at start: ${loadAverage()} (the machine may be shared; timings under load are pessimistic)`,
  ].join('\n');
}

/** The sections of the current BENCHMARKS.md with the bench file each came from ("_x.bench.ts, N s in all._"). */
function earlierSections(): { file: string; text: string }[] {
  let document: string;
  try {
    document = readFileSync(OUTPUT, 'utf8');
  } catch {
    return [];
  }
  return document
    .split(/^(?=## )/m)
    .slice(1)
    .flatMap((text) => {
      const file = /^_([\w.-]+\.bench\.ts),/m.exec(text)?.[1] ?? /^## ([\w.-]+\.bench\.ts): FAILED/.exec(text)?.[1];
      return file ? [{ file, text: text.endsWith('\n') ? text : `${text}\n` }] : [];
    });
}

async function main(): Promise<void> {
  // `npm run bench -- backfill server` or the file names: either picks bench/<name>.bench.ts
  const wanted = process.argv.slice(2).map((arg) => basename(arg).replace(/(\.bench)?(\.ts)?$/, '.bench.ts'));
  const available = readdirSync(BENCH_DIR).filter((name) => name.endsWith('.bench.ts'));
  const unknown = wanted.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    // A typo must not rewrite BENCHMARKS.md with an empty run.
    console.error(`no such benchmark: ${unknown.join(', ')}. Available: ${available.map((name) => name.replace('.bench.ts', '')).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const files = available.filter((name) => wanted.length === 0 || wanted.includes(name)).sort();
  const started = new Date();
  const sections: string[] = [];
  let failed = 0;
  for (const file of files) {
    console.log(`running ${file} …`);
    const t0 = performance.now();
    try {
      const bench = (await import(pathToFileURL(join(BENCH_DIR, file)).href)) as BenchModule;
      const { title, markdown } = await bench.default();
      const seconds = ((performance.now() - t0) / 1000).toFixed(0);
      console.log(`${file} done in ${seconds} s`);
      sections.push(`## ${title}\n\n_${file}, ${seconds} s in all._\n\n${markdown}\n`);
    } catch (error) {
      // one broken benchmark must not hide the others' numbers (the FAILED heading names the file)
      failed += 1;
      console.error(`${file} failed:`, error);
      const reason = error instanceof Error ? error.message : String(error);
      sections.push(`## ${file}: FAILED\n\nThe benchmark threw before finishing: \`${reason.replaceAll('`', "'")}\`\n`);
    }
  }
  // Running some benchmarks replaces only their sections: the others keep the numbers of their own last run.
  const kept = wanted.length === 0 ? [] : earlierSections().filter((section) => !files.includes(section.file));
  const all = [...kept, ...sections.map((text, i) => ({ file: files[i]!, text }))].sort((a, b) => (a.file < b.file ? -1 : 1));
  const document = [
    '# Perpvol benchmarks',
    '',
    'Written by `npm run bench` (bench/run-all.ts); do not edit by hand.',
    '',
    `Run ${started.toISOString().replace(/\.\d+Z$/, 'Z')}${kept.length > 0 ? ` (${files.join(', ')}; the other sections are from earlier runs)` : ''} on:`,
    '',
    machine(),
    '',
    // Each section ends in exactly one blank line, so re-running some never piles blank lines up between the kept ones.
    ...all.map((section) => `${section.text.trimEnd()}\n`),
  ].join('\n');
  writeFileSync(OUTPUT, document);
  console.log(`wrote ${OUTPUT}`);
  if (failed > 0) process.exitCode = 1;
}

await main();
