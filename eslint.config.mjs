import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Besides the usual rules, the layering of ARCHITECTURE.md is enforced here: shared/ imports
 * nothing of electron/ or renderer/; electron/core never imports 'electron'; the renderer never
 * imports from electron/; a host (electron/main, http, cli) never imports another.
 */
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'renderer/dist/**', 'bin/**', 'scripts/**/*.js', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/electron/**', 'electron', 'better-sqlite3', 'node:*'], message: 'shared/ is pure TypeScript: no Node, no Electron.' },
        { group: ['**/renderer/**', 'react', 'react-dom'], message: 'shared/ must not depend on the renderer.' },
      ] }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'electron/*'], message: 'electron/core runs under plain Node: no Electron import.' },
        { group: ['**/renderer/**', '**/main/**', '**/http/**', '**/cli/**', '**/host/**'], message: 'core is imported by hosts, not the other way round.' },
      ] }],
    },
  },
  // The three hosts (desktop app, loopback HTTP, command line) stand side by side: what two of them
  // share lives in electron/host/, which imports no host.
  ...[
    ['main', ['http', 'cli']],
    ['http', ['main', 'cli']],
    ['cli', ['main', 'http']],
    ['host', ['main', 'http', 'cli']],
  ].map(([folder, others]) => ({
    files: [`electron/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: others.map((o) => `**/${o}/**`), message: `electron/${folder} must not import another host; share through electron/host/.` },
      ] }],
    },
  })),
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/electron/**', 'electron', 'better-sqlite3', 'node:*'], message: 'The renderer talks to the core only through shared/api.' },
      ] }],
    },
  },
  // Lines of at most 120 characters (strings, template literals, URLs and regular expressions may run on).
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.mjs'],
    rules: {
      'max-len': ['error', {
        code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true,
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
