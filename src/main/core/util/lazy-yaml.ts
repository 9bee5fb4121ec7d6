import type * as Yaml from 'yaml'

let loaded: typeof Yaml | undefined

/**
 * The `yaml` library, loaded on first use. Most commands parse no YAML (the catalog and the packs are read
 * again only when their files change), and loading it costs about 10 ms of a command's start; a static
 * `import` from 'yaml' runs it as soon as the importing module's chunk loads, a command's whole engine.
 */
export function yaml(): typeof Yaml {
  // The bundler turns this `require` into a call of the bundled library's loader: synchronous, as the
  // catalog and pack readers are, where `import()` would make every parse async.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('yaml') as typeof Yaml)
}
