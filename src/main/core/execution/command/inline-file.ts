import { randomBytes } from 'node:crypto'
import { open, unlink } from 'node:fs/promises'
import { join } from 'node:path'

/** A temp script of inline code; {@link remove} deletes it. */
export interface InlineFile {
  readonly path: string
  readonly remove: () => Promise<void>
}

/**
 * Write inline code to `<dir>/exec_<id>_<random><ext>` (spec §5.4 `temp_file`). `dir` is the run's private
 * folder (see `openRunScratch`), not the worker's shared `<tmp>/attune/inline_actions`, which another local
 * user could pre-create writable to all and swap the script in (issue 9 finding 2).
 *
 * The file is private (0600): with shell helpers it holds the parameters, secrets included. It is created
 * exclusively, so an existing path or symlink is never written through.
 */
export async function writeInlineFile(dir: string, executionId: string | number, extension: string, content: string): Promise<InlineFile> {
  const safeId = String(executionId).replace(/[^A-Za-z0-9_-]/g, '_')
  const safeExtension = extension.replace(/[^A-Za-z0-9._-]/g, '')
  const path = join(dir, `exec_${safeId}_${randomBytes(6).toString('hex')}${safeExtension}`)
  const handle = await open(path, 'wx', 0o600)
  try {
    await handle.writeFile(content, 'utf8')
  } finally {
    await handle.close()
  }
  return { path, remove: () => unlink(path).catch(() => undefined) }
}
