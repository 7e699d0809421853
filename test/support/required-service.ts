/**
 * Suites that need a service this machine may lack: Chromium (e2e), Postgres (the store's second
 * dialect), a Secret Service on D-Bus (the keychain). On a developer's machine a missing service
 * skips them with a loud warning. Under CI=true nothing may be left out quietly: the missing
 * service is a failing test that names it and says what to install, so the run exits non-zero.
 */
import { test } from 'node:test';

/** Whether this run is CI: CI=true (or 1 / yes), as CI systems and .ci/run set it. */
export function underCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(1|true|yes)$/i.test((env.CI ?? '').trim());
}

/**
 * The node:test options for a suite or test that needs `service`; `missing` says why it cannot run
 * here (null when it can). Present: no options. Missing: the dependent tests are skipped with the
 * reason — and under CI a failing test is registered beside them, so the run fails.
 */
export function requireService(service: string, missing: string | null): { skip?: string } {
  if (missing === null) return {};
  const reason = `${service} is missing: ${missing}`;
  if (underCi()) {
    test(`${service} is available (under CI=true a missing service fails the run)`, () => {
      throw new Error(`${reason}. CI never skips a suite: install it (see .ci/run) or run without CI=true.`);
    });
  } else {
    console.warn(`\n!!!!!!!! SKIPPED — ${reason} !!!!!!!!\n`);
  }
  return { skip: reason };
}
