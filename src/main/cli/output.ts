/** Where a command writes: the JSON document or human text on stdout, progress on stderr. */
export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  /** Standard input, for `--params -` and the secret prompts; absent where there is none. */
  readonly stdin?: CliInput
}

/** A command's standard input, and whether it is a terminal (where secrets are prompted for). */
export interface CliInput {
  readonly stream: NodeJS.ReadableStream
  readonly isTTY: boolean
}

/** Exit codes of the CLI contract (DESIGN.md). */
export const EXIT = { ok: 0, failed: 1, badInput: 2, environment: 3 } as const

/** Render rows as aligned columns (no trailing spaces). */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = []
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)))
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).join('\n')
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`)
}
