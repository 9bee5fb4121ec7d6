import { basename, dirname, join } from 'node:path'
import { badInput } from '../errors'

/** File names the engine keeps inside an env dir. */
export const DEPS_MARKER_FILE = '.attune_deps_installed'
export const METADATA_FILE = '.attune_workbench_env.json'
/** The redirected HOME of setup commands (spec §4.5). */
export const SETUP_HOME_DIR = '.attune-setup'

/**
 * The env dir of one pack, runtime and version (spec §4.1).
 *
 * `{dir}/{pack}/{name}` for the base env, `{dir}/{pack}/{name}-{version}` for a version env, where name
 * is the runtime's display name lower-cased (`python`, `node.js`) and the version is kept verbatim.
 */
export function envDirFor(runtimeEnvsDir: string, packRef: string, runtimeName: string, version: string | null): string {
  return join(runtimeEnvsDir, safeSegment(packRef, 'pack ref'), envLeafName(runtimeName, version))
}

/** The setup log of an env: the env dir's layout under `logsDir`, with `.log` added. */
export function envLogFileFor(logsDir: string, packRef: string, runtimeName: string, version: string | null): string {
  return `${envDirFor(logsDir, packRef, runtimeName, version)}.log`
}

/** `python`, `python-3.12`, `node.js-20`: the last path segment of an env dir. */
export function envLeafName(runtimeName: string, version: string | null): string {
  const name = safeSegment(runtimeName.toLowerCase(), 'runtime name')
  return version === null ? name : safeSegment(`${name}-${version}`, 'runtime version')
}

/**
 * Sibling paths of an env dir that the atomic rebuild uses. They start with a dot so a pack listing
 * never mistakes them for envs, and carry the env's name so recovery finds its own leftovers.
 */
export function envSiblings(envDir: string) {
  const parent = dirname(envDir)
  const name = basename(envDir)
  return {
    parent,
    /** Prefix of `.{name}.previous-<random>`: the old env, moved aside while a rebuild runs. */
    previousPrefix: `.${name}.previous-`,
    previousDir: (random: string) => join(parent, `.${name}.previous-${random}`),
    /** The last failed build's record; lives beside the env so it survives the env's removal. */
    failureFile: join(parent, `.${name}.attune_workbench_failed.json`)
  } as const
}

function safeSegment(text: string, what: string): string {
  if (text === '' || text === '.' || text === '..' || /[/\\\0]/.test(text)) {
    throw badInput(`${what} ${JSON.stringify(text)} cannot be used as a folder name`)
  }
  return text
}
