import type { CliCommand } from '../context.js';
import { configCommand } from './config.js';

/** Every `shotput` command, in the order `--help` lists them. */
export const commands: CliCommand[] = [configCommand];
