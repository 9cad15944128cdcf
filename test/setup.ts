// Warnings go to stderr in real synths; tests assert on findings instead of reading noise. The guard
// is silenced when a test file first loads it (a mock that returns the real module), not here: a
// third of the test files never load the guard, nor cdk8s, which it imports.
jest.mock('../lib/guard', () => {
  const guard = jest.requireActual<typeof import('../lib/guard')>('../lib/guard');
  guard.setFindingReporter(() => undefined);
  return guard;
});

// Schema validation with the precompiled validators of a current build (what the package ships;
// scripts/jest-global-setup.js decides), not ajv compiling each kind again in each test file: ~0.2 s
// against 0.4 s and more per file. test/schema/validate.test.ts compares the two on its own instances.
const schemaDir = process.env.CDK8S_PATTERNS_JEST_SCHEMA_DIR;
if (schemaDir) {
  jest.mock('../lib/schema/strict-schema', () => {
    const actual = jest.requireActual<typeof import('../lib/schema/strict-schema')>('../lib/schema/strict-schema');
    let shared: InstanceType<typeof actual.StrictSchema> | undefined;
    actual.StrictSchema.get = () => (shared ??= new actual.StrictSchema(schemaDir));
    return actual;
  });
}
