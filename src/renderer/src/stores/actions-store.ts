import { create } from 'zustand'
import type { ActionSummary } from '../../../shared/ipc/contract'
import { api } from '../api/api-client'
import { coalesce } from '../lib/coalesce'
import { toUiError, type UiError } from '../lib/ui-error'

interface ActionsState {
  readonly actions: readonly ActionSummary[]
  readonly loaded: boolean
  readonly error: UiError | null
  refresh(): Promise<void>
}

const refreshNow = coalesce(async () => {
  try {
    useActionsStore.setState({ actions: await api()['actions:list']({}), loaded: true, error: null })
  } catch (error) {
    useActionsStore.setState({ loaded: true, error: toUiError('Could not list the actions', error) })
  }
})

/** Every registered action with the version it resolves to now. */
export const useActionsStore = create<ActionsState>()(() => ({
  actions: [],
  loaded: false,
  error: null,
  refresh: refreshNow
}))

/** The action with this ref, if loaded. */
export function findAction(actions: readonly ActionSummary[], ref: string): ActionSummary | undefined {
  return actions.find((summary) => summary.action.ref === ref)
}
