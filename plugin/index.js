'use strict';
// The cdk8s-cli validation plugin (`validations:` in cdk8s.yaml, class RulePackValidation):
//   package: ./node_modules/cdk8s-patterns/plugin
const path = require('path');
module.exports = require('../scripts/load-ts').loadTs(path.join(__dirname, '../lib/lint/validation-plugin.ts'));
