import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import { builtinModules } from 'node:module'

// Layering (DESIGN.md): the engine never imports Electron; renderer and shared code see neither
// Node nor Electron. Only src/main/electron and src/preload may import 'electron'.
const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)]
const nodeOnlyPackages = ['better-sqlite3', 'execa', 'yaml']

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'reports/**', 'test-results/**', 'playwright-report/**', 'bin/**', 'scripts/**', 'resources/packs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }]
    }
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only src/main/electron may import electron (DESIGN.md).' }] }]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Renderer and shared code talk to the main process only through the Api.' },
            ...[...nodeModules, ...nodeOnlyPackages].map((name) => ({ name, message: 'No Node modules in renderer or shared code.' }))
          ]
        }
      ]
    }
  }
)
