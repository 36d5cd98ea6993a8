import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema } from '../../../src/config';

const root = join(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe('every environment variable is documented', () => {
  const names = Object.keys(configSchema.shape);

  it('in the README configuration table', () => {
    const readme = read('README.md');
    expect(names.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it('in .env.example', () => {
    const example = read('.env.example');
    expect(names.filter((name) => !new RegExp(`^${name}=`, 'm').test(example))).toEqual([]);
  });
});
