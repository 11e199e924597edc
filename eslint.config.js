// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'actions/*/dist/**', 'test/fixtures/**', 'coverage/**', '.forge-tmp/**', 'forge-demo/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:fs*', 'node:child_process', 'node:net', 'node:http*', 'fs', 'child_process'], message: 'core/ does no I/O (DESIGN.md).' },
            { group: ['../app/*', '../runner/*', '../cli/*', '../../app/*', '../../runner/*'], message: 'core/ imports neither app/ nor runner/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['runner/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/app/*', '@actions/core'], message: 'runner/ never imports app/ or @actions/core (STYLE.md).' }] }],
    },
  },
  {
    files: ['app/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/runner/*'], message: 'app/ never imports runner/ (DESIGN.md).' }] }],
    },
  },
);
