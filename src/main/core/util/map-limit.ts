/**
 * Map `items` through an async function with at most `limit` calls in flight, keeping input order.
 *
 * A limit that is not a positive number runs one at a time. A rejected call rejects the whole map;
 * callers that must not stop on one failure catch inside `fn`.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const width = Number.isFinite(limit) && limit >= 1 ? Math.floor(limit) : 1
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index] as T, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker))
  return results
}
