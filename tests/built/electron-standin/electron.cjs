// A stand-in for the 'electron' module the built main process imports: it records what the
// process asks of Electron, in order, and when the window exists it exercises what was
// registered (the app:// handler with real Request objects, the permission and header
// handlers, the one IPC handler) and reports everything as one JSON line on stdout, then
// exits. Only the Electron APIs that cannot run here are faked; the core is the real one.
// CommonJS, so that a library's require('electron') (electron-updater) gets this very module,
// the same state, as the bundle's import does (Node reads its named exports from the
// module.exports object at the end).
const { readFile } = require('node:fs/promises');
const { extname } = require('node:path');
const { fileURLToPath } = require('node:url');

const calls = [];
let ready = false;
const record = (name, detail = null) => calls.push({ name, ready, detail });
const handlers = { protocol: new Map(), ipc: new Map(), app: new Map() };
const sessionHandlers = {};
let failure = null;

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

// A packaged app (STANDIN_PACKAGED=1) reads its resources from process.resourcesPath, which
// Electron sets; here it is the source tree, whose resources/ folder the package would carry.
const packaged = process.env.STANDIN_PACKAGED === '1';
if (packaged) process.resourcesPath = process.env.STANDIN_APP_PATH;

const app = {
  isPackaged: packaged,
  enableSandbox: () => record('app.enableSandbox'),
  on: (event, fn) => {
    record('app.on', event);
    handlers.app.set(event, fn);
  },
  whenReady: () =>
    new Promise((resolve) =>
      setTimeout(() => {
        ready = true;
        record('app.ready');
        resolve();
      }, 10),
    ),
  getPath: (name) => {
    record('app.getPath', name);
    return process.env.STANDIN_USER_DATA;
  },
  getVersion: () => '0.0.0-standin',
  getName: () => 'Access Desk',
  once: (event) => record('app.once', event),
  getAppPath: () => process.env.STANDIN_APP_PATH,
  relaunch: () => record('app.relaunch'),
  exit: (code) => {
    record('app.exit', code);
    report({ exitCode: code, ...(failure && { failed: failure }) });
  },
  quit: () => record('app.quit'),
};

const protocol = {
  registerSchemesAsPrivileged: (schemes) => record('protocol.registerSchemesAsPrivileged', schemes),
  handle: (scheme, fn) => {
    record('protocol.handle', scheme);
    handlers.protocol.set(scheme, fn);
  },
};

const net = {
  fetch: async (url) => {
    record('net.fetch', url);
    try {
      const path = fileURLToPath(url);
      return new Response(await readFile(path), {
        status: 200,
        headers: { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' },
      });
    } catch {
      return new Response('', { status: 404 });
    }
  },
};

const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn) => {
      record('session.setPermissionRequestHandler');
      sessionHandlers.request = fn;
    },
    setPermissionCheckHandler: (fn) => {
      record('session.setPermissionCheckHandler');
      sessionHandlers.check = fn;
    },
    setDevicePermissionHandler: (fn) => {
      record('session.setDevicePermissionHandler');
      sessionHandlers.device = fn;
    },
    webRequest: {
      onHeadersReceived: (fn) => {
        record('session.webRequest.onHeadersReceived');
        sessionHandlers.headers = fn;
      },
    },
  },
};

const ipcMain = {
  handle: (channel, fn) => {
    record('ipcMain.handle', channel);
    handlers.ipc.set(channel, fn);
  },
};

/** Seals by prefixing: reversible, and visibly not the plain text on disk. */
const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => process.env.STANDIN_BACKEND ?? 'gnome_libsecret',
  encryptString: (s) => Buffer.from(`standin-sealed:${s}`),
  decryptString: (b) => b.toString().replace(/^standin-sealed:/, ''),
};

const dialog = {
  showErrorBox: (title, text) => {
    // Recorded here; app.exit, which follows, reports.
    record('dialog.showErrorBox', { title, text });
    failure = `${title}: ${text}`;
  },
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
};

const contextBridge = {};
const ipcRenderer = {};

class BrowserWindow {
  constructor(options) {
    record('BrowserWindow', options);
    this.options = options;
    const mainFrame = { url: 'app://access-desk/index.html', parent: null };
    this.webContents = { mainFrame };
    this.listeners = {};
    setTimeout(() => void exercise(this), 10);
  }
  removeMenu() {
    record('BrowserWindow.removeMenu');
  }
  once(event) {
    record('BrowserWindow.once', event);
  }
  on(event, fn) {
    this.listeners[event] = fn;
  }
  loadURL(url) {
    record('BrowserWindow.loadURL', url);
    return Promise.resolve();
  }
}

async function served(handler, url) {
  const res = await handler(new Request(url));
  const body = Buffer.from(await res.arrayBuffer()).toString('utf8');
  return {
    url,
    status: res.status,
    csp: res.headers.get('content-security-policy'),
    nosniff: res.headers.get('x-content-type-options'),
    type: res.headers.get('content-type'),
    body: body.slice(0, 200),
  };
}

/** Uses what the main process registered, the way Electron would, and reports. */
async function exercise(win) {
  const out = { calls };
  const handler = handlers.protocol.get('app');
  if (handler) {
    out.served = [];
    for (const url of [
      'app://access-desk/',
      'app://access-desk/index.html',
      'app://access-desk/../../../etc/passwd',
      'app://access-desk/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      'app://access-desk/..%2f..%2f..%2fetc%2fpasswd',
      'app://elsewhere/index.html',
    ])
      out.served.push(await served(handler, url));
  }
  if (sessionHandlers.request) {
    out.permissionRequest = await new Promise((r) =>
      sessionHandlers.request(win.webContents, 'media', r),
    );
    out.permissionCheck = sessionHandlers.check(win.webContents, 'geolocation');
    out.devicePermission = sessionHandlers.device({});
  }
  if (sessionHandlers.headers) {
    out.headers = await new Promise((r) =>
      sessionHandlers.headers({ url: 'https://example.org/', responseHeaders: {} }, r),
    );
  }
  const [channel, invoke] = [...handlers.ipc.entries()][0] ?? [];
  if (invoke) {
    const frame = win.webContents.mainFrame;
    const call = (sender, senderFrame, message) => invoke({ sender, senderFrame }, message);
    out.ipcChannel = channel;
    out.ipcTrusted = await call(win.webContents, frame, { channel: 'app.info', input: {} });
    out.ipcForeign = await call(
      { mainFrame: frame },
      { url: 'https://evil.example/', parent: null },
      { channel: 'app.info', input: {} },
    );
  }
  // Closing the last window closes the core and quits.
  const closed = handlers.app.get('window-all-closed');
  if (closed) {
    closed();
    await new Promise((r) => setTimeout(r, 500));
  }
  report(out);
}

let reported = false;
function report(out) {
  if (reported) return;
  reported = true;
  process.stdout.write(`STANDIN ${JSON.stringify({ ...out, calls })}\n`);
  setTimeout(() => process.exit(0), 50);
}

module.exports = {
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
};
