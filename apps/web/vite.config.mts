import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The browser app, built to apps/web/dist; the API serves it at `/` (see apps/api/src/web/serve-web-app.ts). */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  resolve: {
    // The web app imports the same contract types as the API, so the shapes cannot drift.
    alias: { '@rostrum/contracts': here('../../libs/contracts/src/index.ts') },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    port: 5173,
    // `npm run dev:web`: the API runs on :3000 (npm run start:api); REST and the socket go through this proxy.
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
