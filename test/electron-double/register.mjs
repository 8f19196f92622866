// `node --import ./register.mjs dist/electron/main.js` runs the built main process on the double.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
