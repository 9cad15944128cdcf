'use strict';
// The cdk8s-cli validation plugin (`validations:` in cdk8s.yaml, class RulePackValidation):
//   package: ./node_modules/cdk8s-patterns/plugin
require('../bin/ts-hook');
module.exports = require('../lib/lint/validation-plugin');
