// `node --import ./register.mjs out/main/index.js`: the built main process, with the
// stand-in below resolved wherever it imports 'electron' (the binary cannot run here): the
// bundle's ES imports through the loader hook, a library's require('electron') (the hooks do
// not reach CommonJS in Node 20) through the CommonJS resolver.
import Module, { createRequire, register } from 'node:module';
import { fileURLToPath } from 'node:url';

register('./loader.mjs', import.meta.url);

const STANDIN_CJS = fileURLToPath(new URL('./electron.cjs', import.meta.url));
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? STANDIN_CJS : resolveFilename.call(this, request, ...rest);
};
// Loaded once here: the bundle's import and a library's require get this one instance.
createRequire(import.meta.url)(STANDIN_CJS);
