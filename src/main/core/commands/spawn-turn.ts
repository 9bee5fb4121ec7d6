let last: Promise<void> = Promise.resolve()
let waiting = 0
/** A process was started since the event loop last polled for I/O (cleared once it has: see {@link afterPoll}). */
let startedSincePoll = false

/**
 * Wait for this caller's turn to start a process: at most one start between two polls for I/O.
 *
 * `child_process.spawn` blocks the event loop while it forks and execs: about a millisecond on a desktop,
 * tens of milliseconds in some sandboxes and VMs. When many runs start at once their spawns would follow
 * each other without a break and every host (the browser host, IPC) would wait for all of them; taking
 * turns lets I/O be served between two spawns. Turns are granted in call order. A start with nobody
 * waiting and none since the last poll goes at once: waiting for the next turn would cost every single run
 * the time of a loop turn for nothing.
 */
export function spawnTurn(): Promise<void> {
  if (waiting === 0 && !startedSincePoll) {
    started()
    return Promise.resolve()
  }
  waiting++
  const turn = last.then(afterPoll).then(() => {
    waiting--
    started()
  })
  last = turn
  return turn
}

function started(): void {
  if (startedSincePoll) return
  startedSincePoll = true
  void afterPoll().then(() => {
    startedSincePoll = false
  })
}

/**
 * Resolves once the event loop has polled for I/O since the call. An immediate queued from the check phase runs
 * in the next loop turn's, so two hops always have a poll phase between them, whichever phase the call is in.
 */
function afterPoll(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)))
}
