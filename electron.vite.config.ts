import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { contentSecurityPolicyMeta } from './shared/security/csp';

/** The CSP is written into index.html at build time from the one definition in shared/. */
const cspMeta = (): Plugin => ({
  name: 'clinician-csp-meta',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicyMeta },
      injectTo: 'head-prepend',
    },
  ],
});

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          // The core runs in a worker thread; the preview host reuses this very file.
          'core-worker': resolve('electron/core/worker.ts'),
          'preview-host': resolve('electron/preview/index.ts'),
          // The embedded demo backend, started by path in its own worker thread.
          'demo-server': resolve('server/embedded-worker.ts'),
          // Its PGlite, in a worker thread of its own (server/db/pglite-worker.ts).
          'pglite-worker': resolve('server/db/pglite-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload may require nothing but 'electron': inline every dependency.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), cspMeta()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
