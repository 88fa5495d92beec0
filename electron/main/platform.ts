import { dialog, safeStorage, type BrowserWindow } from 'electron';
import type { Platform } from '../core/platform';

/** The Electron capabilities the core may use, as plain functions. */
export function electronPlatform(getWindow: () => BrowserWindow | null): Platform {
  return {
    sealSecret: (plain) => safeStorage.encryptString(plain).toString('base64'),
    openSecret: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
    pickFile: async ({ title, extensions }) => {
      const win = getWindow();
      const options = {
        title,
        properties: ['openFile' as const],
        filters: [{ name: title, extensions }],
      };
      const result = win
        ? await dialog.showOpenDialog(win, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    listPrinters: async () =>
      ((await getWindow()?.webContents.getPrintersAsync()) ?? []).map((p) => ({
        name: p.name,
        displayName: p.displayName,
        description: p.description,
        options: Object.fromEntries(
          Object.entries(p.options ?? {}).map(([k, v]) => [k, String(v)]),
        ),
      })),
  };
}
