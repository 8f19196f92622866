// Preloaded with `node --import`: writes every package a process loads (by import or require)
// to the file named by SHOTPUT_PACKAGE_LOG, one name per line.
import { appendFileSync } from 'node:fs';
import { isBuiltin, registerHooks } from 'node:module';
import process from 'node:process';

const log = process.env.SHOTPUT_PACKAGE_LOG;
if (log) {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      if (!isBuiltin(specifier) && !/^[./]|^file:/.test(specifier)) {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        appendFileSync(log, `${name}\n`);
      }
      return resolved;
    },
  });
}
