import { captureSuite } from './capture.js';
import { overlaySuite } from './overlay.js';
import { pipelineSuite } from './pipeline.js';
import { uploadSuite } from './upload.js';

import type { BenchSuite } from './suite.js';

export type { BenchSuite } from './suite.js';

export const suites: BenchSuite[] = [uploadSuite, pipelineSuite, overlaySuite, captureSuite];
