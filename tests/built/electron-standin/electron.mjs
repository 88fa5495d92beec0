// The stand-in as an ES module, for the bundle's `import … from 'electron'`: the same objects
// (and the same record of calls) as electron.cjs, which CommonJS require('electron') gets.
import standin from './electron.cjs';

export const {
  app,
  protocol,
  net,
  session,
  ipcMain,
  safeStorage,
  dialog,
  contextBridge,
  ipcRenderer,
  BrowserWindow,
} = standin;
