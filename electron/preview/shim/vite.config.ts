import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The preview's window.clinician shim: one classic script, loaded before the app. */
export default defineConfig({
  build: {
    outDir: resolve(import.meta.dirname, '../../../out/preview'),
    emptyOutDir: true,
    lib: {
      entry: resolve(import.meta.dirname, 'index.ts'),
      formats: ['iife'],
      name: 'clinicianPreviewShim',
      fileName: () => 'shim.js',
    },
  },
});
