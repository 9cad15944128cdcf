// Constructs
export * from './workloads/graceful-web-app';

// Pod building blocks
export * from './pod/image';
export * from './pod/resources';
export * from './pod/probes';
export * from './pod/shutdown';
export * from './pod/config';
export * from './pod/downward-api';
export * from './pod/security';
export * from './pod/labels';
export * from './pod/main-container';

// Rules and their enforcement
export * from './rules/index';
export { RuleGuard, setFindingReporter } from './guard';
export type { FindingReporter } from './guard';
export * from './errors';

// The cdk8s-plus flavour we build on, so users import one version of it.
export * as kplus from './plus';

// Linting any YAML (the CLI and the cdk8s validation plugin build on this)
export * from './lint/lint';
