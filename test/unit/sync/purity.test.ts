import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// src/sync is imported by workflow code, which runs in Temporal's deterministic sandbox.
const dir = join(__dirname, '../../../src/sync');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('src/sync purity', () => {
  it('has modules to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files.map((f) => [f]))('%s imports nothing but sibling modules, src/errors and the SalesWings contract', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.filter((i) => !i.startsWith('./') && !i.startsWith('../'))).toEqual([]);
    expect(imports.filter((i) => i.startsWith('../') && !['../errors', '../saleswings/contract'].includes(i))).toEqual([]);
  });

  it.each(files.map((f) => [f]))('%s uses no wall clock or randomness', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    expect(source).not.toMatch(/Date\.now\(|new Date\(\)|Math\.random\(|performance\.now\(|process\./);
  });
});
