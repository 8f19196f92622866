import { editorSuite } from './editor.js';
import { pipelineSuite } from './pipeline.js';
import { uploadSuite } from './upload.js';

export interface BenchSuite {
  name: string;
  description: string;
  /** Prints its table; resolves false when a target was missed. */
  run(): Promise<boolean>;
}

export const suites: BenchSuite[] = [uploadSuite, pipelineSuite, editorSuite];
