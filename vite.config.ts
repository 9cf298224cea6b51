import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

// The web app lives in src/web and builds to dist/web, which the Fastify server serves at `/`.
export default defineConfig({
  root: here('./src/web'),
  plugins: [react()],
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    // Charts are the largest dependency; one vendor chunk keeps the app's own code small and cacheable.
    chunkSizeWarningLimit: 800,
  },
  server: {
    // `npx vite` for hot reload during development, with the API served by `npm start` on port 3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
