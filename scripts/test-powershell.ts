// Runs every test that needs a real PowerShell: the Pester tests in tests/pester, then the Vitest files named
// *.pwsh.test.ts. Fails (never skips) when pwsh is missing. Usage: npm run test:powershell
import { spawnSync } from 'node:child_process'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { requirePwsh } from '../tests/powershell/find-pwsh'
import { ensurePester, PESTER_VERSION } from './install-pester'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

// Pester prints its own summary ("Tests Passed: N, Failed: 0, Skipped: 0, ..."); a skipped or not-run test
// counts as a failure here, so a test that silently stops running is noticed.
const PESTER_RUN = String.raw`
$ErrorActionPreference = 'Stop'
# In a CI log (output redirected) the summary line stays plain text, so "Tests Passed: N, Failed: 0" can be searched.
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }
Import-Module Pester -RequiredVersion '${PESTER_VERSION}'
$configuration = New-PesterConfiguration
$configuration.Run.Path = 'tests/pester'
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$result = Invoke-Pester -Configuration $configuration
if ($result.FailedCount -gt 0 -or $result.SkippedCount -gt 0 -or $result.NotRunCount -gt 0 -or $result.FailedBlocksCount -gt 0 -or $result.FailedContainersCount -gt 0 -or $result.TotalCount -eq 0) { exit 1 }
exit 0
`

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): number {
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: 'inherit' })
  if (result.error) throw result.error
  return result.status ?? 1
}

async function main(): Promise<number> {
  const pwsh = requirePwsh()
  const modules = await ensurePester()
  const env: NodeJS.ProcessEnv = { ...process.env, PSModulePath: [modules, process.env.PSModulePath ?? ''].filter(Boolean).join(delimiter) }
  env.PATH = [dirname(pwsh), process.env.PATH ?? ''].filter(Boolean).join(delimiter)
  console.log(`PowerShell tests with ${pwsh}`)
  const pester = run(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', PESTER_RUN], env)
  // A cold pwsh (its .NET runtime loading and JIT-compiling) can take tens of seconds on a busy 2-core CI machine
  // while another pwsh test starts beside it: these tests get a longer bound than the 30 s default.
  const vitest = run(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '.pwsh.test.ts', '--testTimeout=180000', '--hookTimeout=180000'], env)
  return pester !== 0 || vitest !== 0 ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:powershell: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
