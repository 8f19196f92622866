/**
 * `npm run bench`: every benchmark suite in bench/suites, each printing a table that compares
 * Shotput with a reference tool measured in the same run.
 */
import { suites } from './suites/index.js';

// `npm run bench -- history --entries 100000`: suite names, then options for them.
const args = process.argv.slice(2);
const firstOption = args.findIndex((arg) => arg.startsWith('--'));
const only = firstOption === -1 ? args : args.slice(0, firstOption);
const options = firstOption === -1 ? [] : args.slice(firstOption);
let failed = false;
for (const suite of suites) {
  if (only.length > 0 && !only.includes(suite.name)) continue;
  console.log(`\n## ${suite.name}: ${suite.description}\n`);
  try {
    const ok = await suite.run(options);
    if (!ok) failed = true;
  } catch (err) {
    failed = true;
    console.error(`${suite.name} failed: ${err instanceof Error ? err.stack : String(err)}`);
  }
}
if (suites.length === 0) console.log('No benchmark suites yet.');
process.exitCode = failed ? 1 : 0;
