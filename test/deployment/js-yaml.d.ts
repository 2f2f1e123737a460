// js-yaml comes with eslint (@eslint/eslintrc) and ships no types; the deployment tests only
// need its loader.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
