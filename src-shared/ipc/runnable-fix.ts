/**
 * Which fix commands the app may offer to run on the server it runs on (after confirmation): the command
 * must be modelled and runnable (no placeholder, every value valid, every cmdlet in the table), and its
 * fix must be meant for this kind of server. The main process computes the list from its own copy of the
 * run's result and gives each command an id; the renderer asks to run a command by that id only.
 */
import type { CommandPlan } from '../commands/command-model'
import type { Fix, FixLocation } from '../diagnostics/check-types'
import type { ServerRole } from '../evidence/evidence-model'
import type { DiagnosisResult } from '../result/diagnosis-result'

/** A command the renderer may offer to run: its id in this run and what the dialog shows. */
export interface RunnableCommand {
  readonly id: string
  readonly text: string
  readonly runOn: FixLocation
  readonly changesServer: boolean
}

/** A runnable command with the plan the runner executes (main process only). */
export interface OfferedCommand extends RunnableCommand {
  readonly plan: CommandPlan
}

/** The pattern of command ids, for the payload schema. */
export const COMMAND_ID_PATTERN = /^command-[1-9][0-9]{0,3}$/

/** Where a fix may run when the app itself runs on a server of `role`. */
export function runsOnRole(runOn: FixLocation, role: ServerRole): boolean {
  return runOn === 'any' || (runOn === 'edge' && role === 'Edge') || (runOn === 'front-end' && role === 'FrontEnd')
}

/** Every fix the result offers: the root cause's, then each check's. */
export function fixesOf(result: DiagnosisResult): Fix[] {
  const fixes = result.checks.flatMap((c) => (c.fix ? [c.fix] : []))
  return result.rootCause?.fix ? [result.rootCause.fix, ...fixes] : fixes
}

/**
 * The commands of `result` that may run on a server of `role`, each once (the root cause repeats a
 * check's fix), numbered in order. Only plans count: a fix recorded without them is shown only.
 */
export function offeredCommands(result: DiagnosisResult, role: ServerRole): OfferedCommand[] {
  const offered: OfferedCommand[] = []
  const seen = new Set<string>()
  for (const fix of fixesOf(result)) {
    if (!runsOnRole(fix.runOn, role)) continue
    for (const plan of fix.plans ?? []) {
      if (plan.displayOnly !== null || plan.form !== 'powershell' || plan.stages.length === 0) continue
      const key = `${fix.runOn}\u0000${fix.changesServer}\u0000${plan.text}`
      if (seen.has(key)) continue
      seen.add(key)
      offered.push({ id: `command-${offered.length + 1}`, text: plan.text, runOn: fix.runOn, changesServer: fix.changesServer, plan })
    }
  }
  return offered
}
