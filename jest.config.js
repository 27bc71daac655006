// Two projects: fast unit tests (every *.test.ts) and the offline Terraform
// plan tests (*.plan.test.ts), which run the real AWS provider and are slower.
// Both use @swc/jest: type checking is done once by `tsc --noEmit` in `npm test`.
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  setupFiles: ['<rootDir>/test/support/env.js'],
  setupFilesAfterEnv: ['<rootDir>/test/support/setup-jest.js'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/**/*.test.ts'], testPathIgnorePatterns: ['\\.plan\\.test\\.ts$'] },
    { ...common, displayName: 'plan', testMatch: ['<rootDir>/test/**/*.plan.test.ts'] },
  ],
};
