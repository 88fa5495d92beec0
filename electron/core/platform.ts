import type { SystemPrinter } from './printing/windows';
/**
 * What only the Electron main process can do, handed to the core as plain functions so the
 * core never imports 'electron'. Tests and the browser harness pass stand-ins (fakes of
 * Electron APIs that cannot run there).
 */
export interface Platform {
  /** safeStorage: seal a secret for the settings table, and open it again. */
  sealSecret(plain: string): string;
  openSecret(sealed: string): string;
  /** A native open-file dialog; null when the user cancels. */
  pickFile(opts: { title: string; extensions: string[] }): Promise<string | null>;
  /** The system's printers as Electron sees them (Windows printing needs this list). */
  listPrinters?(): Promise<SystemPrinter[]>;
}

/** Without a platform, secrets cannot be kept and no file can be picked: say so, typed. */
export const noPlatform: Platform = {
  sealSecret: () => {
    throw new Error('No secure storage in this process.');
  },
  openSecret: () => {
    throw new Error('No secure storage in this process.');
  },
  pickFile: () => Promise.resolve(null),
};
