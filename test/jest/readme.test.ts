import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

test('the README\'s "Testing your charts" example is test/jest/example.test.ts, which runs', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Testing your charts'));
  const example = /```ts\n([\s\S]*?)```/.exec(section)![1];
  const test = fs.readFileSync(path.join(__dirname, 'example.test.ts'), 'utf8')
    .replace(/^\/\/.*\n/gm, '')
    .replace("'../../lib/jest'", "'cdk8s-patterns/jest'")
    .replace("'../../lib'", "'cdk8s-patterns'");
  expect(example).toBe(test);
});
