import { runCommand } from '../commands/run-command'

/** The child-process runner the engine uses; injectable so tests can count spawns of the real one. */
export type CommandRunner = typeof runCommand

export const defaultRunner: CommandRunner = runCommand
