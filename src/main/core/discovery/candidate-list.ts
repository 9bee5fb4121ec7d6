import { realpathSync } from 'node:fs'
import type { InstallationSource, InterpreterFamily, SkippedCandidate } from './installation'

/** An executable that looks like an interpreter and is yet to be probed. */
export interface Candidate {
  readonly family: InterpreterFamily
  readonly path: string
  readonly realPath: string
  readonly source: InstallationSource
  readonly detail: string
}

/**
 * Candidates and skipped paths collected by the scans, each path kept once.
 *
 * Scans run in source order, so the first source to reach a path is the one recorded.
 */
export class CandidateList {
  private readonly byPath = new Map<string, Candidate>()
  private readonly skippedByPath = new Map<string, string>()

  add(candidate: Omit<Candidate, 'realPath'>): void {
    if (this.byPath.has(candidate.path)) return
    this.byPath.set(candidate.path, { ...candidate, realPath: realPathOf(candidate.path) })
  }

  skip(path: string, reason: string): void {
    if (this.byPath.has(path) || this.skippedByPath.has(path)) return
    this.skippedByPath.set(path, reason)
  }

  has(path: string): boolean {
    return this.byPath.has(path)
  }

  candidates(): Candidate[] {
    return [...this.byPath.values()]
  }

  skipped(): SkippedCandidate[] {
    return [...this.skippedByPath].map(([path, reason]) => ({ path, reason }))
  }
}

function realPathOf(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    // Scans add only files they just found executable; a file removed since is caught by its probe.
    return path
  }
}
