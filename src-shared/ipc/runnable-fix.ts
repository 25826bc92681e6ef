/**
 * Which fix commands the app may offer to run on the server it runs on (after confirmation): the fix must
 * be meant for this kind of server, and the command must be complete (no "<placeholder>" to fill in).
 * The renderer uses it to show a Run button; the main process enforces it again before proposing.
 */
import type { Fix, FixLocation } from '../diagnostics/check-types'
import type { ServerRole } from '../evidence/evidence-model'

/** Where a fix may run when the app itself runs on a server of `role`. */
export function runsOnRole(runOn: FixLocation, role: ServerRole): boolean {
  return runOn === 'any' || (runOn === 'edge' && role === 'Edge') || (runOn === 'front-end' && role === 'FrontEnd')
}

/** True when `command` is one of `fix`'s commands and can run as is on a server of `role`. */
export function isRunnableOn(fix: Fix, command: string, role: ServerRole): boolean {
  return fix.commands.includes(command) && !/[<>]/.test(command) && runsOnRole(fix.runOn, role)
}
