import { POWERSHELL_HELPERS } from '../../src-shared/collection/powershell-helpers'

/** What one live invocation runs: a named script and how to turn its pipeline output into text. */
export interface LiveStep {
  /** Evidence file name or 'detect-role'; written into the script as a comment, for logs and test fakes. */
  readonly name: string
  readonly script: string
  readonly output: 'json' | 'text'
  readonly jsonShape?: 'array' | 'object'
  readonly needsLyncModule: boolean
}

/** The only data a live script reads: validated domains and the role. */
export interface LiveInput {
  readonly domains: readonly string[]
  readonly role: 'Edge' | 'FrontEnd' | 'Unknown'
}

/** What the script reported: the file's text, or the PowerShell error message. */
export type LiveResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string }

/** Prefix of the one stdout line that carries a step's result. */
export const RESULT_MARKER = 'XED-RESULT:'

const STEP_NAME = /^[a-z0-9.-]+$/

function toBase64(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64')
}

/**
 * The script that runs inside PowerShell: helpers, then the step in try/catch, then ONE line
 * `XED-RESULT:ok:<base64 UTF-8>` or `XED-RESULT:error:<base64 UTF-8>`. Base64 because native
 * command output on e.g. a zh-TW server is CP950 and the console stream would garble it.
 */
export function buildStepScript(step: LiveStep): string {
  if (!STEP_NAME.test(step.name)) throw new Error(`invalid step name ${JSON.stringify(step.name)}`)
  const format =
    step.output === 'json'
      ? `$xedText = ConvertTo-XedJson -Items $xedItems -Shape '${step.jsonShape ?? 'array'}'`
      : '$xedText = $xedItems | Out-String -Width 4096'
  return [
    `# xed-command: ${step.name}`,
    "$ErrorActionPreference = 'Stop'",
    "$WarningPreference = 'SilentlyContinue'",
    "$ProgressPreference = 'SilentlyContinue'",
    POWERSHELL_HELPERS,
    'try {',
    step.needsLyncModule ? '    Import-XedLyncModule' : '',
    '    $xedItems = @(& {',
    step.script,
    '    })',
    `    ${format}`,
    `    [Console]::Out.WriteLine('${RESULT_MARKER}ok:' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes([string]$xedText)))`,
    '} catch {',
    "    $xedError = [string]$_.Exception.Message + ' [' + [string]$_.FullyQualifiedErrorId + ']'",
    `    [Console]::Out.WriteLine('${RESULT_MARKER}error:' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($xedError)))`,
    '}',
    '',
  ].join('\n')
}

/**
 * The single line written to PowerShell's stdin. User input travels only as base64 JSON inside a
 * single-quoted literal (base64 has no quote, so it cannot end the string), and the step script
 * as base64 too: one line, ASCII only, so `-Command -` parses it whole whatever the console code page.
 */
export function buildLiveInvocation(step: LiveStep, input: LiveInput): string {
  const data = toBase64(JSON.stringify({ domains: input.domains, role: input.role }))
  const script = toBase64(buildStepScript(step))
  return [
    `$XedInput = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${data}')) | ConvertFrom-Json`,
    '$XedDomains = [string[]]@($XedInput.domains)',
    '$XedRole = [string]$XedInput.role',
    `& ([ScriptBlock]::Create([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${script}'))))`,
  ].join('; ')
}

const RESULT_LINE = /^XED-RESULT:(ok|error):([A-Za-z0-9+/=]*)\s*$/

/** Finds the step's result line in stdout; null when there is none (the script never finished). */
export function readLiveResult(stdout: string): LiveResult | null {
  let found: RegExpExecArray | null = null
  for (const line of stdout.split(/\r?\n/)) {
    const match = RESULT_LINE.exec(line)
    if (match) found = match
  }
  if (!found) return null
  const decoded = Buffer.from(found[2] ?? '', 'base64').toString('utf8')
  return found[1] === 'ok' ? { ok: true, text: decoded } : { ok: false, error: decoded }
}
