import type { CliCommand } from '../context.js';
import { captureCommand } from './capture.js';
import { configCommand } from './config.js';
import { deleteCommand } from './delete.js';
import { historyCommand } from './history.js';
import { imgurCommand } from './imgur.js';
import { processCommand } from './process.js';
import { queueCommand } from './queue.js';
import { customUploadersCommand, exportSxcuCommand, importSxcuCommand } from './sxcu.js';
import { uploadCommand } from './upload.js';

/** Every `shotput` command, in the order `--help` lists them. */
export const commands: CliCommand[] = [uploadCommand, captureCommand, processCommand, historyCommand, deleteCommand, queueCommand, configCommand, imgurCommand, importSxcuCommand, exportSxcuCommand, customUploadersCommand];
