import type { Core } from '../core/app.js';
import type { ParsedArgs } from './args.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Progress redraws one line in a terminal, and prints milestones otherwise. */
  stderrIsTTY?: boolean;
  /** Starts `shotput <args>` on its own, not waited for (work that can come after the command). */
  startInBackground?(args: string[], env: NodeJS.ProcessEnv): void;
}

export interface CliContext {
  args: ParsedArgs;
  io: CliIO;
  profileDir: string;
  /** Opens the core on first use, with the run's `--set` overrides applied. */
  core(): Promise<Core>;
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  /** Resolves to the exit status: 0 success, 1 the work failed, 2 the command line was wrong. */
  run(ctx: CliContext): Promise<number>;
}
