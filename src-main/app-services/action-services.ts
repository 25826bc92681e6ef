/**
 * The only path by which the app changes a server. Three steps, each enforced here in the main process:
 *
 * 1. proposeAction: the renderer names one of the run's runnable commands by its id (RunView.runnableCommands).
 *    The command, its data and where it may run come from this process's own copy of the run's result,
 *    never from the renderer; only the current run (the one started last), live on this server, may
 *    propose. Answer: a proposal token.
 * 2. acknowledgeAction: the confirmation dialog calls it once it has opened and shows the command. It trades
 *    the proposal token for the run token; a proposal nobody acknowledged can never run. This does not make a
 *    compromised renderer harmless (it could acknowledge without showing), but it ties every run to one
 *    proposal, one dialog and one click: no replay, no stale dialog, no second run from a double click, and
 *    a newer proposal voids the older ones.
 * 3. runConfirmedAction: the run token (single use, expires) runs the command through the app's one
 *    PowerShell session, as data (powershell/command-runner.ts), after checking that the run still offers
 *    the same command; the action is committed to the history before and after it runs.
 */
import { randomBytes } from 'node:crypto'
import type { CommandPlan } from '../../src-shared/commands/command-model'
import type { FixLocation } from '../../src-shared/diagnostics/check-types'
import type { ActionProposal, XedApi } from '../../src-shared/ipc/api-contract'
import { offeredCommands, type OfferedCommand } from '../../src-shared/ipc/runnable-fix'
import type { ActionRecord } from '../../src-shared/report/session-record'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import { runnerScriptFor } from '../powershell/command-runner'
import type { PowerShellSession } from '../powershell/powershell-session'
import { listActions } from '../store/actions'
import { appError } from './app-errors'
import { requireHistory, type HistoryAccess } from './history-services'
import type { RunRegistry } from './run-registry'

export { fixesOf } from '../../src-shared/ipc/runnable-fix'

export interface ActionServiceDeps {
  readonly registry: RunRegistry
  readonly history: HistoryAccess
  readonly powerShell: () => PowerShellSession
  readonly now: () => Date
  readonly tokenLifetimeMs: number
  readonly commandTimeoutMs: number
}

interface PendingAction {
  readonly runId: string
  readonly commandId: string
  readonly plan: CommandPlan
  readonly runOn: FixLocation
  readonly expiresAt: number
}

/** The runnable command `commandId` of `result` on this server, or null. */
export function findOfferedCommand(result: DiagnosisResult, commandId: string): OfferedCommand | null {
  return offeredCommands(result, result.subject.role).find((c) => c.id === commandId) ?? null
}

/** True when `runId` is the run started last: the one the renderer shows (it shows one run at a time). */
function isCurrentRun(registry: RunRegistry, runId: string): boolean {
  return registry.all().at(-1)?.id === runId
}

function staleRun(): Error {
  return appError('action-stale', 'This run is no longer the current one; nothing was run. Run the diagnosis again.', '此執行已不是目前的執行；未執行任何命令。請重新執行診斷。')
}

function newToken(): string {
  return randomBytes(32).toString('base64url')
}

function invalidToken(): Error {
  return appError(
    'action-token-invalid',
    'This confirmation is unknown or has expired; nothing was run. Ask for the command again.',
    '此確認無效或已過期；未執行任何命令。請重新要求該命令。',
  )
}

/** The action methods of the API. */
export function createActionServices(deps: ActionServiceDeps): Pick<XedApi, 'proposeAction' | 'acknowledgeAction' | 'runConfirmedAction'> {
  // Proposals waiting for their dialog, and acknowledged proposals waiting for the click. One at a time:
  // a new proposal voids every older one (the renderer shows one dialog).
  const proposed = new Map<string, PendingAction>()
  const shown = new Map<string, PendingAction>()

  function take(map: Map<string, PendingAction>, token: string, at: number): PendingAction {
    const action = map.get(token)
    map.delete(token) // single use, whatever happens next
    if (!action || action.expiresAt <= at) throw invalidToken()
    return action
  }

  return {
    async proposeAction({ runId, commandId }): Promise<ActionProposal> {
      const finished = deps.registry.get(runId).finished
      if (!finished?.input.canRunActions) {
        throw appError(
          'action-not-allowed',
          'Commands run only in a live session on the server itself. Copy the command and run it there.',
          '命令只能在伺服器本機的即時工作階段中執行。請複製命令並在該伺服器上執行。',
        )
      }
      if (!isCurrentRun(deps.registry, runId)) throw staleRun()
      requireHistory(deps.history)
      const offered = findOfferedCommand(finished.current.result, commandId)
      if (!offered) {
        throw appError(
          'action-unknown-command',
          'This command is not one this run can run on this server (it may need your values); copy it and run it yourself.',
          '此命令不是本次執行可在此伺服器上執行的命令（可能需要填入您的值）；請複製後自行執行。',
        )
      }
      const at = deps.now().getTime()
      proposed.clear()
      shown.clear()
      const token = newToken()
      const expiresAt = at + deps.tokenLifetimeMs
      proposed.set(token, { runId, commandId, plan: offered.plan, runOn: offered.runOn, expiresAt })
      return {
        token,
        commandId,
        command: offered.plan.text,
        runOn: offered.runOn,
        changesServer: offered.changesServer,
        expiresAt: new Date(expiresAt).toISOString(),
      }
    },

    async acknowledgeAction({ token }): Promise<{ token: string }> {
      const action = take(proposed, token, deps.now().getTime())
      const runToken = newToken()
      shown.set(runToken, action)
      return { token: runToken }
    },

    async runConfirmedAction({ token }): Promise<ActionRecord> {
      const at = deps.now()
      const action = take(shown, token, at.getTime())
      if (!isCurrentRun(deps.registry, action.runId)) throw staleRun()
      const finished = deps.registry.get(action.runId).finished
      const current = finished?.input.canRunActions ? findOfferedCommand(finished.current.result, action.commandId) : null
      // The run may have been walked on since (an answer re-diagnoses): run only what it still offers.
      if (!current || current.plan.text !== action.plan.text) {
        throw appError('action-stale', 'This run no longer offers this command; nothing was run.', '此執行已不再提供此命令；未執行任何命令。')
      }
      const db = requireHistory(deps.history)
      const recorder = finished?.recorder
      if (!recorder) throw appError('history-unavailable', 'This run is not recorded; nothing was run.', '此執行未被記錄；未執行任何命令。')
      const script = runnerScriptFor(action.plan)
      const actionId = recorder.startAction(action.plan.text, action.runOn, at)
      let output: string
      let succeeded = false
      try {
        const result = await deps.powerShell().invoke(script, { timeoutMs: deps.commandTimeoutMs })
        output = [result.stdout, result.stderr].filter((s) => s.trim().length > 0).join('\n')
        succeeded = result.stderr.trim().length === 0
      } catch (error) {
        output = error instanceof Error ? error.message : String(error)
      }
      recorder.finishAction(actionId, { output, exitCode: null, succeeded, finishedAt: deps.now() })
      const record = listActions(db, recorder.sessionId).find((a) => a.id === actionId)
      if (!record) throw new Error(`action ${actionId} vanished from the history`)
      return record
    },
  }
}
