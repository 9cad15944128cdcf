'use strict';
// The cdk8s-cli validation plugin (class RulePackValidation), kept at this path for cdk8s.yaml files
// written as `package: ./node_modules/cdk8s-patterns/plugin`. The package itself is the plugin too:
//   package: ./node_modules/cdk8s-patterns      (cdk8s-cli loads the package's main)
module.exports = require('..');
