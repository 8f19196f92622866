import { historySuite } from './history.js';
import { pipelineSuite } from './pipeline.js';
import { uploadSuite } from './upload.js';

export interface BenchSuite {
  name: string;
  description: string;
  /** Prints its table; resolves false when a target was missed. `args`: the options after the suite names. */
  run(args?: string[]): Promise<boolean>;
}

export const suites: BenchSuite[] = [uploadSuite, pipelineSuite, historySuite];
