// Lint enforces the dependency rule of ARCHITECTURE.md: each top-level folder is a runtime,
// and may import only the folders below it. tsconfig `lib`/`types` per folder is the second check.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const ours = (folder) => [`**/${folder}`, `**/${folder}/**`];
const forbid = (folders, message) => ({
  group: folders.flatMap(ours),
  message,
});
const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'child_process',
  'worker_threads',
  'os',
  'net',
  'http',
  'https',
  'crypto',
];

/** Folder → what it must never import. */
const layers = [
  {
    files: ['shared/**/*.ts'],
    patterns: [
      forbid(['electron', 'renderer', 'server', 'test'], 'shared imports nothing of ours.'),
      {
        group: ['electron', 'react', 'react-dom', ...nodeBuiltins],
        message: 'shared is pure: no Node, no Electron, no React.',
      },
    ],
  },
  {
    files: ['electron/core/**/*.ts'],
    patterns: [
      forbid(['main', 'preload', 'preview', 'renderer', 'server', 'test'], 'core → shared only.'),
      {
        group: ['electron', 'electron/*', 'react', 'react-dom'],
        message: "core is host-agnostic: never 'electron' or 'react'.",
      },
    ],
  },
  {
    files: ['electron/main/**/*.ts'],
    patterns: [
      forbid(['preload', 'preview', 'renderer', 'server', 'test'], 'main → core, shared only.'),
    ],
  },
  {
    files: ['electron/preload/**/*.ts'],
    patterns: [
      forbid(['core', 'main', 'preview', 'renderer', 'server', 'test'], 'preload → shared only.'),
      { group: nodeBuiltins, message: "a sandboxed preload may require nothing but 'electron'." },
    ],
  },
  {
    files: ['electron/preview/**/*.ts'],
    patterns: [
      forbid(
        ['main', 'preload', 'renderer', 'server', 'test'],
        'preview host → core, shared only (the demo backend runs from its built file).',
      ),
      { group: ['electron', 'electron/*'], message: 'the preview host runs without Electron.' },
    ],
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    patterns: [
      forbid(['electron', 'server', 'test'], 'renderer → shared only; talk to window.clinician.'),
      {
        group: ['electron', ...nodeBuiltins],
        message: 'the renderer is sandboxed: no Node, no Electron.',
      },
    ],
  },
  {
    files: ['server/**/*.ts'],
    patterns: [
      forbid(['electron', 'renderer', 'test'], 'server → shared only.'),
      { group: ['electron', 'react', 'react-dom'], message: 'the server is plain Node.' },
    ],
  },
];

const unsafeWebPreferences = [
  ...[
    'nodeIntegration',
    'nodeIntegrationInWorker',
    'nodeIntegrationInSubFrames',
    'allowRunningInsecureContent',
    'experimentalFeatures',
    'enableBlinkFeatures',
    'webviewTag',
  ].map((name) => ({
    selector: `Property[key.name='${name}'][value.value=true]`,
    message: `${name}: true is never allowed.`,
  })),
  ...['contextIsolation', 'sandbox', 'webSecurity'].map((name) => ({
    selector: `Property[key.name='${name}'][value.value=false]`,
    message: `${name}: false is never allowed.`,
  })),
];
const rawIpcMain = ['ImportSpecifier', 'MemberExpression'].map((node) => ({
  selector:
    node === 'ImportSpecifier'
      ? "ImportSpecifier[imported.name='ipcMain']"
      : "MemberExpression[property.name='ipcMain']",
  message:
    'Use handle() from electron/main/ipc/handle.ts: it checks the sender and parses every payload.',
}));

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'release/',
      'coverage/',
      '.tsbuild/',
      'bench/results/',
      'test-results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  ...layers.map(({ files, patterns }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
  {
    // Unsafe webPreferences are banned everywhere; secureWebPreferences() is the one source.
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...unsafeWebPreferences] },
  },
  {
    // Only the one validated handler may touch ipcMain (VS Code's validatedIpcMain idea).
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/ipc/handle.ts'],
    rules: { 'no-restricted-syntax': ['error', ...unsafeWebPreferences, ...rawIpcMain] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
