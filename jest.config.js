// Two projects: fast unit tests, and integration tests that run real programs
// (*.plan.test.ts: terraform with the real AWS provider, offline;
// *.int.test.ts: the cdktf CLI and the sg-replica bin as a user runs them).
// Both use @swc/jest: type checking is done once by `tsc --noEmit` in `npm test`.
// cdktf's Testing.app() makes temp directories in os.tmpdir() and never removes
// them: keep them inside the checkout (workers inherit this environment).
const path = require('path');
process.env.TMPDIR = path.join(__dirname, '.tmp', 'jest');
require('fs').mkdirSync(process.env.TMPDIR, { recursive: true });

// ESM-only packages (the Kubernetes client `sg-replica verify` uses, and its OIDC dependencies) are
// compiled to CommonJS for jest, whose module registry cannot load ESM here; Node itself loads them natively.
const ESM_PACKAGES = ['@kubernetes/client-node', 'openid-client', 'oauth4webapi', 'jose'];

const common = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
    [`/node_modules/(${ESM_PACKAGES.join('|')})/.+\\.js$`]: ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  setupFiles: ['<rootDir>/test/support/env.js'],
  setupFilesAfterEnv: ['<rootDir>/test/support/setup-jest.js'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  // Both cores: jest's default (cores - 1) runs the suite on one worker on a 2-core machine.
  maxWorkers: '100%',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/**/*.test.ts'], testPathIgnorePatterns: ['\\.(plan|int)\\.test\\.ts$'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/**/*.{plan,int}.test.ts'] },
    // The example design repository a team copies (examples/design-snapshots): its own tests, run against this
    // checkout's sources as `sg-replica` (a team's copy gets the package from npm and uses its own jest.config.js).
    {
      ...common,
      displayName: 'examples',
      testMatch: ['<rootDir>/examples/design-snapshots/test/**/*.test.ts'],
      moduleNameMapper: { '^sg-replica$': '<rootDir>/lib/index.ts' },
    },
  ],
};
