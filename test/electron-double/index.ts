// The module loaded in place of 'electron' (see hooks.mjs): the typed double plus its remote control.
import { listenForCommands } from './control.js';

export * from './electron.js';
export { default } from './electron.js';

listenForCommands();
