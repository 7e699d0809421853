/**
 * Runs the real `perpvol` bin as a user would (a child process from the repo root), so CLI tests
 * see exactly the exit code and the output a person would.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/perpvol.mjs', import.meta.url));

export interface PerpvolRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `perpvol …args` with `env` laid over this process's environment, and `stdin` piped in when given. */
export function runPerpvol(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<PerpvolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO,
      env: { ...process.env, ...env },
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (stdin !== undefined) child.stdin!.end(stdin);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
