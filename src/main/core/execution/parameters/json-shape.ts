/** How deeply lists and mappings may nest in one parameter value. */
export const MAX_JSON_DEPTH = 100

/**
 * Why `value` cannot travel as a JSON document, or null when it can.
 *
 * Parameters reach the engine as JSON (the browser host) or by structured clone (Electron IPC), which also
 * carries BigInts and self-references; and a document nested thousands of levels deep overflows the stack of
 * `JSON.stringify`. All three are refused up front, in words, instead of failing later with a stack overflow.
 * The walk is iterative, so it is safe on any depth.
 */
export function jsonShapeProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): string | null {
  const open = new Set<object>()
  const seen = new Set<object>()
  const stack: ({ readonly value: unknown; readonly depth: number } | { readonly leave: object })[] = [{ value, depth: 0 }]
  while (stack.length > 0) {
    const frame = stack.pop() as (typeof stack)[number]
    if ('leave' in frame) {
      open.delete(frame.leave)
      seen.add(frame.leave)
      continue
    }
    const current = frame.value
    switch (typeof current) {
      case 'bigint':
        return 'holds a BigInt, which JSON cannot carry (send it as a number or as text)'
      case 'symbol':
      case 'function':
        return `holds a ${typeof current}, which JSON cannot carry`
      case 'object': {
        if (current === null || seen.has(current)) continue
        if (open.has(current)) return 'refers to itself, which JSON cannot carry'
        if (frame.depth + 1 > maxDepth) return `is nested more than ${maxDepth} levels deep`
        open.add(current)
        stack.push({ leave: current })
        const children: readonly unknown[] = Array.isArray(current) ? current : Object.values(current)
        for (const child of children) stack.push({ value: child, depth: frame.depth + 1 })
        continue
      }
      default:
        continue
    }
  }
  return null
}
