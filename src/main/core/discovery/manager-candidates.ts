import { existsSync, lstatSync } from 'node:fs'
import { dirname, join, sep } from 'node:path'
import type { CandidateList } from './candidate-list'
import { isExecutableFileSync } from './find-on-path'
import { nodeExecutableName, pickPythonExecutable } from './interpreter-names'
import type { RootedLayout } from './manager-layouts'
import { readDirNamesSync, realPathOrNullSync } from './read-dir-names'

/**
 * Add the interpreter of every installation folder the managers' layouts describe.
 *
 * Version folders that are symlinks to a sibling (mise's `20` → `20.11.1`, uv's minor-version links) are
 * aliases and left out. Python virtualenvs are reported as skipped: they borrow an installation's
 * binary and are not installations themselves.
 */
export function scanManagersSync(
  layouts: readonly RootedLayout[],
  platform: NodeJS.Platform,
  list: CandidateList
): void {
  for (const rooted of layouts) scanLayoutSync(rooted, platform, list)
}

function scanLayoutSync({ layout, root }: RootedLayout, platform: NodeJS.Platform, list: CandidateList): void {
  const parent = join(root, layout.versionsDir)
  const realParent = realPathOrNullSync(parent)
  if (realParent === null) return
  for (const name of readDirNamesSync(parent)) {
    if (!layout.versionName.test(name)) continue
    const dir = join(parent, name)
    if (isAliasSync(dir, realParent)) continue
    if (layout.family === 'python') {
      const venv = virtualenvReasonSync(dir)
      if (venv !== null) {
        list.skip(dir, venv)
        continue
      }
    }
    const bin = join(dir, layout.binDir)
    const executable =
      layout.family === 'python' ? pickPythonExecutable(readDirNamesSync(bin), platform) : nodeExecutableName(platform)
    const path = executable === null ? null : join(bin, executable)
    if (path === null || !isExecutableFileSync(path)) {
      list.skip(path ?? dir, `${layout.label} ${name} has no ${layout.family} executable in ${bin}`)
      continue
    }
    list.add({ family: layout.family, path, source: layout.source, detail: `${layout.label} ${name} under ${root}` })
  }
}

function isAliasSync(dir: string, realParent: string): boolean {
  try {
    if (!lstatSync(dir).isSymbolicLink()) return false
  } catch {
    return false
  }
  const target = realPathOrNullSync(dir)
  return target !== null && dirname(target) === realParent
}

function virtualenvReasonSync(dir: string): string | null {
  if (existsSync(join(dir, 'pyvenv.cfg'))) return 'virtualenv (it holds pyvenv.cfg), not an installation'
  const target = realPathOrNullSync(dir)
  const segments = target === null ? [] : target.split(sep)
  const envs = segments.lastIndexOf('envs')
  if (envs !== -1 && envs < segments.length - 1) {
    return `virtualenv (links to ${target}), not an installation`
  }
  return null
}
