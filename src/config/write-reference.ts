/**
 * `npm run docs:config`: rewrites the generated configuration tables in README.md and
 * docs/configuration.md from the declarations (a test fails when they are out of date).
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderDefaultSyncOptions, renderEnvReference, renderSyncOptionsReference } from './reference';

const ROOT = path.resolve(__dirname, '..', '..');

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`. */
export function replaceBlock(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`missing ${start} … ${end}`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

export const GENERATED_BLOCKS: Record<string, Record<string, () => string>> = {
  'README.md': { 'env-reference': renderEnvReference, 'options-reference': renderSyncOptionsReference },
  'docs/configuration.md': { 'default-options': () => `\`\`\`json\n${renderDefaultSyncOptions()}\n\`\`\`` },
};

export function main(): void {
  for (const [file, blocks] of Object.entries(GENERATED_BLOCKS)) {
    const full = path.join(ROOT, file);
    let text = fs.readFileSync(full, 'utf8');
    for (const [name, render] of Object.entries(blocks)) text = replaceBlock(text, name, render());
    fs.writeFileSync(full, text);
    console.log(`updated ${file}`);
  }
}

if (require.main === module) main();
