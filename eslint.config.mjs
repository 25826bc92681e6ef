// Flat config: typescript-eslint's recommended rules, Svelte's, and the boundary rules that keep the
// architecture honest (pure shared code, renderer never reaching into the main process).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import svelte from 'eslint-plugin-svelte'
import compat from 'eslint-plugin-compat'
import n from 'eslint-plugin-n'
import globals from 'globals'

// The oldest runtimes the bundles must run in: the legacy desktop build's Electron 22.3 (Chromium 108,
// Node 16.17), see scripts/build-targets.mjs and docs/desktop-builds.md.
const RENDERER_BROWSERS = ['chrome 108']
const MAIN_NODE_VERSION = '>=16.17.0'
const NAMED_EXPORTS = { selector: 'ExportDefaultDeclaration', message: 'Use named exports (Svelte components excepted).' }
// eslint-plugin-compat cannot see through types (`element.showPopover()`) and its data lags behind recent ES
// additions, so the methods and statics Chromium 108 lacks are also refused by name.
const AFTER_CHROME_108_METHODS = [
  'toSorted', 'toReversed', 'toSpliced', 'with', // Array/TypedArray copies: Chrome 110
  'union', 'intersection', 'difference', 'symmetricDifference', 'isSubsetOf', 'isSupersetOf', 'isDisjointFrom', // Set methods: 122
  'showPopover', 'hidePopover', 'togglePopover', // popover: 114
  'isWellFormed', 'toWellFormed', // 111
  'transfer', 'transferToFixedLength', // ArrayBuffer: 114
]
const AFTER_CHROME_108_STATICS = [
  ['Promise', 'withResolvers'], ['Object', 'groupBy'], ['Map', 'groupBy'], ['Array', 'fromAsync'],
  ['URL', 'canParse'], ['AbortSignal', 'any'], ['Intl', 'DurationFormat'],
]

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-output/', '.cache/', 'tests/fixtures/**', 'assets/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', NAMED_EXPORTS],
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
        { patterns: [{ group: ['node:*', 'electron', '**/src-main/**'], message: 'The renderer talks to the main process only through window.xed (src-renderer/lib/api.ts).' }] },
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
    // Web and ES APIs the renderer may call: what Chromium 108 has (toSorted, Promise.withResolvers, the new
    // Set methods, popover... are rejected). CSS is checked by tests/build/renderer-css-compat.test.ts.
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    plugins: { compat },
    settings: { browsers: RENDERER_BROWSERS, lintAllEsApis: true },
    rules: {
      'compat/compat': 'error',
      'no-restricted-syntax': [
        'error',
        NAMED_EXPORTS,
        {
          selector: `CallExpression > MemberExpression.callee > Identifier.property[name=/^(${AFTER_CHROME_108_METHODS.join('|')})$/]`,
          message: 'Not in Chromium 108 (the legacy build\'s Electron 22): see docs/desktop-builds.md.',
        },
      ],
      'no-restricted-properties': [
        'error',
        ...AFTER_CHROME_108_STATICS.map(([object, property]) => ({ object, property, message: 'Not in Chromium 108 (the legacy build\'s Electron 22).' })),
      ],
    },
  },
  {
    // Main process, preload, packaged CLI and the shared code they bundle: Node 16.17 (Electron 22.3) APIs
    // and syntax only. Where code is guarded at run time, the line says so in an eslint-disable comment.
    files: ['src-main/**/*.ts', 'src-shared/**/*.ts'],
    plugins: { n },
    settings: { node: { version: MAIN_NODE_VERSION } },
    rules: {
      'n/no-unsupported-features/node-builtins': ['error', { version: MAIN_NODE_VERSION, allowExperimental: false }],
      'n/no-unsupported-features/es-builtins': ['error', { version: MAIN_NODE_VERSION }],
      'n/no-unsupported-features/es-syntax': ['error', { version: MAIN_NODE_VERSION }],
    },
  },
  {
    files: ['vitest.config.ts', 'eslint.config.mjs', 'vite.config.ts', 'scripts/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
)
