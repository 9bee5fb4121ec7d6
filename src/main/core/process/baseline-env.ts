/** Spec §5.5: the exact names a cleared child environment keeps from the service's own. */
const POSIX_ALLOWLIST = [
  'PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR',
  'LC_ALL', 'LC_CTYPE', 'LC_NUMERIC', 'LC_TIME', 'LC_COLLATE', 'LC_MONETARY', 'LC_MESSAGES', 'LC_PAPER',
  'LC_NAME', 'LC_ADDRESS', 'LC_TELEPHONE', 'LC_MEASUREMENT', 'LC_IDENTIFICATION'
] as const
const WINDOWS_EXTRA = ['SystemRoot', 'SystemDrive', 'WINDIR', 'PATHEXT', 'USERPROFILE', 'TEMP', 'TMP'] as const

/**
 * The baseline environment of every child the engine starts: the allowlist of spec §5.5 taken from
 * `env`, nothing else. Probes, setup commands and actions all start from it.
 */
export function captureBaselineEnv(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): Record<string, string> {
  const names: readonly string[] = platform === 'win32' ? [...POSIX_ALLOWLIST, ...WINDOWS_EXTRA] : POSIX_ALLOWLIST
  const baseline: Record<string, string> = {}
  for (const name of names) {
    const value = env[name]
    if (value !== undefined) baseline[name] = value
  }
  return baseline
}
