import { captureSuite } from './capture.js';
import { editorSuite } from './editor.js';
import { historySuite } from './history.js';
import { overlaySuite } from './overlay.js';
import { pipelineSuite } from './pipeline.js';
import { reliabilitySuite } from './reliability.js';
import { uploadSuite } from './upload.js';

import type { BenchSuite } from './suite.js';

export type { BenchSuite } from './suite.js';

export const suites: BenchSuite[] = [uploadSuite, pipelineSuite, captureSuite, overlaySuite, editorSuite, historySuite, reliabilitySuite];
