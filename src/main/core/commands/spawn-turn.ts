let last: Promise<void> = Promise.resolve()
let waiting = 0
/** A process was started in this turn of the event loop (cleared by an immediate once the turn ends). */
let startedThisTurn = false

/**
 * Wait for this caller's turn to start a process: one start per turn of the event loop.
 *
 * `child_process.spawn` blocks the event loop while it forks and execs: about a millisecond on a desktop,
 * tens of milliseconds in some sandboxes and VMs. When many runs start at once their spawns would follow
 * each other without a break and every host (the browser host, IPC) would wait for all of them; taking
 * turns lets I/O be served between two spawns. Turns are granted in call order. The first start of a turn
 * with nobody waiting goes at once: waiting for the next turn would cost every single run the time of a
 * turn (a poll phase) for nothing.
 */
export function spawnTurn(): Promise<void> {
  if (waiting === 0 && !startedThisTurn) {
    markStarted()
    return Promise.resolve()
  }
  waiting++
  // An immediate queued while immediates run fires on the next loop turn, after the poll phase's I/O.
  const turn = last.then(
    () =>
      new Promise<void>((resolve) =>
        setImmediate(() => {
          waiting--
          markStarted()
          resolve()
        })
      )
  )
  last = turn
  return turn
}

function markStarted(): void {
  if (startedThisTurn) return
  startedThisTurn = true
  setImmediate(() => {
    startedThisTurn = false
  })
}
