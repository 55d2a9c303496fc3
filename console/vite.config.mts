import { defineConfig } from 'vite';

/**
 * The console builds to static files (console/build) that the gateway serves at `/` under a
 * strict Content-Security-Policy: no inline script or style, nothing from another origin.
 */
export default defineConfig({
  base: '/',
  publicDir: 'public',
  build: {
    outDir: 'build',
    emptyOutDir: true,
    target: 'es2022',
    // Everything a file of its own: a `data:` URL inlined into CSS or JS would be needless under the CSP.
    assetsInlineLimit: 0,
    // Every supported browser has modulepreload; the polyfill would be an inline-free but useless extra.
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    // `npm run -w console dev` against a running hub (`npm start`): the API stays on its origin.
    proxy: { '/graphql': 'http://127.0.0.1:4000', '/auth': 'http://127.0.0.1:4000' },
  },
});
