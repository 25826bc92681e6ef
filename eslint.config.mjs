// Flat config: typescript-eslint's recommended rules, Svelte's, and the boundary rules that keep the
// architecture honest (pure shared code, renderer never reaching into the main process).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-output/', 'tests/fixtures/**', 'assets/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports (Svelte components excepted).' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser }, globals: { ...globals.browser } },
  },
  {
    // Pure code: used by main, renderer and CLI alike.
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'electron', 'better-sqlite3', 'node-powershell', '../../src-main/*', '**/src-main/**'], message: 'src-shared stays pure: no Node, Electron or main-process imports.' }] },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'electron', '**/src-main/**'], message: 'The renderer talks to the main process only through window.api.' }] },
      ],
    },
  },
  {
    // Electron stays in the thin glue: everything else must run (and be tested) under plain Node.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**', 'src-main/preload/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src-main/electron and src-main/preload import Electron (type-only imports are fine).', allowTypeImports: true }] },
      ],
    },
  },
  {
    files: ['vitest.config.ts', 'eslint.config.mjs', 'vite.config.ts', 'scripts/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
)
