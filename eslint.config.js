// @ts-check
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'data',
      'dist',
      'test-results',
      'src/db/migrations',
      'bench/results',
      'bench/data',
      'src/web/dist',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { boundaries, 'import-x': importX },
    settings: {
      'import/resolver': { typescript: { alwaysTryTypes: true } },
      'import-x/resolver': { typescript: { alwaysTryTypes: true } },
      'boundaries/elements': [
        { type: 'core', pattern: 'src/core/**' },
        // Before `db`: the first matching pattern classifies a file, and repositories are the one part of
        // db/ that server and cli must not reach (a route calls a service, never a repository).
        { type: 'repositories', pattern: 'src/db/repositories/**' },
        { type: 'db', pattern: 'src/db/**' },
        { type: 'services', pattern: 'src/services/**' },
        { type: 'server', pattern: 'src/server/**' },
        { type: 'cli', pattern: 'src/cli/**' },
        { type: 'web', pattern: 'src/web/**' },
      ],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      'import-x/no-cycle': 'error',
      // Dependencies flow one way: web → API; server and cli → services → core and db; core is pure.
      // server and cli may use db's connection and types but never src/db/repositories (type imports
      // included): they get data through services, built by services/composition-root.ts.
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            { from: { element: { type: 'core' } }, allow: [{ to: { element: { type: 'core' } } }] },
            {
              from: { element: { type: 'db' } },
              allow: [
                { to: { element: { type: 'db' } } },
                { to: { element: { type: 'repositories' } } },
                { to: { element: { type: 'core' } } },
              ],
            },
            {
              from: { element: { type: 'repositories' } },
              allow: [
                { to: { element: { type: 'repositories' } } },
                { to: { element: { type: 'db' } } },
                { to: { element: { type: 'core' } } },
              ],
            },
            {
              from: { element: { type: 'services' } },
              allow: [
                { to: { element: { type: 'services' } } },
                { to: { element: { type: 'core' } } },
                { to: { element: { type: 'db' } } },
                { to: { element: { type: 'repositories' } } },
              ],
            },
            {
              from: { element: { type: 'server' } },
              allow: [
                { to: { element: { type: 'server' } } },
                { to: { element: { type: 'services' } } },
                { to: { element: { type: 'core' } } },
                { to: { element: { type: 'db' } } },
              ],
            },
            {
              from: { element: { type: 'cli' } },
              allow: [
                { to: { element: { type: 'cli' } } },
                { to: { element: { type: 'server' } } },
                { to: { element: { type: 'services' } } },
                { to: { element: { type: 'core' } } },
                { to: { element: { type: 'db' } } },
              ],
            },
            { from: { element: { type: 'web' } }, allow: [{ to: { element: { type: 'web' } } }] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // expect.any() and friends are typed any by Vitest.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
);
