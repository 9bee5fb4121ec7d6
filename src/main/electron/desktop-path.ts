import { mergePathLists, readLoginShellPath } from '../core/discovery'

/**
 * An app started from a desktop (not a terminal) inherits a minimal PATH without the version
 * managers' folders; merge the login shell's PATH first, time-boxed (DESIGN.md).
 */
export async function mergeDesktopPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Promise<void> {
  if (platform === 'win32' || env.TERM || !env.SHELL) return
  const shellEnv: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) if (value !== undefined) shellEnv[name] = value
  const loginPath = await readLoginShellPath({ shell: env.SHELL, env: shellEnv, timeoutMs: 3000 })
  if (loginPath) env.PATH = mergePathLists(env.PATH ?? '', loginPath)
}
