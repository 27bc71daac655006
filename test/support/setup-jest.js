// cdktf's jest matchers (toHaveResourceWithProperties, toPlanSuccessfully, ...),
// registered lazily: loading cdktf costs a quarter second per test file, and
// most test files (design, catalogs, sizing, lifecycle) never use them.
const NAMES = [
  'toHaveResource',
  'toHaveResourceWithProperties',
  'toHaveDataSource',
  'toHaveDataSourceWithProperties',
  'toHaveProvider',
  'toHaveProviderWithProperties',
  'toBeValidTerraform',
  'toPlanSuccessfully',
];

let matchers;
function cdktfMatchers() {
  if (!matchers) {
    matchers = {};
    const realExpect = global.expect;
    // Testing.setupJest() calls expect.extend(...): capture what it registers.
    global.expect = Object.assign(Object.create(realExpect), { extend: (m) => Object.assign(matchers, m) });
    try {
      require('cdktf').Testing.setupJest();
    } finally {
      global.expect = realExpect;
    }
  }
  return matchers;
}

expect.extend(
  Object.fromEntries(
    NAMES.map((name) => [
      name,
      function (...args) {
        return cdktfMatchers()[name].apply(this, args);
      },
    ]),
  ),
);

// cdktf records the full stack of every token it creates (cdktf/lib/tokens/private/stack-trace.js sets
// Error.stackTraceLimit to MAX_SAFE_INTEGER), only to print it should that token later fail to resolve. Under jest
// every captured stack is also mapped through source maps frame by frame (@jest/source-map): measured with
// `node --cpu-prof` over the unit suite run in band, 29 s of its 147 s of CPU. No test reads those stacks; a token
// that fails to resolve still throws cdktf's own error, without the creation stack. Synthesized output is unchanged.
jest.mock('cdktf/lib/tokens/private/stack-trace', () => ({
  captureStackTrace: () => ['(token creation stacks are not recorded in tests: test/support/setup-jest.js)'],
}));
