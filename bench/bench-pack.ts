import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The trivial shell action the benches run: `echo ok`. */
export const TRIVIAL_ACTION = 'bench_pack.trivial'

/** A pack folder `bench_pack` under `root` with the trivial shell action; returns its path. */
export function writeTrivialPack(root: string): string {
  const dir = join(root, 'bench_pack')
  mkdirSync(join(dir, 'actions'), { recursive: true })
  writeFileSync(join(dir, 'pack.yaml'), 'ref: bench_pack\nversion: "1.0.0"\n')
  writeFileSync(join(dir, 'actions', 'trivial.yaml'), `ref: ${TRIVIAL_ACTION}\nrunner_type: shell\nentry_point: trivial.sh\n`)
  writeFileSync(join(dir, 'actions', 'trivial.sh'), '#!/bin/bash\necho ok\n')
  return dir
}
