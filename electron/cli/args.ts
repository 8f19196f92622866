/** A parsed command line: `shotput [global options] <command> [args] [options]`. */
export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  /** `--name value` and `--name=value`; repeated options keep every value. */
  options: Map<string, string[]>;
  /** `--flag` with no value. */
  flags: Set<string>;
  /** `--set key=value`, in order. */
  sets: Array<{ key: string; value: string }>;
}

export class UsageError extends Error {}

/**
 * Options that take a value; everything else starting with `--` is a flag. Keeping the list
 * here (rather than guessing from the next word) means `shotput upload --json a.png` works.
 */
export const VALUE_OPTIONS = new Set(['set', 'uploader', 'album', 'link', 'search', 'out', 'format', 'max-width', 'max-height', 'quality', 'port', 'name', 'limit', 'answer', 'region', 'monitor', 'window', 'delay', 'output']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { command: undefined, positionals: [], options: new Map(), flags: new Set(), sets: [] };
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPositionals || !arg.startsWith('-') || arg === '-') {
      if (parsed.command === undefined) parsed.command = arg;
      else parsed.positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    if (arg === '-h') {
      parsed.flags.add('help');
      continue;
    }
    if (arg === '-v') {
      parsed.flags.add('version');
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}. Run \`shotput --help\` for the options.`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (!VALUE_OPTIONS.has(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value.`);
      parsed.flags.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else value = argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value.`);
    if (name === 'set') {
      const sep = value.indexOf('=');
      if (sep <= 0) throw new UsageError(`--set takes key=value, for example --set queue.concurrency=3; got "${value}".`);
      parsed.sets.push({ key: value.slice(0, sep), value: value.slice(sep + 1) });
      continue;
    }
    parsed.options.set(name, [...(parsed.options.get(name) ?? []), value]);
  }
  return parsed;
}

export function option(args: ParsedArgs, name: string): string | undefined {
  return args.options.get(name)?.at(-1);
}
