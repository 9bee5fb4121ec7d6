import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// Dependencies stay external only where they must: ws, whose optional native helpers (bufferutil,
// utf-8-validate) it loads only when installed. The others are bundled into the CJS main build: execa is
// ESM-only; zod, yaml, ini and better-sqlite3's JavaScript, loaded from node_modules, are many small CommonJS
// files that Node resolves, reads and compiles one by one at every start (zod and yaml alone about 100 ms of
// every CLI command that opens the engine; better-sqlite3's dozen files about 4 ms). better-sqlite3's native
// addon is loaded by path (core/store/database.ts), never bundled.
// Commands load their chunk on demand (src/main/cli/run-cli.ts), so `logs`, `--help` and commands answered
// over the engine socket load no engine. zod and yaml get chunks of their own, so that no chunk of our code
// that needs neither makes a process load them; yaml's code runs only when first used (core/util/lazy-yaml.ts).
export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: ['execa', 'zod', 'yaml', 'ini', 'better-sqlite3'] },
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
