import { compareVersions, extractVersionComponents, tryParseVersion } from './parse-version'

/**
 * Whether a worker-advertised interpreter version satisfies a registered runtime version.
 *
 * spec §2.5 [newest]: identical strings match. Otherwise both must parse, and the registered string's
 * precision decides: `20` matches any 20.x.y, `3.12` any 3.12.z, and a full `3.12.9` only 3.12.9 itself
 * (pre-release and build included, as Rust's `Version` equality compares them).
 * `version_matching.rs` `runtime_version_matches_worker`.
 */
export function runtimeVersionMatchesWorker(registered: string, advertised: string): boolean {
  if (registered === advertised) return true
  const worker = tryParseVersion(advertised)
  const own = tryParseVersion(registered)
  if (worker === null || own === null) return false
  // Attune reads the stored version_minor/version_patch columns, which hold the written components.
  const written = extractVersionComponents(registered)
  if (written.minor === null) return worker.major === own.major
  if (written.patch === null) return worker.major === own.major && worker.minor === own.minor
  return compareVersions(worker, own) === 0
}
