import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Besides the usual rules, the layering of ARCHITECTURE.md is enforced here: shared/ imports
 * nothing of electron/ or renderer/; electron/core never imports 'electron'; the renderer never
 * imports from electron/.
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
        { group: ['**/renderer/**', '**/main/**', '**/http/**', '**/cli/**'], message: 'core is imported by hosts, not the other way round.' },
      ] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/electron/**', 'electron', 'better-sqlite3', 'node:*'], message: 'The renderer talks to the core only through shared/api.' },
      ] }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
