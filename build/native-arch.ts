/**
 * Which CPU a compiled addon is for, read from its header (ELF, Mach-O, PE), so that `npm run dist`
 * can prove each package carries the better_sqlite3.node of its own arch — the failure of packing
 * x64 and arm64 from one tree is an app that installs and then cannot load its database module.
 */
import { readFileSync } from 'node:fs';

export type BinaryFormat = 'elf' | 'mach-o' | 'pe';

export function binaryArch(bytes: Buffer): { format: BinaryFormat; arch: string } | null {
  if (bytes.length >= 20 && bytes.readUInt32BE(0) === 0x7f454c46) {
    const machine = bytes[5] === 2 ? bytes.readUInt16BE(18) : bytes.readUInt16LE(18);
    return { format: 'elf', arch: ({ 0x3e: 'x64', 0xb7: 'arm64', 0x03: 'ia32', 0x28: 'armv7l' } as Record<number, string>)[machine] ?? `elf-machine-${machine}` };
  }
  if (bytes.length >= 8 && bytes.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = bytes.readUInt32LE(4);
    return { format: 'mach-o', arch: ({ 0x01000007: 'x64', 0x0100000c: 'arm64' } as Record<number, string>)[cpu] ?? `mach-o-cpu-${cpu}` };
  }
  if (bytes.length >= 0x40 && bytes.readUInt16LE(0) === 0x5a4d) {
    const pe = bytes.readUInt32LE(0x3c);
    if (bytes.length >= pe + 6 && bytes.readUInt32LE(pe) === 0x00004550) {
      const machine = bytes.readUInt16LE(pe + 4);
      return { format: 'pe', arch: ({ 0x8664: 'x64', 0xaa64: 'arm64', 0x14c: 'ia32' } as Record<number, string>)[machine] ?? `pe-machine-${machine}` };
    }
  }
  return null;
}

export function fileArch(path: string): string | null {
  return binaryArch(readFileSync(path))?.arch ?? null;
}
