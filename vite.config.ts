// The renderer build: src-renderer → out/renderer, relative asset paths so index.html loads from file://.
import { defineConfig } from 'vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { fileURLToPath } from 'node:url'

export default defineConfig({
  root: fileURLToPath(new URL('./src-renderer', import.meta.url)),
  base: './',
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome108',
    // Electron 22.3's Chromium (the legacy build, scripts/build-targets.mjs); CSS too, e.g. nesting is flattened.
    cssTarget: 'chrome108',
    // No inline data: scripts or modulepreload polyfill: the CSP allows only the app's own files.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
})
