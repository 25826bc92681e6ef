/**
 * Windows PowerShell 3.0 compatibility of everything the collector runs on a server, judged with PowerShell's own
 * parser (the AST of pwsh 7, which accepts a superset of 3.0's syntax) against the table in ps3-compatibility.ts.
 * Lync Server 2013 runs on Windows Server 2008 R2 SP1 to 2012 R2, where Windows PowerShell 3.0 or 4.0 is the default.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildLiveInvocation, buildStepScript } from '../../src-main/collection/live-invocation'
import { EVIDENCE_COMMANDS, ROLE_DETECTION_SCRIPT, SERVER_FACTS_SCRIPT } from '../../src-shared/collection/evidence-commands'
import { findIncompatibilities, readAstFacts } from './ps3-compatibility'

const COLLECTOR = resolve(import.meta.dirname, '..', '..', 'assets', 'Collect-XmppEvidence.ps1')

/** Snippets that must each be refused, with the words the refusal must contain. */
const BAD_SNIPPETS: readonly [string, string, RegExp][] = [
  ['class', 'class Probe { [string]$Name }', /class .*PowerShell 5\.0/],
  ['enum', 'enum Mode { On; Off }', /enum .*PowerShell 5\.0/],
  ['using', 'using namespace System.Text', /using .*PowerShell 5\.0/],
  ['::new()', '$list = [System.Collections.ArrayList]::new()', /::new\(\) .*PowerShell 5\.0/],
  ['??', '$name = $env:COMPUTERNAME ?? "edge"', /\?\? .*PowerShell 7\.0/],
  ['??=', '$name ??= "edge"', /\?\?= .*PowerShell 7\.0/],
  ['?.', '$length = ${process}?.StartTime', /\?\. .*PowerShell 7\.1/],
  ['ternary', '$state = $running ? "up" : "down"', /ternary .*PowerShell 7\.0/],
  ['&&', 'Get-Service RTCSRV && Write-Host up', /&&\/\|\| .*PowerShell 7\.0/],
  ['||', 'Get-Service RTCSRV || Write-Host down', /&&\/\|\| .*PowerShell 7\.0/],
  ['.Where()', '$running = (Get-Service).Where({ $_.Status -eq "Running" })', /\.Where\(\) .*PowerShell 4\.0/],
  ['ForEach-Object -Parallel', '1..3 | ForEach-Object -Parallel { $_ }', /ForEach-Object -Parallel/],
  ['Out-File -NoNewline', '"x" | Out-File -FilePath a.txt -NoNewline', /Out-File: not in the table/],
  ['ConvertTo-Json -AsArray', '$json = ConvertTo-Json -InputObject 1 -AsArray', /ConvertTo-Json -AsArray/],
  ['ConvertTo-Json -EnumsAsStrings', '$json = ConvertTo-Json -InputObject 1 -EnumsAsStrings', /ConvertTo-Json -EnumsAsStrings/],
  ['ConvertFrom-Json -AsHashtable', '$map = ConvertFrom-Json -InputObject "{}" -AsHashtable', /ConvertFrom-Json -AsHashtable/],
  ['Get-ChildItem -Depth', 'Get-ChildItem -Path C:\\Temp -Depth 2', /Get-ChildItem -Depth/],
  ['Select-Object -SkipLast', '1..5 | Select-Object -SkipLast 1', /Select-Object -SkipLast/],
  ['unguarded Compress-Archive', 'Compress-Archive -LiteralPath a -DestinationPath b.zip', /Compress-Archive exists only from PowerShell 5\.0/],
  ['-PipelineVariable', 'Get-Service -PipelineVariable s', /Get-Service -PipelineVariable/],
  ['a syntax error', 'if ($x { }', /parse error/],
]

let work = ''
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'xed-ps3-'))
})

function writeScript(name: string, text: string): string {
  const path = join(work, name)
  writeFileSync(path, text)
  return path
}

describe('Windows PowerShell 3.0 compatibility (PowerShell parser + allow-list)', { timeout: 180_000 }, () => {
  it('the collector script and every live step use only 3.0 syntax, commands and parameters', async () => {
    const steps = [
      ...EVIDENCE_COMMANDS.map((command) => ({ ...command, name: command.file })),
      { name: 'detect-role', script: ROLE_DETECTION_SCRIPT, output: 'json' as const, jsonShape: 'object' as const, needsLyncModule: false },
      { name: 'server-facts.json', script: SERVER_FACTS_SCRIPT, output: 'json' as const, jsonShape: 'object' as const, needsLyncModule: true },
    ]
    const paths = [COLLECTOR]
    for (const step of steps) {
      paths.push(writeScript(`${step.name}.step.ps1`, buildStepScript(step)))
      paths.push(writeScript(`${step.name}.line.ps1`, buildLiveInvocation(step, { domains: ['contoso.com'], role: 'Edge' })))
    }
    const facts = await readAstFacts(paths)
    expect(facts).toHaveLength(paths.length)
    expect(facts.find((file) => file.path === COLLECTOR)?.commands.length).toBeGreaterThan(40)
    expect(findIncompatibilities(facts)).toEqual([])
  })

  it('refuses each construct and parameter that 3.0 lacks (the test can fail)', async () => {
    const paths = BAD_SNIPPETS.map(([, text], index) => writeScript(`bad-${index}.ps1`, `${text}\n`))
    const facts = await readAstFacts(paths)
    BAD_SNIPPETS.forEach(([name, , expected], index) => {
      const problems = findIncompatibilities([facts[index]!])
      expect(problems.join('\n'), name).toMatch(expected)
    })
  })

  it('accepts Compress-Archive inside if (Get-Command -Name Compress-Archive ...), and 3.0 syntax like [ordered] and [pscustomobject]', async () => {
    const path = writeScript(
      'good.ps1',
      [
        "$o = [pscustomobject][ordered]@{ A = 1 }",
        'if (Get-Command -Name Compress-Archive -ErrorAction SilentlyContinue) { Compress-Archive -LiteralPath a -DestinationPath b.zip }',
        'function Resolve-Safe { if (-not (Get-Command -Name Resolve-DnsName -ErrorAction SilentlyContinue)) { throw "no" }; Resolve-DnsName -Name x -Type SRV -DnsOnly }',
        "$x = @(1, 2) | Where-Object { $_ -in 1, 3 } | ForEach-Object { $_ }",
      ].join('\n'),
    )
    expect(findIncompatibilities(await readAstFacts([path]))).toEqual([])
  })
})
