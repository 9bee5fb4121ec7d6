import { randomBytes } from 'node:crypto'
import { open, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { ParameterDelivery } from '../../../../shared/domain/pack'

/** How the parameter document reaches the action. */
export interface PreparedDelivery {
  /** Written to stdin followed by `\n`, then stdin is closed; null leaves stdin at EOF. */
  readonly stdinText: string | null
  /** `ATTUNE_PARAMETER_FILE`, for file delivery. */
  readonly file: string | null
  /** Removes the parameter file; safe to call more than once. */
  readonly cleanup: () => Promise<void>
}

/**
 * Prepare delivery of the formatted document (spec §5.6).
 *
 * `stdin`: the document plus `\n` (even `{}` is sent). `file`: a new file in the run's private folder (`scratch`,
 * made when first asked for),
 * mode 0400, holding the document with no newline added; stdin gets EOF at once. With shell helpers the
 * parameters are already in the script, so stdin gets nothing either way.
 */
export async function prepareDelivery(mode: ParameterDelivery, document: string, options: { readonly scratch: () => Promise<string>; readonly helpersInjected: boolean }): Promise<PreparedDelivery> {
  if (mode === 'stdin') {
    return { stdinText: options.helpersInjected ? null : `${document}\n`, file: null, cleanup: async () => undefined }
  }
  const file = join(await options.scratch(), `attune-params-${randomBytes(12).toString('hex')}`)
  // 'wx' refuses an existing path, symlinks included; the mode applies as the file is created.
  const handle = await open(file, 'wx', 0o400)
  try {
    await handle.writeFile(document, 'utf8')
  } finally {
    await handle.close()
  }
  let removed = false
  return {
    stdinText: null,
    file,
    cleanup: async () => {
      if (removed) return
      removed = true
      await unlink(file).catch(() => undefined)
    }
  }
}
