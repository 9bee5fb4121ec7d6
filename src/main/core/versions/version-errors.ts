import { rustTrim } from './rust-trim'

/**
 * A version string that Attune's lenient parser rejects.
 *
 * The message follows Attune's wording: "Invalid version string '<text>': it <reason>".
 */
export class VersionError extends Error {
  override readonly name = 'VersionError'

  constructor(
    /** The text exactly as it was given. */
    readonly text: string,
    /** Why it was rejected, a verb clause ("has a number with a leading zero") written for a pack author. */
    readonly reason: string
  ) {
    super(`Invalid version string '${text}': it ${reason}`)
  }
}

/**
 * A version constraint that does not parse after Attune's normalisation (spec §2.2).
 *
 * The message names the offending comma-separated part and says why, because a pack author reads it.
 */
export class ConstraintError extends Error {
  override readonly name = 'ConstraintError'

  constructor(
    /** The whole constraint exactly as it was given. */
    readonly constraint: string,
    /** The offending part as written (trimmed), or the whole constraint for whole-constraint problems. */
    readonly part: string,
    /** Why it was rejected: a verb clause such as "uses the operator '!=', which is not supported". */
    readonly reason: string
  ) {
    // Reasons are verb clauses ("uses …", "is …") so they read after either subject.
    const subject = part === rustTrim(constraint) ? 'it' : `'${part}'`
    super(`Invalid version constraint '${constraint}': ${subject} ${reason}`)
  }
}
