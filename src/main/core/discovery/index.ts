export type {
  Installation,
  InstallationSource,
  InterpreterFamily,
  Inventory,
  SkippedCandidate
} from './installation'
export { discoverInstallations, type DiscoveryOptions } from './discover-installations'
export { isShimDir } from './shim-dir'
export { findOnPathSync, isExecutableFileSync, type FindOnPathOptions } from './find-on-path'
export { parseInterpreterVersion } from './parse-interpreter-version'
export { fileIdentitySync, type FileIdentity } from './file-identity'
export { MemoryProbeCache, type ProbeCache, type ProbeOutcome } from './probe-cache'
export { createProber, type Prober, type ProberOptions } from './prober'
export { readLoginShellPath, type LoginShellPathOptions } from './login-shell-path'
export { mergePathLists, splitPathList } from './merge-path-lists'
