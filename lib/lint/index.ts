// `cdk8s-patterns/lint`: the linter behind `npx cdk8s-patterns lint`, for tools that embed it.
export * from './lint';
export { run, EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE } from './cli';
export type { CliIo } from './cli';
export { RulePackValidation } from './validation-plugin';
export type { RulePackValidationProps, RulePackValidationContext, RulePackViolatingResource } from './validation-plugin';
