// Constructs
export * from './workloads/graceful-web-app';
export * from './workloads/bounded-job';
export * from './workloads/bounded-cron-job';
export * from './workloads/job-bounds';
export * from './workloads/bounded-batch-workload';
export * from './workloads/dev-container';

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
export * from './pod/priority';
export * from './pod/network-policy';
export * from './pod/service';
export * from './pod/entrypoint';
export * from './pod/dev-security';
export * from './pod/handler-extras';
export * from './pod/lifecycle';
export * from './pod/volumes';
export * from './pod/extra-container';
export * from './pod/init-containers';
export * from './pod/sidecars';
export * from './pod/composition';

// Rules and their enforcement
export * from './rules/index';
export { mainProcessExit, scriptExit } from './rules/process/main-process';
export type { MainProcessExit, ExitKind, Terminal } from './rules/process/main-process';
export { RuleGuard, setFindingReporter } from './guard';
export type { FindingReporter } from './guard';
export * from './errors';
export { synthApp } from './synth';

// The cdk8s-plus flavour we build on, so users import one version of it.
export * as kplus from './plus';

// Linting any YAML (the CLI and the cdk8s validation plugin build on this)
export * from './lint/lint';
// The cdk8s-cli validation plugin: cdk8s-cli loads `class: RulePackValidation` from the package's main.
export { RulePackValidation } from './lint/validation-plugin';
export type { RulePackValidationProps, RulePackValidationContext, RulePackViolatingResource } from './lint/validation-plugin';

// Kubernetes 1.27 schema validation, in-process (issue 14). The jest matchers are their own entry
// point, cdk8s-patterns/jest (lib/jest), so that their jest type declarations stay out of this one.
export * from './schema/index';

// Proxy sidecars: circuit breakers and the rate limiter on HAProxy (issue 13)
export * from './pod/proxy/proxy-sidecar';
export * from './pod/proxy/circuit-breaker';
export * from './pod/proxy/rate-limiter';
export * from './pod/proxy/haproxy-config';

// issue 12: production props (autoscaling, disruption, ports, env sources, metadata, exposure, ...)
export * from './pod/autoscaling';
export * from './pod/disruption';
export * from './pod/ports';
export * from './pod/env-sources';
export * from './pod/metadata';
export * from './pod/service-exposure';
export * from './pod/ingress';
export * from './pod/scheduling';
export * from './pod/service-account';
export * from './pod/house-defaults';
export * from './namespaces/secure-namespace';
export { podSecurityViolations, requiredLevel } from './rules/security/pod-security';
export type { PssLevel, PssViolation } from './rules/security/pod-security';
