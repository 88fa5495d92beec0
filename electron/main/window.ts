import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_INDEX } from './policy';

export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Access Desk',
    backgroundColor: '#f5f6f8',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !app.isPackaged,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click must not open links in new windows (Electronegativity AUXCLICK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.removeMenu();
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_INDEX);
  return win;
}

export const rendererRoot = (): string => join(app.getAppPath(), 'out', 'renderer');
export const preloadPath = (): string => join(app.getAppPath(), 'out', 'preload', 'index.cjs');
