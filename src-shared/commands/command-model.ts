/**
 * A fix command as data: one cmdlet or program per stage (a pipeline has several), each with named,
 * typed parameter values. The text people see, copy, print and find in the history is rendered from it;
 * the app runs the data (src-main/powershell/command-runner.ts), never the text. A command is runnable
 * only when every cmdlet and parameter is in the command table and every value passed its kind's check;
 * otherwise it is display-only, with the reason.
 */
import { text, type Localized } from '../i18n/localized'
import { commandSpecOf } from './command-table'
import { hasControlCharacter, renderValue, valueProblem, type CommandValue } from './command-values'

/** A parameter (`name`, without the dash) or, for a program, a positional argument (`name` null). */
export interface CommandArgument {
  readonly name: string | null
  readonly value: CommandValue
}

/** One cmdlet or program with its arguments. */
export interface CommandStage {
  readonly command: string
  readonly arguments: readonly CommandArgument[]
}

/** A command ready to show, and to run when `displayOnly` is null. */
export interface CommandPlan {
  /** 'dns-record' is a line for the public zone file, not a command: shown only. */
  readonly form: 'powershell' | 'dns-record'
  /** The text shown, copied, printed in reports and recorded in the history. */
  readonly text: string
  /** The stages the runner passes as data; empty for a DNS record. */
  readonly stages: readonly CommandStage[]
  /** Why this command may only be shown (copy it, fill it in, run it yourself); null when the app may run it. */
  readonly displayOnly: Localized | null
}

/** A cmdlet stage with named parameters, in the order given. */
export function cmdlet(command: string, parameters: Readonly<Record<string, CommandValue>> = {}): CommandStage {
  return { command, arguments: Object.entries(parameters).map(([name, value]) => ({ name, value })) }
}

/** A program stage with positional arguments. */
export function program(command: string, ...args: readonly CommandValue[]): CommandStage {
  return { command, arguments: args.map((value) => ({ name: null, value })) }
}

function renderStage(stage: CommandStage): string {
  const parts = [stage.command]
  for (const argument of stage.arguments) {
    if (argument.name === null) parts.push(renderValue(argument.value))
    else if (argument.value.kind === 'switch') parts.push(`-${argument.name}`)
    else parts.push(`-${argument.name}`, renderValue(argument.value))
  }
  return parts.join(' ')
}

function stageProblem(stage: CommandStage): Localized | null {
  const spec = commandSpecOf(stage.command)
  if (!spec) return text(`${stage.command} is not in the table of commands this app may run`, `${stage.command} 不在本程式可執行的命令表中`)
  for (const argument of stage.arguments) {
    const allowed = argument.name === null ? { kinds: spec.arguments ?? [] } : spec.parameters[argument.name]
    if (!allowed || (argument.name !== null && !Object.hasOwn(spec.parameters, argument.name))) {
      return text(`${stage.command} -${argument.name} is not in the command table`, `${stage.command} -${argument.name} 不在命令表中`)
    }
    if (!allowed.kinds.includes(argument.value.kind)) {
      return text(
        `${stage.command} ${argument.name ? `-${argument.name} ` : ''}does not take a ${argument.value.kind} value`,
        `${stage.command} ${argument.name ? `-${argument.name} ` : ''}不接受 ${argument.value.kind} 類型的值`,
      )
    }
    // A placeholder passes here: commandPlan explains it with its own words.
    const problem = argument.value.kind === 'placeholder' ? null : valueProblem(argument.value, allowed.values)
    if (problem) return problem
  }
  return null
}

function firstPlaceholder(stages: readonly CommandStage[]): string | null {
  for (const stage of stages) for (const a of stage.arguments) if (a.value.kind === 'placeholder') return String(a.value.value)
  return null
}

/** Builds a PowerShell command (one stage, or a pipeline) and decides whether it may run. */
export function commandPlan(...stages: readonly CommandStage[]): CommandPlan {
  const rendered = stages.map(renderStage).join(' | ')
  let reason: Localized | null = null
  for (const stage of stages) {
    const problem = stageProblem(stage)
    if (problem) {
      reason = text(`Shown only, never run by the app: ${problem.en}.`, `僅供顯示，本程式不會執行：${problem['zh-TW']}。`)
      break
    }
  }
  const placeholder = firstPlaceholder(stages)
  if (!reason && placeholder !== null) {
    reason = text(
      `Copy it, replace ${placeholder} with your value, and run it yourself.`,
      `請複製此命令，將 ${placeholder} 換成您的值後自行執行。`,
    )
  }
  if (!reason && hasControlCharacter(rendered)) {
    reason = text('Shown only: the command holds a line break or control character.', '僅供顯示：命令含有換行或控制字元。')
  }
  return { form: 'powershell', text: rendered, stages, displayOnly: reason }
}

/** A resource record for the public DNS zone (zone-file syntax): shown, never run. */
export function dnsRecordPlan(recordText: string): CommandPlan {
  return {
    form: 'dns-record',
    text: recordText,
    stages: [],
    displayOnly: text(
      'A record for your public DNS zone, not a command: enter it at your DNS host.',
      '這是公用 DNS 區域的記錄，不是命令：請在您的 DNS 代管服務中建立。',
    ),
  }
}

/** The two command fields of a Fix, from the plans: `{ commands: texts, plans }`. */
export function fixCommands(...plans: readonly CommandPlan[]): { readonly commands: readonly string[]; readonly plans: readonly CommandPlan[] } {
  return { commands: plans.map((p) => p.text), plans }
}

/** The texts of `plans`, for the places that show commands as plain text (reports, tree questions). */
export function commandTexts(plans: readonly CommandPlan[]): string[] {
  return plans.map((p) => p.text)
}
