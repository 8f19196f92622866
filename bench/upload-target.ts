/**
 * The upload benchmark's server, in its own process so its memory and CPU are not counted as
 * Shotput's: the Chevereto stand-in on 127.0.0.1, printing its URL on stdout.
 */
import { startChevereto } from '../test/servers/chevereto.js';

const key = process.argv[2] ?? 'bench-key';
const server = await startChevereto({ name: 'imge', keys: { [key]: {} }, maxBytes: 512 * 1024 * 1024 });
process.stdout.write(`${server.url}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
