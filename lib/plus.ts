/**
 * The one module that imports cdk8s-plus. Every other file imports `kplus`
 * from here, so moving to a newer flavour (cdk8s-plus-28, ...) is a one-line change.
 */
export * from 'cdk8s-plus-27';
