import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// Dependencies stay external: better-sqlite3 (native addon) and ws, whose optional native helpers (bufferutil,
// utf-8-validate) it loads only when installed. execa is ESM-only and is bundled into the CJS main build.
// zod and yaml are bundled too: loaded from node_modules they are a few hundred small CommonJS files that
// Node resolves, reads and compiles one by one (about 100 ms of every CLI command that opens the engine);
// bundled, they are parsed lazily as part of one chunk (under 30 ms). Commands load their chunk on demand
// (src/main/cli/run-cli.ts), so `logs`, `--help` and commands answered over the engine socket load neither.
// Each library gets a chunk of its own, so that no chunk of our code that needs neither makes a process
// load them; yaml's code runs only when first used (core/util/lazy-yaml.ts).
export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: ['execa', 'zod', 'yaml'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/main.ts')
        },
        output: {
          codeSplitting: {
            groups: [
              { name: 'yaml', test: /node_modules[\\/]yaml[\\/]/ },
              { name: 'zod', test: /node_modules[\\/]zod[\\/]/ }
            ]
          }
        }
      }
    }
  },
  preload: {
    build: { externalizeDeps: false, rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } } }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: { rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } } },
    plugins: [react()]
  }
})
