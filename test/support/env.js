// Runs before every test file. cdktf's Testing.app() makes temp directories
// in os.tmpdir() and never removes them: keep them inside the checkout.
const fs = require('fs');
const path = require('path');
const tmp = path.join(__dirname, '..', '..', '.tmp', 'jest');
fs.mkdirSync(tmp, { recursive: true });
process.env.TMPDIR = tmp;
process.env.CHECKPOINT_DISABLE = '1';
process.env.DISABLE_VERSION_CHECK = '1';
// Tests never pull charts from the internet (no traffic outside the machine): they use
// SG_REPLICA_CHARTS, ../shared/reference/charts or the cache, or fail saying how to provide them.
// SG_REPLICA_PULL_CHARTS=1 lets a developer with network fill the cache from a test run.
if (process.env.SG_REPLICA_PULL_CHARTS !== '1') process.env.SG_REPLICA_NO_PULL = '1';
// The pinned AWS SDK warns once per process on Node < 22 about releases after January 2027 (README "Node.js");
// the bin turns it off for users, and so do the tests, whose clients are answered by aws-sdk-client-mock.
if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
