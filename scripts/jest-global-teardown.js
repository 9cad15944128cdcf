// See scripts/jest-tmpdir.js.
module.exports = require('./jest-tmpdir').teardown;
