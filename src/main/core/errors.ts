/**
 * What went wrong, in the terms the CLI's exit codes and the IPC envelope use.
 *
 * - `bad-input`: usage or input error naming the file, field or value (exit 2)
 * - `environment`: no usable runtime, env setup failed, data home in use (exit 3)
 * - `failed`: the action or execution failed (exit 1)
 */
export type ErrorKind = 'bad-input' | 'environment' | 'failed'

/** An error meant for people: the message says what and where, never a stack trace. */
export class WorkbenchError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string
  ) {
    super(message)
    this.name = 'WorkbenchError'
  }
}

export const badInput = (message: string): WorkbenchError => new WorkbenchError('bad-input', message)
