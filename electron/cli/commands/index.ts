import type { CliCommand } from '../context.js';
import { configCommand } from './config.js';
import { deleteCommand } from './delete.js';
import { historyCommand } from './history.js';
import { imgurCommand } from './imgur.js';
import { processCommand } from './process.js';
import { queueCommand } from './queue.js';
import { customUploadersCommand, exportSxcuCommand, importSxcuCommand } from './sxcu.js';
import { thumbnailsCommand } from './thumbnails.js';
import { uploadCommand } from './upload.js';
import { uploaderCommand } from './uploader.js';

/** Every `shotput` command, in the order `--help` lists them. */
export const commands: CliCommand[] = [uploadCommand, processCommand, historyCommand, deleteCommand, queueCommand, configCommand, imgurCommand, uploaderCommand, importSxcuCommand, exportSxcuCommand, customUploadersCommand, thumbnailsCommand];
