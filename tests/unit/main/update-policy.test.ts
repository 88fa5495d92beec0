import { describe, expect, it } from 'vitest';
import { updateDecision, type InstallFacts } from '../../../electron/main/update-policy';

// Which installs update themselves: per-user ones (NSIS into the profile, AppImage) unless the
// policy says no; per-machine ones (Program Files, deb, rpm) never, whatever the policy says.
const win = (execPath: string, extra: Partial<InstallFacts> = {}): InstallFacts => ({
  platform: 'win32',
  isPackaged: true,
  execPath,
  env: { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)' },
  policyUpdates: undefined,
  ...extra,
});
const PER_USER = 'C:\\Users\\clerk\\AppData\\Local\\Programs\\access-desk\\Access Desk.exe';
const PER_MACHINE = 'C:\\Program Files\\Access Desk\\Access Desk.exe';

describe('self-update decision', () => {
  it('runs for a per-user Windows install and for an AppImage', () => {
    expect(updateDecision(win(PER_USER))).toEqual({ enabled: true, kind: 'nsis' });
    expect(
      updateDecision({
        platform: 'linux',
        isPackaged: true,
        execPath: '/tmp/.mount_Access/access-desk',
        env: { APPIMAGE: '/home/clerk/Access-Desk.AppImage' },
        policyUpdates: undefined,
      }),
    ).toEqual({ enabled: true, kind: 'appimage' });
  });

  it('never runs for a per-machine install, even when the policy asks for updates', () => {
    for (const path of [
      PER_MACHINE,
      'c:/program files/Access Desk/Access Desk.exe',
      'C:\\Program Files (x86)\\Access Desk\\Access Desk.exe',
    ])
      expect(updateDecision(win(path, { policyUpdates: true }))).toEqual({
        enabled: false,
        reason: 'perMachine',
      });
    // Program Files elsewhere than C: is read from the environment.
    expect(
      updateDecision(
        win('D:\\Apps\\Access Desk\\Access Desk.exe', { env: { ProgramFiles: 'D:\\Apps' } }),
      ),
    ).toEqual({ enabled: false, reason: 'perMachine' });
    // A folder whose name only starts like Program Files is not it.
    expect(updateDecision(win('C:\\Program Files Old\\Access Desk.exe')).enabled).toBe(true);
    // deb and rpm install into /opt without APPIMAGE.
    expect(
      updateDecision({
        platform: 'linux',
        isPackaged: true,
        execPath: '/opt/Access Desk/access-desk',
        env: {},
        policyUpdates: true,
      }),
    ).toEqual({ enabled: false, reason: 'perMachine' });
  });

  it('is off when the policy says so, when run from the sources, and on other systems', () => {
    expect(updateDecision(win(PER_USER, { policyUpdates: false }))).toEqual({
      enabled: false,
      reason: 'policy',
    });
    expect(updateDecision(win(PER_USER, { isPackaged: false }))).toEqual({
      enabled: false,
      reason: 'notPackaged',
    });
    expect(updateDecision(win('/Applications/Access Desk.app', { platform: 'darwin' }))).toEqual({
      enabled: false,
      reason: 'unsupportedPlatform',
    });
  });
});
