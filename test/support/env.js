// Runs before every test file. cdktf's Testing.app() makes temp directories
// in os.tmpdir() and never removes them: keep them inside the checkout.
const fs = require('fs');
const path = require('path');
const tmp = path.join(__dirname, '..', '..', '.tmp', 'jest');
fs.mkdirSync(tmp, { recursive: true });
process.env.TMPDIR = tmp;
process.env.CHECKPOINT_DISABLE = '1';
process.env.DISABLE_VERSION_CHECK = '1';
