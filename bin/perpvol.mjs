#!/usr/bin/env node
// The package's `perpvol` command: registers tsx's loader, then runs the TypeScript CLI as is.
import { register } from 'tsx/esm/api';

register();
await import('../src-main/cli/main.ts');
