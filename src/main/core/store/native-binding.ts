import { join } from 'node:path'
import { WorkbenchError } from '../errors'

/**
 * better-sqlite3 for two ABIs (DESIGN.md "Hosts"): the CLI, `serve` and the tests load the Node build
 * npm install compiles into node_modules; the Electron main process loads its own build, made by
 * `npm run rebuild:electron` (scripts/electron-sqlite.js) into `native/`. The file name below is the
 * script's too (a test keeps them equal).
 */
export function electronBindingFile(root: string, electronVersion: string, platform: string = process.platform, arch: string = process.arch): string {
  return join(root, 'native', `electron-${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node')
}

/** The `nativeBinding` option for better-sqlite3 in this process: Electron's own build, or the default. */
export function nativeBindingFor(versions: Readonly<Partial<Record<string, string>>>, root: () => string): string | undefined {
  const electron = versions.electron
  return electron ? electronBindingFile(root(), electron) : undefined
}

const ABI_SIGNS = [/NODE_MODULE_VERSION/, /compiled against a different Node\.js version/, /invalid ELF header/, /wrong ELF class/, /not a valid Win32 application/, /mach-o, but wrong architecture/, /incompatible architecture/]

/**
 * A native module that will not load in this process, as one line naming the command that fixes it;
 * null for any other error. Covers a build for another ABI (NODE_MODULE_VERSION mismatch, invalid ELF)
 * and, in Electron, its own build not made yet.
 */
export function nativeLoadProblem(error: unknown, context: { readonly versions: Readonly<Partial<Record<string, string>>>; readonly root: string; readonly binding?: string }): WorkbenchError | null {
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown })?.code
  const abi = ABI_SIGNS.some((sign) => sign.test(message)) || code === 'ERR_DLOPEN_FAILED'
  const missing = context.binding !== undefined && code === 'MODULE_NOT_FOUND' && message.includes(context.binding)
  if (!abi && !missing) return null
  const electron = context.versions.electron
  if (electron) {
    const why = missing ? `its Electron build ${context.binding} has not been made` : 'the build found is for another ABI'
    return new WorkbenchError('environment', `The desktop app cannot load its SQLite module (better-sqlite3) for Electron ${electron}: ${why}. Run "npm run rebuild:electron" in ${context.root}, then start the app again.`)
  }
  return new WorkbenchError('environment', `better-sqlite3 is built for another Node.js than this one (${context.versions.node ?? 'unknown'}). Run "npm run rebuild:node" in ${context.root}, then run the command again.`)
}
