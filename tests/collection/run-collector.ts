/**
 * Runs the real Collect-XmppEvidence.ps1 in real pwsh against the fake Lync / Windows modules of tests/pester/fakes,
 * once per fake server (a scenario folder), all in one pwsh process. For the *.pwsh.test.ts files.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { requirePwsh } from '../powershell/find-pwsh'

const ROOT = resolve(import.meta.dirname, '..', '..')

/** The fake modules' folder, for PSModulePath. */
export const FAKE_MODULES = join(ROOT, 'tests', 'pester', 'fakes')

/** The committed collector script. */
export const COLLECTOR_PATH = join(ROOT, 'assets', 'Collect-XmppEvidence.ps1')

/** One collection to make: a fake server, faults, and the script's parameters. */
export interface CollectorRun {
  readonly server: string
  readonly behaviour?: Readonly<Record<string, unknown>>
  readonly domains?: readonly string[]
}

/** The environment that makes pwsh find the fakes (PSModulePath first) and the fake server. */
export function fakeServerEnv(server: string, behaviour: Readonly<Record<string, unknown>> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PSModulePath: [FAKE_MODULES, process.env.PSModulePath ?? ''].filter(Boolean).join(delimiter),
    XED_FAKE_SERVER: server,
    XED_FAKE_BEHAVIOUR: JSON.stringify(behaviour),
  }
}

// The runs arrive as a JSON file; each writes into its own folder; one line "XED-FOLDER:<index>:<folder>" per run.
const DRIVER = String.raw`
param([string]$RunsFile, [string]$Collector, [string]$OutRoot)
$ErrorActionPreference = 'Stop'
$runs = @(Get-Content -LiteralPath $RunsFile -Raw | ConvertFrom-Json)
for ($i = 0; $i -lt $runs.Count; $i++) {
    $run = $runs[$i]
    $env:XED_FAKE_SERVER = $run.server
    $env:XED_FAKE_BEHAVIOUR = ConvertTo-Json -InputObject $run.behaviour -Compress -Depth 5
    $out = Join-Path $OutRoot ([string]$i)
    [void](New-Item -ItemType Directory -Path $out)
    & $Collector -Domain @($run.domains) -OutputPath $out 6>$null | Out-Null
    $folder = @(Get-ChildItem -LiteralPath $out -Directory)[0].FullName
    [Console]::Out.WriteLine('XED-FOLDER:' + $i + ':' + $folder)
}
`

/** Runs the collector for each run; returns the evidence folder of each, in order. */
export async function runCollector(runs: readonly CollectorRun[]): Promise<string[]> {
  const pwsh = requirePwsh()
  const work = mkdtempSync(join(tmpdir(), 'xed-collector-'))
  const runsFile = join(work, 'runs.json')
  const driver = join(work, 'driver.ps1')
  writeFileSync(runsFile, JSON.stringify(runs.map((run) => ({ server: run.server, behaviour: run.behaviour ?? {}, domains: run.domains ?? ['contoso.com'] }))))
  writeFileSync(driver, DRIVER)
  const { stdout } = await promisify(execFile)(
    pwsh,
    ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', driver, '-RunsFile', runsFile, '-Collector', COLLECTOR_PATH, '-OutRoot', work],
    { env: fakeServerEnv(''), timeout: 540_000, maxBuffer: 16 * 1024 * 1024 },
  )
  const folders: string[] = []
  for (const match of stdout.matchAll(/^XED-FOLDER:(\d+):(.+)$/gm)) folders[Number(match[1])] = (match[2] ?? '').trim()
  if (folders.length !== runs.length) throw new Error(`pwsh reported ${folders.length} of ${runs.length} evidence folders:\n${stdout}`)
  return folders
}
