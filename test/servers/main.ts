/**
 * `npm run standins`: the five stand-in servers as a process, for manual checks and CLI tests.
 * Prints one JSON line with their addresses, credentials and ready `--set` settings, then one
 * JSON line per request on stderr (method, path, query, headers, fields, files, status).
 *
 *   --base-port N     listen on N (IM.GE), N+1 (Chevereto), N+2 (ImgBB), N+3 (Imgur), N+4 (GroupMe)
 *   --quiet           no request lines
 *   --max-bytes N     size limit of every stand-in (default: each service's own)
 */
import { startAllStandIns, STANDIN_CREDENTIALS } from './all.js';

function numberOption(name: string): number | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`standins: ${name} needs a whole number; got ${JSON.stringify(args[i + 1])}.`);
    process.exit(2);
  }
  return value;
}

const quiet = process.argv.includes('--quiet');
const servers = await startAllStandIns({
  basePort: numberOption('--base-port'),
  maxBytes: numberOption('--max-bytes'),
  onRequest: quiet
    ? undefined
    : (r) =>
        process.stderr.write(
          `${JSON.stringify({ service: r.service, n: r.n, method: r.method, path: r.path, query: r.query, headers: r.headers, fields: r.fields, files: r.files, raw: r.raw, bytes: r.bodyBytes, status: r.status, fault: r.fault })}\n`,
        ),
});

console.log(
  JSON.stringify({
    imge: { url: servers.imge.url, ...STANDIN_CREDENTIALS.imge },
    chevereto: { url: servers.chevereto.url, ...STANDIN_CREDENTIALS.chevereto },
    imgbb: { url: servers.imgbb.url, ...STANDIN_CREDENTIALS.imgbb },
    imgur: { url: servers.imgur.url, ...STANDIN_CREDENTIALS.imgur, refreshToken: servers.imgur.grantRefreshToken(STANDIN_CREDENTIALS.imgur.clientId) },
    groupme: { url: servers.groupme.url, ...STANDIN_CREDENTIALS.groupme },
    settings: servers.settings(),
    control: 'POST <url>/__standin/fault {"fault":{"kind":"reset"},"nth":1,"times":1} · GET|DELETE <url>/__standin/log',
  }),
);

const stop = async () => {
  await servers.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
