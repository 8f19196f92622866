export * from './document.js';
export * from './shapes.js';
export * from './view.js';
