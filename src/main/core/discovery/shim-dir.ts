const SHIM_TAILS: readonly (readonly string[])[] = [
  // pyenv, pyenv-virtualenv, asdf, mise, rbenv, nodenv, scoop
  ['shims'],
  // volta puts launchers that pick a version per project in ~/.volta/bin (Volta\bin on Windows)
  ['.volta', 'bin'],
  ['volta', 'bin'],
  ['chocolatey', 'bin'],
  // App execution aliases: python.exe here opens the Microsoft Store
  ['microsoft', 'windowsapps']
]

/**
 * Whether a PATH folder holds version-manager shims rather than interpreters.
 *
 * A shim decides at run time which installation to exec (pyenv's exits 127 for a version that is not
 * active), so it never names one installation and is never a primary source; the installations behind
 * it are found through the manager's own folders. Judged by the folder's trailing path segments,
 * case-insensitively, with either separator.
 */
export function isShimDir(dir: string): boolean {
  const segments = dir
    .split(/[\\/]+/)
    .filter((segment) => segment !== '')
    .map((segment) => segment.toLowerCase())
  return SHIM_TAILS.some((tail) => endsWith(segments, tail))
}

function endsWith(segments: readonly string[], tail: readonly string[]): boolean {
  if (tail.length > segments.length) return false
  const offset = segments.length - tail.length
  return tail.every((segment, index) => segments[offset + index] === segment)
}
