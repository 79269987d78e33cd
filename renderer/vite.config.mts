import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The renderer build: React with Vite's own JSX transform, a relative base so the same files load
 * from the desktop app's app:// scheme and from the loopback host, and every asset (the Noto Sans SC
 * subsets included) bundled beside the page: nothing is ever fetched from the network.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    // ECharts and AG Grid are large by nature; the app loads from disk, not over a network.
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
  },
});
