import { exchanges as appExchanges } from '../connectors/registry.ts';
import { Command } from 'commander';
import { doctorReport, type DoctorReport } from '../service/doctor-report.ts';
import { printJson, resolveGlobals } from './global-options.ts';
import { escapeControl, printOut } from './terminal-text.ts';

const SECRET_STATE_TEXT = { ok: 'key present', missing: 'KEY MISSING', unreadable: 'KEY UNREADABLE', not_needed: 'no key needed (public address)' } as const;

function formatReport(report: DoctorReport): string {
  const { secrets } = report;
  const lines = [
    `perpvol ${report.version} on Node ${report.node} (${report.platform})`,
    `data dir:      ${report.dataDir}`,
    `owned by:      ${report.owner ?? 'no running Perpvol process'}`,
    `database:      ${report.database.dialect} ${report.database.location}${report.database.ok ? '' : ' (not opened)'}`,
    `secret store:  ${secrets.store ?? 'unknown'}${secrets.reason ? ` — ${secrets.reason}` : ''}`,
    ...(secrets.description ? [`               ${secrets.description}`] : []),
    `OS keychain:   ${secrets.keychainAvailable ? 'available' : 'not available'}`,
    `master key:    PERPVOL_MASTER_KEY is ${secrets.masterKeySet ? 'set' : 'not set'}${secrets.override ? `; PERPVOL_SECRET_STORE=${secrets.override}` : ''}`,
    `accounts:      ${report.accounts.length}`,
    ...report.accounts.map((a) => `  ${a.id}  ${appExchanges.label(a.exchange)} "${escapeControl(a.label)}": ${SECRET_STATE_TEXT[a.secret]}`),
  ];
  if (report.fixed.length > 0) lines.push(`fixed ${report.fixed.length}:`, ...report.fixed.map((f) => `  - ${f}`));
  if (report.problems.length === 0) lines.push('no problems found');
  else lines.push(`${report.problems.length} problem(s):`, ...report.problems.map((p) => `  - ${p}`));
  return `${lines.join('\n')}\n`;
}

export function doctorCommand(): Command {
  return new Command('doctor')
    .description('show where data and secrets live, which secret store is used and why, and what is broken')
    .option('--json', 'print the report as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const report = await doctorReport(resolveGlobals(command));
      if (options.json) printJson(report);
      else printOut(formatReport(report));
      if (report.problems.length > 0) process.exitCode = 1;
    });
}
