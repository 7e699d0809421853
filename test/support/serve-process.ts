/**
 * `perpvol serve --port 0` as a real child process, started through the CLI as a user starts it:
 * resolves once the server prints its listening line, so callers get the URL it chose.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(REPO, 'src-main/cli/main.ts');

export interface ServeProcessOptions {
  dataDir: string;
  /** Laid over this process's environment (token, master key, database URL). */
  env: NodeJS.ProcessEnv;
  /** A bundled entry (out/cli/perpvol.mjs) to run instead of the TypeScript CLI under tsx. */
  bundle?: string;
  /** --host (default: the server's own default, 127.0.0.1). */
  host?: string;
}

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** The exit code, once the process has exited. */
  exit: Promise<number | null>;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export async function spawnServe({ dataDir, env, bundle, host }: ServeProcessOptions): Promise<ServeProcess> {
  const serveArgs = ['serve', '--port', '0', '--data-dir', dataDir, ...(host ? ['--host', host] : [])];
  const args = bundle ? [bundle, ...serveArgs] : ['--import', 'tsx', CLI, ...serveArgs];
  const child = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^listening on (http:\/\/\S+)$/m.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exit.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${stderr}`)));
  });
  return {
    child,
    url,
    exit,
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGTERM');
      return exit;
    },
  };
}
