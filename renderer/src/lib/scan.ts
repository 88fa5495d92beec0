// Keyboard-wedge scanners type an MRZ as two lines, each followed by Enter. The first Enter
// must not act: these helpers tell a first MRZ line from anything else. Recognition of the
// whole scan is shared/domain/scan.ts (parseScan), the same code the core uses.
import { MRZ_LINE_LENGTH } from '../../../shared/domain/mrz';

// `PNRUS`, or the same keys typed under the Russian layout (`ЗТКГЫ`), in either case.
const MRZ_START = /^(PNRUS|ЗТКГЫ)/i;

/** True for exactly one 44-character line that starts like a Russian passport MRZ. */
export function isFirstMrzLine(text: string): boolean {
  const s = text.trim();
  return !/\s/.test(s) && s.length === MRZ_LINE_LENGTH && MRZ_START.test(s);
}
