/**
 * The configuration reference in README.md and docs/configuration.md is generated from the
 * declarations; this test fails when someone changes one without the other
 * (`npm run docs:config` rewrites them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ENV_VARS } from '../../../src/config/env-vars';
import { GENERATED_BLOCKS, replaceBlock } from '../../../src/config/write-reference';

const ROOT = path.resolve(__dirname, '..', '..', '..');

test.each(Object.entries(GENERATED_BLOCKS))('%s holds the current generated configuration reference', (file, blocks) => {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  let expected = text;
  for (const [name, render] of Object.entries(blocks)) expected = replaceBlock(expected, name, render());
  expect(text).toBe(expected);
});

test('the README documents every environment variable the product reads', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const v of ENV_VARS) expect(readme).toContain(`\`${v.name}\``);
});
