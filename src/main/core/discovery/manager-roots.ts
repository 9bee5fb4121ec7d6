import { isAbsolute, join } from 'node:path'

/** Environment variables as discovery receives them. */
export type DiscoveryEnv = Readonly<Record<string, string | undefined>>

/** The folders each version manager keeps its installations under. */
export interface ManagerRoots {
  readonly pyenv: readonly string[]
  readonly asdf: readonly string[]
  readonly mise: readonly string[]
  readonly nvm: readonly string[]
  readonly fnm: readonly string[]
  readonly volta: readonly string[]
  readonly uv: readonly string[]
  readonly homebrew: readonly string[]
}

const DEFAULT_HOMEBREW_PREFIXES = ['/opt/homebrew', '/usr/local', '/home/linuxbrew/.linuxbrew']

/**
 * Where each manager keeps its installations, from its own variable or its documented default.
 *
 * Relative or empty values count as unset: they would resolve against this process's current folder.
 * Without HOME, home-based defaults are left out. fnm has several historical defaults; all are listed
 * when FNM_DIR is unset (scanning one that does not exist costs nothing).
 */
export function managerRoots(env: DiscoveryEnv, homebrewPrefixes?: readonly string[]): ManagerRoots {
  const home = absolute(env.HOME)
  const xdgData = absolute(env.XDG_DATA_HOME)
  const under = (base: string | undefined, ...parts: string[]): string | undefined =>
    base === undefined ? undefined : join(base, ...parts)
  const first = (...options: (string | undefined)[]): string[] => unique(options).slice(0, 1)

  return {
    pyenv: first(absolute(env.PYENV_ROOT), under(home, '.pyenv')),
    asdf: first(absolute(env.ASDF_DATA_DIR), under(home, '.asdf')),
    mise: first(absolute(env.MISE_DATA_DIR), under(xdgData, 'mise'), under(home, '.local', 'share', 'mise')),
    nvm: first(absolute(env.NVM_DIR), under(home, '.nvm')),
    fnm:
      absolute(env.FNM_DIR) !== undefined
        ? first(absolute(env.FNM_DIR))
        : unique([
            under(xdgData, 'fnm'),
            under(home, '.local', 'share', 'fnm'),
            under(home, '.fnm'),
            under(home, 'Library', 'Application Support', 'fnm')
          ]),
    volta: first(absolute(env.VOLTA_HOME), under(home, '.volta')),
    uv: first(
      absolute(env.UV_PYTHON_INSTALL_DIR),
      under(xdgData, 'uv', 'python'),
      under(home, '.local', 'share', 'uv', 'python')
    ),
    homebrew: unique(homebrewPrefixes ?? [absolute(env.HOMEBREW_PREFIX), ...DEFAULT_HOMEBREW_PREFIXES])
  }
}

/**
 * Shim folders the managers' variables point at, for shims outside the folders {@link isShimDir} knows
 * by name (a custom VOLTA_HOME).
 */
export function managerShimDirs(roots: ManagerRoots): string[] {
  return [
    ...[...roots.pyenv, ...roots.asdf, ...roots.mise].map((root) => join(root, 'shims')),
    ...roots.volta.map((root) => join(root, 'bin'))
  ]
}

function absolute(value: string | undefined): string | undefined {
  return value !== undefined && value !== '' && isAbsolute(value) ? value : undefined
}

function unique(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))]
}
