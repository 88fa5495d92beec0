// Sandboxed preload: puts one function on `window.api` and nothing else. No Node, no
// ipcRenderer, no event objects cross into the page.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_INVOKE, type Bridge } from '../../shared/bridge';

const api: Bridge = {
  invoke: (channel, input) => ipcRenderer.invoke(IPC_INVOKE, { channel, input }),
};

contextBridge.exposeInMainWorld('api', api);
