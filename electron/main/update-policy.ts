// Whether this install updates itself (electron-updater, from the centre's own server named in
// electron-builder.yml's `publish`), as a pure function so a unit test can hold every case.
// This file must not import 'electron'.
//
// Per-machine installs never do: IT installed them with NSIS /allusers, MSI (GPO, SCCM,
// Intune), or the distribution's package manager (deb, rpm), and IT pushes the next version
// the same way. A self-update there would need administrator rights the clerk does not have,
// and would put two installers on one machine. Per-user installs (an NSIS install into the
// user's own profile, an AppImage) update themselves unless the machine policy says
// `"updates": false`. A policy's `"updates": true` cannot turn a per-machine install into one
// that updates itself.

export type UpdateDecision =
  | { enabled: true; kind: 'nsis' | 'appimage' }
  | {
      enabled: false;
      reason: 'notPackaged' | 'policy' | 'perMachine' | 'unsupportedPlatform';
    };

export interface InstallFacts {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** process.execPath: where the running executable is. */
  execPath: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The machine policy's `updates`; undefined when it does not say. */
  policyUpdates: boolean | undefined;
}

const lower = (s: string) => s.replaceAll('/', '\\').toLowerCase().replace(/\\+$/, '');

/** An executable under Program Files (either view) was installed for all users. */
function underProgramFiles(execPath: string, env: InstallFacts['env']): boolean {
  const roots = [
    env.ProgramFiles,
    env['ProgramFiles(x86)'],
    env.ProgramW6432,
    'C:\\Program Files',
    'C:\\Program Files (x86)',
  ].filter((r): r is string => typeof r === 'string' && r.length > 0);
  const exe = lower(execPath);
  return roots.some((r) => exe.startsWith(`${lower(r)}\\`));
}

export function updateDecision(f: InstallFacts): UpdateDecision {
  if (!f.isPackaged) return { enabled: false, reason: 'notPackaged' };
  if (f.policyUpdates === false) return { enabled: false, reason: 'policy' };
  if (f.platform === 'win32')
    return underProgramFiles(f.execPath, f.env)
      ? { enabled: false, reason: 'perMachine' }
      : { enabled: true, kind: 'nsis' };
  if (f.platform === 'linux')
    // An AppImage runs with APPIMAGE set to its own path; deb and rpm installs do not.
    return f.env.APPIMAGE
      ? { enabled: true, kind: 'appimage' }
      : { enabled: false, reason: 'perMachine' };
  return { enabled: false, reason: 'unsupportedPlatform' };
}

/** How often a running counter asks the server again (it also asks once at start). */
export const UPDATE_CHECK_MS = 4 * 60 * 60 * 1000;
