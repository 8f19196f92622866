export default { test: { include: ['test/e2e/electron-main.e2e.ts'], testTimeout: 60000, hookTimeout: 120000 } };
