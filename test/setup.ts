// Warnings go to stderr in real synths; tests assert on findings instead of reading noise. The guard
// is silenced when a test file first loads it (a mock that returns the real module), not here: a
// third of the test files never load the guard, nor cdk8s, which it imports.
jest.mock('../lib/guard', () => {
  const guard = jest.requireActual<typeof import('../lib/guard')>('../lib/guard');
  guard.setFindingReporter(() => undefined);
  return guard;
});
