import type { InstallationSource, InterpreterFamily } from './installation'
import type { ManagerRoots } from './manager-roots'

/** How one manager lays out the installations of one family under its root. */
export interface ManagerLayout {
  readonly source: InstallationSource
  readonly family: InterpreterFamily
  /** Folder under the root holding one folder per installation ('' for the root itself). */
  readonly versionsDir: string
  /** Which entries of that folder are installations. */
  readonly versionName: RegExp
  /** Folder inside an installation holding its executables. */
  readonly binDir: string
  /** Manager-specific wording for `Installation.detail`. */
  readonly label: string
}

const ANY = /^[^.]/

/** A layout paired with the root it applies to. */
export interface RootedLayout {
  readonly layout: ManagerLayout
  readonly root: string
}

const LAYOUTS: readonly { readonly roots: keyof ManagerRoots; readonly layout: ManagerLayout }[] = [
  { roots: 'pyenv', layout: layout('pyenv', 'python', 'versions', ANY, 'bin', 'pyenv version') },
  { roots: 'asdf', layout: layout('asdf', 'python', 'installs/python', ANY, 'bin', 'asdf python') },
  { roots: 'asdf', layout: layout('asdf', 'node', 'installs/nodejs', ANY, 'bin', 'asdf nodejs') },
  { roots: 'mise', layout: layout('mise', 'python', 'installs/python', ANY, 'bin', 'mise python') },
  { roots: 'mise', layout: layout('mise', 'node', 'installs/node', ANY, 'bin', 'mise node') },
  { roots: 'nvm', layout: layout('nvm', 'node', 'versions/node', /^v\d/, 'bin', 'nvm version') },
  { roots: 'fnm', layout: layout('fnm', 'node', 'node-versions', /^v\d/, 'installation/bin', 'fnm version') },
  { roots: 'volta', layout: layout('volta', 'node', 'tools/image/node', /^\d/, 'bin', 'volta node') },
  { roots: 'uv', layout: layout('uv', 'python', '', /^cpython-\d/, 'bin', 'uv-managed') },
  { roots: 'homebrew', layout: layout('homebrew', 'python', 'opt', /^python@\d+\.\d+$/, 'bin', 'Homebrew formula') },
  { roots: 'homebrew', layout: layout('homebrew', 'node', 'opt', /^node(?:@\d+)?$/, 'bin', 'Homebrew formula') }
]

/**
 * Every (layout, root) pair to scan, in source order.
 */
export function managerLayouts(roots: ManagerRoots): RootedLayout[] {
  return LAYOUTS.flatMap(({ roots: key, layout }) => roots[key].map((root) => ({ layout, root })))
}

function layout(
  source: InstallationSource,
  family: InterpreterFamily,
  versionsDir: string,
  versionName: RegExp,
  binDir: string,
  label: string
): ManagerLayout {
  return { source, family, versionsDir, versionName, binDir, label }
}
