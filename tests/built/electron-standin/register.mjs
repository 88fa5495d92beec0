// `node --import ./register.mjs out/main/index.js`: the built main process, with the
// stand-in below resolved wherever it imports 'electron' (the binary cannot run here).
import { register } from 'node:module';

register('./loader.mjs', import.meta.url);
