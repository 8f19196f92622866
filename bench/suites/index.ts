import { pipelineSuite } from './pipeline.js';
import { reliabilitySuite } from './reliability.js';
import { uploadSuite } from './upload.js';

import type { BenchSuite } from './suite.js';

export type { BenchSuite } from './suite.js';

export const suites: BenchSuite[] = [uploadSuite, pipelineSuite, reliabilitySuite];
