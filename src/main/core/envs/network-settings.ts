import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseIni } from 'ini'

/** One variable handed to setup commands, and where its value came from. */
export interface NetworkSetting {
  readonly name: string
  /** `environment`, or the config file it was read from. */
  readonly source: string
}

/**
 * The user's network settings as variables for dependency installs. Setup commands run with a cleared
 * environment and HOME inside the env (spec §4.5), which drops exactly what a developer behind a proxy,
 * a TLS-inspecting gateway or a private registry needs; a worker leaves this to its operator
 * (`ATTUNE__WORKER__PASSTHROUGH_ENV`). These go to setup commands only, never to actions.
 */
export interface NetworkSettings {
  readonly env: Readonly<Record<string, string>>
  readonly passed: readonly NetworkSetting[]
  /** Settings seen but not passed (credentials), said in the env's log. */
  readonly notPassed: readonly string[]
}

export const NO_NETWORK_SETTINGS: NetworkSettings = { env: {}, passed: [], notPassed: [] }

/** Proxy and CA-bundle variables every tool reads, taken from the user's environment as they are. */
const ENVIRONMENT_NAMES = [
  'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy', 'NO_PROXY', 'no_proxy',
  'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE',
  'PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'PIP_TRUSTED_HOST', 'PIP_FIND_LINKS', 'PIP_CERT', 'PIP_CLIENT_CERT', 'PIP_PROXY',
  'PIP_DEFAULT_TIMEOUT', 'PIP_RETRIES'
] as const

/** npm settings that say where packages come from and how to reach it (`npm help config`). */
const NPM_KEYS = ['registry', 'cafile', 'ca', 'proxy', 'https-proxy', 'noproxy', 'strict-ssl', 'fetch-timeout', 'fetch-retries'] as const

/** pip settings of the same kind (`pip help install`), as pip's `PIP_*` variables. */
const PIP_KEYS: Readonly<Record<string, string>> = {
  'index-url': 'PIP_INDEX_URL',
  'extra-index-url': 'PIP_EXTRA_INDEX_URL',
  'trusted-host': 'PIP_TRUSTED_HOST',
  'find-links': 'PIP_FIND_LINKS',
  cert: 'PIP_CERT',
  'client-cert': 'PIP_CLIENT_CERT',
  proxy: 'PIP_PROXY',
  timeout: 'PIP_DEFAULT_TIMEOUT',
  retries: 'PIP_RETRIES'
}

export interface ReadNetworkOptions {
  readonly home?: string
  readonly platform?: NodeJS.Platform
  readonly readText?: (path: string) => string | null
}

/**
 * Collect the network settings a developer's npm and pip would use: the environment's proxy and CA
 * variables, the network keys of the user's `.npmrc`, and those of pip's config files in pip's own
 * order (site, then user, then `PIP_CONFIG_FILE`; the environment wins over all files, as in pip).
 */
export function readNetworkSettings(env: Readonly<Record<string, string | undefined>>, options: ReadNetworkOptions = {}): NetworkSettings {
  const home = options.home ?? env.HOME ?? null
  const readText = options.readText ?? readTextOrNull
  const values = new Map<string, NetworkSetting & { value: string }>()
  const notPassed: string[] = []
  const put = (name: string, value: string, source: string): void => {
    if (value !== '') values.set(name, { name, value, source })
  }

  for (const file of pipConfigFiles(env, home, options.platform ?? process.platform)) {
    const text = readText(file)
    if (text === null) continue
    for (const [key, value] of Object.entries(readPipConfig(text))) put(PIP_KEYS[key] ?? '', value, file)
  }

  const npmrc = env.NPM_CONFIG_USERCONFIG ?? env.npm_config_userconfig ?? (home === null ? null : join(home, '.npmrc'))
  const npmText = npmrc === null ? null : readText(npmrc)
  if (npmrc !== null && npmText !== null) {
    for (const [key, raw] of Object.entries(parseIni(npmText))) {
      const value = typeof raw === 'string' ? raw : typeof raw === 'boolean' ? String(raw) : null
      if (value === null) continue
      if ((NPM_KEYS as readonly string[]).includes(key) || /^@[^:]+:registry$/.test(key)) put(`npm_config_${key.replace(/-/g, '_')}`, value, npmrc)
      else if (/(_authToken|_auth|_password|username)$/.test(key)) notPassed.push(`${npmrc}: ${key} (credentials are not passed)`)
    }
  }

  for (const name of ENVIRONMENT_NAMES) put(name, env[name] ?? '', 'environment')
  for (const key of NPM_KEYS) {
    const name = `npm_config_${key.replace(/-/g, '_')}`
    put(name, env[name] ?? env[name.toUpperCase()] ?? '', 'environment')
  }
  values.delete('')

  const sorted = [...values.values()].sort((a, b) => a.name.localeCompare(b.name))
  return {
    env: Object.fromEntries(sorted.map((s) => [s.name, s.value])),
    passed: sorted.map(({ name, source }) => ({ name, source })),
    notPassed
  }
}

/**
 * pip's config files, lowest priority first (pip's `configuration.py`); the user's own only when the
 * environment names a HOME (the workbench reads the world through the environment it was given).
 */
function pipConfigFiles(env: Readonly<Record<string, string | undefined>>, home: string | null, platform: NodeJS.Platform): string[] {
  const named = env.PIP_CONFIG_FILE ? [env.PIP_CONFIG_FILE] : []
  if (platform === 'win32') {
    const appData = env.APPDATA ?? (home === null ? null : join(home, 'AppData', 'Roaming'))
    return [join(env.ProgramData ?? 'C:\\ProgramData', 'pip', 'pip.ini'), ...(appData === null ? [] : [join(appData, 'pip', 'pip.ini')]), ...named]
  }
  const xdgDirs = (env.XDG_CONFIG_DIRS ?? '/etc/xdg').split(':').filter((d) => d !== '')
  const site = ['/etc/pip.conf', ...xdgDirs.reverse().map((d) => join(d, 'pip', 'pip.conf'))]
  if (home === null) return [...site, ...named]
  const user = [join(home, '.pip', 'pip.conf'), join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'pip', 'pip.conf')]
  const macUser = platform === 'darwin' ? [join(home, 'Library', 'Application Support', 'pip', 'pip.conf')] : []
  return [...site, ...user, ...macUser, ...named]
}

/**
 * The `[global]` and `[install]` network keys of one pip config file. pip reads these with Python's
 * configparser, whose indented continuation lines (a multi-line `extra-index-url`) and `:` delimiters the
 * `ini` package does not know; this reads that subset. Multi-line values become space-separated, as pip's
 * `PIP_*` variables expect.
 */
export function readPipConfig(text: string): Record<string, string> {
  const sections: Record<'global' | 'install', Record<string, string>> = { global: {}, install: {} }
  let section: Record<string, string> | null = null
  let current: string | null = null
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*([#;].*)?$/.test(line)) continue
    const header = /^\[([^\]]+)\]/.exec(line)
    if (header !== null) {
      const name = header[1]!.trim()
      section = name === 'global' || name === 'install' ? sections[name] : null
      current = null
      continue
    }
    if (section === null) continue
    if (/^\s/.test(line)) {
      if (current !== null) section[current] = `${section[current] ?? ''} ${line.trim()}`.trim()
      continue
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line)
    current = pair !== null && pair[1]!.trim() in PIP_KEYS ? pair[1]!.trim() : null
    if (current !== null) section[current] = pair![2]!.trim()
  }
  // pip reads [global] first and lets the command's own section ([install]) override it.
  return { ...sections.global, ...sections.install }
}

function readTextOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}
