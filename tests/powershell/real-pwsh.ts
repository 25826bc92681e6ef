/**
 * Real PowerShell for the action runner's *.pwsh.test.ts files: where pwsh is (find-pwsh.ts; missing pwsh
 * fails the tests, never skips them), and a module folder of shadow cmdlets.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export { requirePwsh } from './find-pwsh'

/**
 * Writes a module `XedShadow` under `root` whose functions stand in for Lync cmdlets: each writes the
 * parameters it was bound to (JSON) to the file named by $env:XED_BOUND_FILE and prints one line. PowerShell
 * finds them by module auto-loading once `root` is in PSModulePath; the product has no hook for this.
 */
export function writeShadowModule(root: string, cmdlets: readonly string[]): void {
  const dir = join(root, 'XedShadow')
  mkdirSync(dir, { recursive: true })
  const functions = cmdlets.map(
    (name) => `function ${name} {
  [CmdletBinding()] param([string]$Name, [string]$Identity, [string]$TlsNegotiation, [string]$SaslNegotiation, $SupportDialbackNegotiation)
  $bound = @{ Cmdlet = '${name}' }
  foreach ($k in $PSBoundParameters.Keys) { $bound[$k] = $PSBoundParameters[$k] }
  [IO.File]::WriteAllText($env:XED_BOUND_FILE, ($bound | ConvertTo-Json -Compress), [Text.Encoding]::UTF8)
  "${name} ran"
}`,
  )
  writeFileSync(join(dir, 'XedShadow.psm1'), `${functions.join('\n')}\nExport-ModuleMember -Function *\n`)
}

/** The environment of a pwsh that finds the shadow module and writes bound parameters to `boundFile`. */
export function shadowEnv(moduleRoot: string, boundFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PSModulePath: moduleRoot, XED_BOUND_FILE: boundFile }
  delete env.NODE_POWERSHELL
  return env
}
