let last: Promise<void> = Promise.resolve()

/**
 * Wait for this caller's turn to start a process: one start per turn of the event loop.
 *
 * `child_process.spawn` blocks the event loop while it forks and execs: about a millisecond on a desktop,
 * tens of milliseconds in some sandboxes and VMs. When many runs start at once their spawns would follow
 * each other without a break and every host (the browser host, IPC) would wait for all of them; taking
 * turns lets I/O be served between two spawns. Turns are granted in call order.
 */
export function spawnTurn(): Promise<void> {
  // An immediate queued while immediates run fires on the next loop turn, after the poll phase's I/O.
  const turn = last.then(() => new Promise<void>((resolve) => setImmediate(resolve)))
  last = turn
  return turn
}
