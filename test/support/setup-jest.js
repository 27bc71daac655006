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
