/**
 * Every fix command uses only cmdlets and parameters of the command table (each with its source), with
 * values of the kinds the table allows; every Fix carries its plans beside its texts; and no source file
 * builds a command by pasting text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CommandPlan } from '../../src-shared/commands/command-model'
import { COMMAND_TABLE } from '../../src-shared/commands/command-table'
import * as fixCommands from '../../src-shared/commands/fix-commands'
import { diagnose } from '../../src-shared/diagnose'
import type { Fix } from '../../src-shared/diagnostics/check-types'
import { EVENT_SIGNATURES } from '../../src-shared/diagnostics/event-signatures'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import {
  askPartnerFix,
  changePartnerNegotiationFix,
  openPortFix,
  publishAddressFix,
  publishSrvFix,
  replaceEdgeCertificateFix,
  trustPartnerCaFix,
} from '../../src-shared/diagnostics/probe/probe-fixes'
import { TROUBLESHOOTING_TREE } from '../../src-shared/tree/troubleshooting-tree'
import { fixesOf } from '../../src-shared/ipc/runnable-fix'
import { listScenarios, loadScenario } from '../../src-main/scenarios/scenario-catalog'

/** Every fix the code can produce that we can reach: scenarios, the tree, event signatures, probe fixes. */
async function allFixes(): Promise<Fix[]> {
  const fixes: Fix[] = []
  for (const info of await listScenarios()) {
    const { read } = await loadScenario(info.name)
    const parsed = parseEvidence(read.files)
    const result = diagnose({ evidence: parsed.evidence, domains: info.domains, answers: info.answers, source: 'demo', startedAt: new Date() })
    fixes.push(...fixesOf(result))
  }
  for (const node of TROUBLESHOOTING_TREE.nodes) if (node.kind === 'conclusion' && node.fix) fixes.push(node.fix)
  for (const signature of EVENT_SIGNATURES) if (signature.fix) fixes.push(signature.fix)
  fixes.push(
    publishSrvFix('contoso.com', 'sip.contoso.com'),
    publishSrvFix('contoso.com', null),
    publishAddressFix('sip.contoso.com'),
    askPartnerFix('jabber.org', 'x', 'x'),
    openPortFix('xmpp.jabber.org', 5269, true),
    openPortFix('xmpp.jabber.org', 5269, false),
    replaceEdgeCertificateFix('contoso.com', 'sip.contoso.com'),
    trustPartnerCaFix('jabber.org'),
    changePartnerNegotiationFix(null, 'jabber.org', { tls: 'Required' }, { tls: 'Optional', sasl: 'Optional', dialback: true }),
  )
  return fixes
}

/** One call of every builder of fix-commands.ts with valid values. */
function everyBuilder(): CommandPlan[] {
  const f = fixCommands
  return [
    f.startLyncService(), f.startLyncService('RTCXMPPTGWPX'), f.stopLyncServices(), f.getLyncService(), f.getLyncService('RTCXMPPTGW'),
    f.setServiceAutomatic('RTCXMPPTGWPX'), f.assignXmppRoute('Site:Redmond', 'edgepool.contoso.com'), f.assignXmppRoute(null, null),
    f.listSiteRoutes(), f.testConnection('edge.contoso.com', 4443), f.testConnection('10.0.0.5', 23456), f.invokeReplication(),
    f.invokeReplication('edge.contoso.com'), f.replicationStatus('edge.contoso.com'), f.allowFederatedUsers(), f.enableXmppInPolicy('Global'),
    f.grantPolicyToAllUsers('Tag:FedPic'), f.countUsersWithPolicy('Tag:FedPic'), f.newXmppPartner('jabber.org', { tls: 'Optional', sasl: 'Optional', dialback: true }),
    f.setXmppPartner('jabber.org', { tls: 'Required', sasl: 'NotSupported', dialback: false }), f.getXmppPartner('jabber.org'), f.removeXmppPartner('gmail.com'),
    f.getEdgeCertificate(), ...f.replaceEdgeCertificateCommands(['sip.contoso.com', 'contoso.com']), f.assignEdgeCertificate('0123456789ABCDEF0123456789ABCDEF01234567'),
    f.countRootCertificates(), f.moveIntermediateCertificates(), f.importPartnerRootCa(), f.netstatPort(5269), f.getProcess(4242), f.listIpv4Addresses(),
    f.resolveDnsName('_xmpp-server._tcp.contoso.com', 'SRV', '10.0.0.1'), f.resolveDnsName('sip.contoso.com', 'A'), f.listSipDomains(),
    f.listXmppEventProviders(), f.listXmppClsScenarios(), f.startClsLogging(), f.resolveSrvWith('_xmpp-server._tcp.contoso.com', '127.0.0.1:25353'),
  ]
}

function tableViolations(plan: CommandPlan): string[] {
  const out: string[] = []
  for (const stage of plan.stages) {
    const spec = COMMAND_TABLE[stage.command]
    if (!spec) {
      out.push(`${stage.command} is not in the table`)
      continue
    }
    for (const argument of stage.arguments) {
      const allowed = argument.name === null ? { kinds: spec.arguments ?? [] } : spec.parameters[argument.name]
      if (!allowed) out.push(`${stage.command} -${argument.name} is not in the table`)
      else if (!allowed.kinds.includes(argument.value.kind)) out.push(`${stage.command} -${argument.name} takes no ${argument.value.kind}`)
      else if (argument.value.kind === 'enum' && !allowed.values?.includes(String(argument.value.value))) {
        out.push(`${stage.command} -${argument.name} ${String(argument.value.value)} is not a listed value`)
      }
    }
  }
  return out
}

describe('command table', () => {
  it('names a Microsoft source for every cmdlet and program', () => {
    for (const [name, spec] of Object.entries(COMMAND_TABLE)) {
      expect(spec.source, name).toMatch(/^(PS|WIN|CMD)\//)
    }
  })

  it('covers every command every fix uses, and each Fix carries one plan per command text', async () => {
    const fixes = await allFixes()
    expect(fixes.length).toBeGreaterThan(30)
    const violations: string[] = []
    for (const fix of fixes) {
      expect(fix.plans?.map((p) => p.text)).toEqual([...fix.commands])
      for (const plan of fix.plans ?? []) violations.push(...tableViolations(plan).map((v) => `${plan.text}: ${v}`))
    }
    for (const plan of everyBuilder()) violations.push(...tableViolations(plan).map((v) => `${plan.text}: ${v}`))
    expect(violations).toEqual([])
  })

  it('builds valid builder calls as runnable, and DNS records and placeholders as display-only', () => {
    for (const plan of everyBuilder()) {
      const expectDisplayOnly = plan.form === 'dns-record' || /<[^>]+>/.test(plan.text) || plan.text.includes('-Server \'127.0.0.1\'')
      expect(plan.displayOnly === null, plan.text).toBe(!expectDisplayOnly)
    }
  })

  it('has no command pasted together as text in the checks, probe judges or tree', () => {
    const roots = ['src-shared/diagnostics', 'src-shared/probe', 'src-shared/tree']
    const files = roots.flatMap(function walk(dir: string): string[] {
      return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name)
        return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : []
      })
    })
    const pasted: string[] = []
    for (const file of files) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // A fix's commands come from fixCommands(...) / commandTexts(...); an empty list is fine.
          if (/\bcommands:\s*(\[(?!\])|`|'|")/.test(line)) pasted.push(`${file}:${i + 1}: ${line.trim()}`)
        })
    }
    expect(pasted).toEqual([])
  })
})
