import { connectImgurAccount } from '../../core/uploaders/imgur/oauth.js';
import { UsageError } from '../args.js';
import type { CliCommand } from '../context.js';

export const imgurCommand: CliCommand = {
  name: 'imgur',
  usage: 'imgur status | connect | disconnect | import | albums | credits [--json]',
  summary:
    "your Imgur account: connect it (open the printed link in a browser and allow Shotput), list its albums, see the uploads left (credits, kept between runs), or import the account's existing images into history",
  async run(ctx) {
    const [action = 'status', ...rest] = ctx.args.positionals;
    if (rest.length > 0) throw new UsageError(`Usage: shotput ${imgurCommand.usage}`);
    const core = await ctx.core();
    switch (action) {
      case 'status': {
        const status = await core.imgur.status();
        if (!status.clientIdSet) ctx.io.stdout('Not set up: set uploaders.imgur.clientId (your Imgur application\'s Client ID) first.\n');
        else if (status.connected) ctx.io.stdout(`Connected as ${status.username ?? 'your account'}.\n`);
        else ctx.io.stdout('No account connected: uploads are anonymous. Run `shotput imgur connect` to use your account.\n');
        if (status.uploadsLeft) ctx.io.stdout(`Uploads left: ${status.uploadsLeft.remaining} of ${status.uploadsLeft.limit}.\n`);
        return 0;
      }
      case 'connect': {
        const account = await connectImgurAccount({
          ctx: core.uploadContext('imgur'),
          openUrl: async (url) => {
            ctx.io.stderr(`Open this link in your browser and allow Shotput:\n\n  ${url}\n\nWaiting for Imgur to send you back…\n`);
          },
        });
        ctx.io.stdout(`Connected to Imgur as ${account.username ?? 'your account'}.\n`);
        return 0;
      }
      case 'disconnect':
        await core.imgur.disconnect();
        ctx.io.stdout('Imgur account disconnected; its tokens were deleted from this profile.\n');
        return 0;
      case 'import': {
        const { imported, alreadyThere } = await core.importImgurAccount();
        ctx.io.stdout(`Imported ${imported} image${imported === 1 ? '' : 's'} from Imgur${alreadyThere ? `; ${alreadyThere} already in history` : ''}.\n`);
        return 0;
      }
      case 'albums': {
        const albums = await core.uploaders.get('imgur').albums!.list(core.uploadContext('imgur'));
        if (ctx.args.flags.has('json')) {
          for (const album of albums) ctx.io.stdout(`${JSON.stringify(album)}\n`);
        } else if (albums.length === 0) {
          ctx.io.stderr((await core.imgur.status()).connected ? 'The account has no albums.\n' : 'No account connected: only an account\'s albums can be listed. Run `shotput imgur connect`.\n');
        } else {
          for (const a of albums) ctx.io.stdout(`${a.id}  ${a.title || '(untitled)'}  ${a.imageCount ?? 0} image${a.imageCount === 1 ? '' : 's'}${a.link ? `  ${a.link}` : ''}\n`);
        }
        return 0;
      }
      case 'credits': {
        const { uploadsLeft } = await core.imgur.status();
        if (ctx.args.flags.has('json')) ctx.io.stdout(`${JSON.stringify(uploadsLeft ?? null)}\n`);
        else if (!uploadsLeft) ctx.io.stdout('Not known yet: Imgur tells how many uploads are left with each upload.\n');
        else {
          const reset = uploadsLeft.resetAt ? `, until ${new Date(uploadsLeft.resetAt).toLocaleString()}` : '';
          ctx.io.stdout(`Uploads left: ${uploadsLeft.remaining} of ${uploadsLeft.limit}${reset}.\n`);
        }
        return 0;
      }
      default:
        throw new UsageError(`Unknown imgur action "${action}". Usage: shotput ${imgurCommand.usage}`);
    }
  },
};
