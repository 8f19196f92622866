export interface BenchSuite {
  name: string;
  description: string;
  /** Prints its table; resolves false when a target was missed. `args`: the options after the suite names. */
  run(args?: string[]): Promise<boolean>;
}
