/**
 * The action runner's fixed script uses only Windows PowerShell 3.0 syntax, commands and parameters
 * (Lync Server 2013 runs where 3.0 or 4.0 is the default), judged by PowerShell's own parser against the
 * project's 3.0 table (ps3-compatibility.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runnerScriptFor } from '../../src-main/powershell/command-runner'
import { moveIntermediateCertificates, netstatPort, setXmppPartner } from '../../src-shared/commands/fix-commands'
import { findIncompatibilities, readAstFacts } from './ps3-compatibility'

const work = mkdtempSync(join(tmpdir(), 'xed-runner-ps3-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('action runner and Windows PowerShell 3.0', { timeout: 180_000 }, () => {
  it('sends only 3.0 syntax, commands and parameters', async () => {
    const plans = [moveIntermediateCertificates(), netstatPort(5269), setXmppPartner('jabber.org', { tls: 'Optional', sasl: 'Optional', dialback: true })]
    const paths = plans.map((plan, i) => {
      const path = join(work, `runner-${i}.ps1`)
      writeFileSync(path, `${runnerScriptFor(plan)}\n`)
      return path
    })
    const facts = await readAstFacts(paths)
    expect(facts).toHaveLength(paths.length)
    expect(findIncompatibilities(facts)).toEqual([])
  })

  it('would notice a newer parameter in the runner (the check reads the script\'s commands)', async () => {
    const path = join(work, 'runner-newer.ps1')
    writeFileSync(path, `${runnerScriptFor(netstatPort(5269)).replace('| ConvertFrom-Json', '| ConvertFrom-Json -AsHashtable')}\n`)
    const problems = findIncompatibilities(await readAstFacts([path]))
    expect(problems.join('\n')).toMatch(/ConvertFrom-Json -AsHashtable/)
  })
})
