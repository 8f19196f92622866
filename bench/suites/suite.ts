export interface BenchSuite {
  name: string;
  description: string;
  /** Prints its table; resolves false when a target was missed. */
  run(): Promise<boolean>;
}
