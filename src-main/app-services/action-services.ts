/**
 * The only path by which the app changes a server: a fix command of the current run is proposed with
 * its exact text and a single-use confirmation token; only that token runs it, through the app's one
 * PowerShell session, and the action is committed to the history before and after it runs.
 */
import { randomBytes } from 'node:crypto'
import type { Fix, FixLocation } from '../../src-shared/diagnostics/check-types'
import type { ActionProposal, XedApi } from '../../src-shared/ipc/api-contract'
import { isRunnableOn } from '../../src-shared/ipc/runnable-fix'
import type { ActionRecord } from '../../src-shared/report/session-record'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import type { PowerShellSession } from '../powershell/powershell-session'
import { listActions } from '../store/actions'
import { appError } from './app-errors'
import { requireHistory, type HistoryAccess } from './history-services'
import type { RunRegistry } from './run-registry'

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
  readonly command: string
  readonly runOn: FixLocation
  readonly expiresAt: number
}

/** Every fix the result offers: the root cause's, then each check's. */
export function fixesOf(result: DiagnosisResult): Fix[] {
  const fixes = result.checks.flatMap((c) => (c.fix ? [c.fix] : []))
  return result.rootCause?.fix ? [result.rootCause.fix, ...fixes] : fixes
}

/** The fix that holds exactly this command and can run on this server, or null. */
export function findRunnableFix(result: DiagnosisResult, command: string): Fix | null {
  // A command with a placeholder ("<site>") needs the admin's value: copy only, never run.
  return fixesOf(result).find((f) => isRunnableOn(f, command, result.subject.role)) ?? null
}

/** The action methods of the API. */
export function createActionServices(deps: ActionServiceDeps): Pick<XedApi, 'proposeAction' | 'runConfirmedAction'> {
  const pending = new Map<string, PendingAction>()

  function dropExpired(at: number): void {
    for (const [token, action] of pending) if (action.expiresAt <= at) pending.delete(token)
  }

  return {
    async proposeAction({ runId, command }): Promise<ActionProposal> {
      const run = deps.registry.get(runId)
      if (!run.canRunActions || !run.result) {
        throw appError(
          'action-not-allowed',
          'Commands run only in a live session on the server itself. Copy the command and run it there.',
          '命令只能在伺服器本機的即時工作階段中執行。請複製命令並在該伺服器上執行。',
        )
      }
      requireHistory(deps.history)
      const fix = findRunnableFix(run.result, command)
      if (!fix) {
        throw appError(
          'action-unknown-command',
          'This command is not one of this run\'s fixes for this server (or it needs your values); copy it and run it yourself.',
          '此命令不是本次執行針對此伺服器的修正命令（或需要填入您的值）；請複製後自行執行。',
        )
      }
      const at = deps.now().getTime()
      dropExpired(at)
      const token = randomBytes(32).toString('base64url')
      const expiresAt = at + deps.tokenLifetimeMs
      pending.set(token, { runId, command, runOn: fix.runOn, expiresAt })
      return { token, command, runOn: fix.runOn, changesServer: fix.changesServer, expiresAt: new Date(expiresAt).toISOString() }
    },

    async runConfirmedAction({ token }): Promise<ActionRecord> {
      const at = deps.now()
      const action = pending.get(token)
      pending.delete(token) // single use, whatever happens next
      if (!action || action.expiresAt <= at.getTime()) {
        throw appError(
          'action-token-invalid',
          'This confirmation is unknown or has expired; nothing was run. Ask for the command again.',
          '此確認無效或已過期；未執行任何命令。請重新要求該命令。',
        )
      }
      const run = deps.registry.get(action.runId)
      const db = requireHistory(deps.history)
      if (!run.recorder) throw appError('history-unavailable', 'This run is not recorded; nothing was run.', '此執行未被記錄；未執行任何命令。')
      const actionId = run.recorder.startAction(action.command, action.runOn, at)
      let output: string
      let succeeded = false
      try {
        const result = await deps.powerShell().invoke(action.command, { timeoutMs: deps.commandTimeoutMs })
        output = [result.stdout, result.stderr].filter((s) => s.trim().length > 0).join('\n')
        succeeded = result.stderr.trim().length === 0
      } catch (error) {
        output = error instanceof Error ? error.message : String(error)
      }
      run.recorder.finishAction(actionId, { output, exitCode: null, succeeded, finishedAt: deps.now() })
      const record = listActions(db, run.recorder.sessionId).find((a) => a.id === actionId)
      if (!record) throw new Error(`action ${actionId} vanished from the history`)
      return record
    },
  }
}
