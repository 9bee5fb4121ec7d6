/** Spec §5.5: the exact names a cleared child environment keeps from the service's own. */
const POSIX_ALLOWLIST = [
  'PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR',
  'LC_ALL', 'LC_CTYPE', 'LC_NUMERIC', 'LC_TIME', 'LC_COLLATE', 'LC_MONETARY', 'LC_MESSAGES', 'LC_PAPER',
  'LC_NAME', 'LC_ADDRESS', 'LC_TELEPHONE', 'LC_MEASUREMENT', 'LC_IDENTIFICATION'
] as const
const WINDOWS_EXTRA = ['SystemRoot', 'SystemDrive', 'WINDIR', 'PATHEXT', 'USERPROFILE', 'TEMP', 'TMP'] as const

/** The operator passthrough list of spec §5.5, as the worker reads it from the environment. */
export const PASSTHROUGH_VARIABLE = 'ATTUNE__WORKER__PASSTHROUGH_ENV'

/**
 * Parse the passthrough list: comma-separated identifiers, not `ATTUNE_*`, no duplicates. Bad names
 * are returned as problems rather than silently dropped.
 */
export function parsePassthrough(value: string | undefined): { names: string[]; problems: string[] } {
  const names: string[] = []
  const problems: string[] = []
  for (const raw of (value ?? '').split(',')) {
    const name = raw.trim()
    if (name === '') continue
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) problems.push(`${PASSTHROUGH_VARIABLE}: '${name}' is not a variable name`)
    else if (name.startsWith('ATTUNE_')) problems.push(`${PASSTHROUGH_VARIABLE}: '${name}' is reserved (ATTUNE_*)`)
    else if (names.includes(name)) problems.push(`${PASSTHROUGH_VARIABLE}: '${name}' is listed twice`)
    else names.push(name)
  }
  return { names, problems }
}

/**
 * The baseline environment of every child the engine starts: the allowlist of spec §5.5 plus the
 * operator's passthrough names (e.g. a proxy or CA bundle), taken from `env`, nothing else. Probes,
 * setup commands and actions all start from it. Its PATH is the machine's, without what the workbench's
 * own launch put there (see {@link workerPath}). `appDir` is the Electron app's resources folder, if any.
 */
export function captureBaselineEnv(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
  appDir: string | null = electronResourcesPath()
): Record<string, string> {
  const allowlist: readonly string[] = platform === 'win32' ? [...POSIX_ALLOWLIST, ...WINDOWS_EXTRA] : POSIX_ALLOWLIST
  const names = [...allowlist, ...parsePassthrough(env[PASSTHROUGH_VARIABLE]).names]
  const baseline: Record<string, string> = {}
  for (const name of names) {
    const value = env[name]
    if (value !== undefined) baseline[name] = name === 'PATH' ? workerPath(value, platform, appDir) : value
  }
  return baseline
}

/**
 * PATH without the folders `npm run` / `npx` and the Electron app add for themselves: `node_modules/.bin`
 * of every ancestor folder (and of npx's cache), npm's `node-gyp-bin`, and the app's resources folder.
 * A worker's action sees the worker's PATH, not the workbench's tool chain (issue 9 finding 10: under
 * `npm start`, `command -v vitest` worked inside an action). Order and everything else are kept.
 */
export function workerPath(value: string, platform: NodeJS.Platform = process.platform, appDir: string | null = null): string {
  const windows = platform === 'win32'
  const normal = (path: string): string => {
    const slashed = windows ? path.replace(/\\/g, '/').toLowerCase() : path
    return slashed.length > 1 ? slashed.replace(/\/+$/, '') : slashed
  }
  const app = appDir === null || appDir === '' ? null : normal(appDir)
  const added = (entry: string): boolean => {
    const path = normal(entry)
    if (path.endsWith('/node_modules/.bin') || path === 'node_modules/.bin') return true
    if (path.endsWith('/node-gyp-bin') && path.includes('/node_modules/')) return true
    return app !== null && (path === app || path.startsWith(`${app}/`))
  }
  return value
    .split(windows ? ';' : ':')
    .filter((entry) => !added(entry))
    .join(windows ? ';' : ':')
}

/** `process.resourcesPath` when this process is Electron's (it is undefined under plain Node.js). */
function electronResourcesPath(): string | null {
  const resources = (process as { resourcesPath?: unknown }).resourcesPath
  return typeof resources === 'string' && resources !== '' ? resources : null
}
