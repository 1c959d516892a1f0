// Lint rules, chiefly the import boundaries: db/ is pure Node, renderer/ is browser code, electron/ a thin shell.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layers from './build/eslint-layers.js';

const noUiInDb = {
  patterns: [
    { group: ['electron', 'electron/*'], message: 'db/ is pure Node: no electron.' },
    { group: ['lit', 'lit/*', '@lit/*', '@lit-labs/*'], message: 'db/ is pure Node: no lit.' },
    { group: ['**/renderer/**', '**/electron/**'], message: 'db/ must not import renderer or electron code.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-output/**',
      'bench/out/**',
      'release/**',
      'native/**',
      '**/*.min.js',
      '.stacks-tmp/**',
      '**/.tmp/**',
      '**/*.tmp.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
      // Binary sniffing and marker handling match control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  { files: ['db/**/*.ts'], rules: { 'no-restricted-imports': ['error', noUiInDb] } },
  // Which layer may import which: build/eslint-layers.js holds the table.
  {
    files: ['db/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.ts'],
    plugins: { stacks: layers },
    rules: { 'stacks/layers': 'error' },
  },
  {
    files: ['renderer/**/*.ts'],
    ignores: ['renderer/vite.config.ts'], // build configuration runs in Node
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'better-sqlite3'],
              message: 'renderer/ is browser code: no Node modules.',
            },
            { group: ['electron', 'electron/*'], message: 'renderer/ talks to the archive through its client only.' },
            { regex: '(^|/)db/(?!contract/)', message: 'renderer/ may import only db/contract from db/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['lit', 'lit/*', '@lit/*', '**/renderer/**'],
              message: 'electron/ is the shell: no renderer code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' },
    },
  },
  { files: ['**/*.mjs', 'bin/**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  // The browser clipper: plain WebExtension scripts (pages, service worker, a function injected into the page).
  {
    files: ['clipper/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: {
        chrome: 'readonly',
        window: 'readonly',
        document: 'readonly',
        location: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        XMLSerializer: 'readonly',
        btoa: 'readonly',
        AbortSignal: 'readonly',
        TextEncoder: 'readonly',
      },
    },
  },
);
