/**
 * The layers of docs/architecture.md, checked on every `npm test` (npm run lint):
 *   shared  <-  leaf libraries (core/pipeline, core/capture geometry)  <-  core services
 *   <-  core/ipc (handler groups)  <-  core/app (the one composition root)  <-  electron/main, cli, harness
 * electron/platform implements interfaces core declares; renderer talks to shared only;
 * preloads carry channel names only; no import cycles anywhere.
 */
const ELECTRON_MODULE = '^node_modules/electron/';
const LEAVES = '^electron/core/(pipeline/|capture/geometry)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make layers meaningless and modules impossible to load or test alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-plain',
      severity: 'error',
      comment: 'shared/ holds types, contracts and pure functions every process may load: no Node, no DOM, nothing above it.',
      from: { path: '^shared/' },
      to: { pathNot: ['^shared/', '^node_modules/zod/'] },
    },
    {
      name: 'shared-has-no-node',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'leaf-libraries-stand-alone',
      severity: 'error',
      comment: 'core/pipeline and the capture geometry depend on shared/ and themselves only, never on a core service.',
      from: { path: LEAVES },
      to: { path: '^(electron|renderer|test|bench|scripts)/', pathNot: [LEAVES, '^electron/core/capture/types'] },
    },
    {
      name: 'core-services-below-ipc-and-app',
      severity: 'error',
      comment: 'Services are handed what they need; they never reach up into the handler groups or the composition root.',
      from: { path: '^electron/core/', pathNot: ['^electron/core/ipc/', '^electron/core/app\\.ts$', '^electron/core/node-core\\.ts$'] },
      to: { path: ['^electron/core/ipc/', '^electron/core/app\\.ts$', '^electron/core/node-core\\.ts$'] },
    },
    {
      name: 'ipc-below-app',
      severity: 'error',
      comment: 'Handler groups receive services as arguments; the dispatcher is assembled where the transport lives.',
      from: { path: '^electron/core/ipc/' },
      to: { path: ['^electron/core/app\\.ts$', '^electron/core/node-core\\.ts$'] },
    },
    {
      name: 'core-stays-in-core',
      severity: 'error',
      comment: 'core runs in plain Node (CLI, tests, harness): it never imports main, platform, preload, the CLI, the renderer or tests.',
      from: { path: '^electron/core/' },
      to: { path: ['^electron/(main|platform|preload|cli)/', '^electron/cli\\.ts$', '^renderer/', '^test/', '^bench/', '^scripts/'] },
    },
    {
      name: 'electron-only-at-the-edges',
      severity: 'error',
      comment: "Only electron/platform, electron/main and the preloads import 'electron' at run time; core and shared may use its types only.",
      from: { pathNot: ['^electron/(platform|main|preload)/', '^test/', '^node_modules/'] },
      to: { path: ELECTRON_MODULE, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'platform-implements-core',
      severity: 'error',
      comment: 'Platform adapters implement interfaces core declares; they never drive the app.',
      from: { path: '^electron/platform/' },
      to: { path: ['^electron/(main|cli|preload)/', '^electron/core/app\\.ts$', '^renderer/'] },
    },
    {
      name: 'preload-carries-names-only',
      severity: 'error',
      comment: 'A sandboxed preload needs channel names, not schemas: validation lives in main.',
      from: { path: '^electron/preload/' },
      to: { pathNot: ['^shared/ipc/[a-z-]*channels\\.ts$', ELECTRON_MODULE], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'renderer-talks-to-shared-only',
      severity: 'error',
      comment: 'The renderer reaches main through its API client over shared/ipc; it never imports main-process code.',
      from: { path: '^renderer/' },
      to: { path: ['^electron/', '^test/', '^bench/', '^scripts/'] },
    },
    {
      name: 'components-call-no-ipc',
      severity: 'error',
      comment: 'Components and views use zustand stores; only stores call the API client.',
      from: { path: '^renderer/src/(components|views)/' },
      to: { path: ['^renderer/src/api/', '^shared/ipc/(api|wire|validate)\\.ts$'] },
    },
    {
      name: 'entry-points-are-not-libraries',
      severity: 'error',
      comment: 'electron/main, the CLI and the harness are assembled from core; nothing imports them back.',
      from: { pathNot: ['^electron/main/', '^test/', '^scripts/'] },
      to: { path: '^electron/main/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^node_modules/\\.vite'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'] },
    reporterOptions: {
      archi: { collapsePattern: '^(electron/(core/[^/]+|[^/]+)|shared|renderer/src/[^/]+|test/[^/]+|bench|scripts)' },
      dot: { collapsePattern: '^(electron/(core/[^/]+|[^/]+)|shared|renderer/src/[^/]+|test/[^/]+|bench|scripts)' },
    },
  },
};
