/**
 * Entry of `perpvol` (`npm run perpvol -- …`, or bin/perpvol.mjs). `serve` keeps running until a
 * signal; every other command exits when done, even if an idle HTTP keep-alive socket lingers.
 */
import { runCli } from './program.ts';
import { isServing } from './serve-command.ts';

const code = await runCli(process.argv);
if (!isServing() || code !== 0) process.exit(code);
