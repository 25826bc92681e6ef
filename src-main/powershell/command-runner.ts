/**
 * Runs a modelled fix command without ever turning its values into code. The script text is fixed: it
 * only varies by the base64 text of the command's data (a JSON document of stages, each a cmdlet or
 * program from the command table and its parameters). The script decodes that data, refuses any command
 * not in the table, maps script-block keys to its own fixed blocks, and splats the values as parameters:
 * a value arrives in the cmdlet as a string, number or boolean, whatever characters it holds.
 *
 * Windows PowerShell 3.0 compatible: ConvertFrom-Json (3.0) gives objects, not hashtables, so the
 * parameters are copied into a hashtable property by property (-AsHashtable needs 6.0).
 */
import { Buffer } from 'node:buffer'
import { commandPlan, type CommandPlan } from '../../src-shared/commands/command-model'
import { COMMAND_TABLE } from '../../src-shared/commands/command-table'
import { dataValue, FIXED_SCRIPT_BLOCKS, hasControlCharacter } from '../../src-shared/commands/command-values'

/** A command the runner will not run, and why (in English, for the log and the error). */
export class CommandRefusedError extends Error {
  override readonly name = 'CommandRefusedError'
}

/** The JSON the fixed script decodes: the stages, with parameters by name and program arguments in order. */
export interface RunnerData {
  readonly stages: readonly {
    readonly command: string
    readonly named: Readonly<Record<string, string | number | boolean | readonly string[]>>
    readonly args: readonly string[]
  }[]
}

function psList(values: readonly string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')
}

const ALLOWED = psList(Object.keys(COMMAND_TABLE))
const BLOCKS = Object.entries(FIXED_SCRIPT_BLOCKS)
  .map(([key, block]) => `'${key}'=${block}`)
  .join(';')

/**
 * The fixed script, one line (node-powershell sends it on stdin, where PowerShell reads a line at a
 * time). `$d` is the decoded data; `$o` carries one stage's output into the next (a pipeline).
 */
const RUNNER_SCRIPT = [
  "& { param([string]$Payload) $ErrorActionPreference = 'Stop'",
  `$allowed = @(${ALLOWED})`,
  `$blocks = @{${BLOCKS}}`,
  '$d = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($Payload)) | ConvertFrom-Json',
  '$o = $null; $first = $true',
  'foreach ($s in @($d.stages)) {',
  '$name = [string]$s.command',
  "if ($allowed -cnotcontains $name) { throw ('Not an allowed command: ' + $name) }",
  '$named = @{}; if ($null -ne $s.named) { foreach ($p in $s.named.PSObject.Properties) { $named[$p.Name] = $p.Value } }',
  "if ($named.ContainsKey('FilterScript')) { $key = [string]$named['FilterScript']; if (-not $blocks.ContainsKey($key)) { throw ('Not a known script block: ' + $key) }; $named['FilterScript'] = $blocks[$key] }",
  '$positional = @(); if ($null -ne $s.args) { $positional = @($s.args | ForEach-Object { [string]$_ }) }',
  'if ($first) { $o = @(& $name @named @positional); $first = $false } else { $o = @($o | & $name @named @positional) }',
  '}',
  '$o | Out-String -Width 200 }',
].join('; ').replace(/\{; /g, '{ ').replace(/; \}/g, ' }')

/** The data of a plan, as the fixed script reads it. */
export function runnerDataOf(plan: CommandPlan): RunnerData {
  return {
    stages: plan.stages.map((stage) => {
      const named: Record<string, string | number | boolean | readonly string[]> = {}
      const args: string[] = []
      for (const argument of stage.arguments) {
        const value = dataValue(argument.value)
        if (argument.name === null) args.push(String(value))
        else named[argument.name] = value
      }
      return { command: stage.command, named, args }
    }),
  }
}

/**
 * Checks the plan again here, where it is run: re-built from its stages it must be the same text and
 * runnable (no placeholder, every value valid, everything in the command table, no control character).
 */
export function assertRunnable(plan: CommandPlan): void {
  if (plan.form !== 'powershell' || plan.stages.length === 0) throw new CommandRefusedError('not a PowerShell command')
  const rebuilt = commandPlan(...plan.stages)
  if (rebuilt.displayOnly) throw new CommandRefusedError(`display-only: ${rebuilt.displayOnly.en}`)
  if (rebuilt.text !== plan.text) throw new CommandRefusedError('the command text does not match its data')
  if (hasControlCharacter(plan.text)) throw new CommandRefusedError('the command holds a control character')
}

/** The one line sent to PowerShell for `plan`: the fixed script and the plan's data in base64. */
export function runnerScriptFor(plan: CommandPlan): string {
  assertRunnable(plan)
  return runnerScriptForData(runnerDataOf(plan))
}

/**
 * The line for already-built data, without the plan checks: the fixed script still refuses commands
 * outside the table. Exported so tests can prove that even a value no check would let through reaches
 * the cmdlet as data.
 */
export function runnerScriptForData(data: RunnerData): string {
  // Base64's alphabet (A–Z a–z 0–9 + / =) cannot end a single-quoted literal.
  const payload = Buffer.from(JSON.stringify(data), 'utf8').toString('base64')
  return `${RUNNER_SCRIPT} '${payload}'`
}

/** The fixed part of the runner script (tests check it never changes with the values). */
export function fixedRunnerScript(): string {
  return RUNNER_SCRIPT
}
