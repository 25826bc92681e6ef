/**
 * Is the Edge listening on 5269 (partners) and 23456 (Front End), and is it the XMPP proxy that owns the socket?
 * DOC-SETUP step 25 and troubleshooting 6/11: `netstat -ano | findstr 5269` / `findstr 23456`.
 */
import type { CheckContext, CheckDefinition, CheckOutcome, EvidenceItem } from '../check-types'
import type { FindingReasonOf } from '../finding-reasons'
import type { Evidence, NetstatEntry } from '../../evidence/evidence-model'
import type { Localized } from '../../i18n/localized'
import { fixCommands } from '../../commands/command-model'
import { getLyncService, getProcess, netstatPort, testConnection } from '../../commands/fix-commands'
import {
  DEFAULT_XMPP_INTERNAL_PORT,
  PROXY_PROCESS_IMAGE,
  establishedOn,
  expectedExternalPort,
  findProxyService,
  listenersOn,
  processById,
  serverRole,
  skippedForRole,
  unknownBecause,
  valueOf,
} from '../evidence-access'
import { EXTERNAL_PORT_MESSAGES, INTERNAL_PORT_MESSAGES, PORT_MESSAGES } from './port-messages'

type Ownership = { kind: 'proxy'; how: string } | { kind: 'other'; image: string } | { kind: 'unverified' }

/** Who owns a listening socket: by tasklist image/services, else by the service's recorded process id. */
function ownerOf(entry: NetstatEntry, evidence: Evidence): Ownership {
  const services = valueOf(evidence.services) ?? []
  const proxy = findProxyService(services)
  const task = processById(valueOf(evidence.tasklist), entry.pid)
  if (task) {
    const isProxyImage = task.imageName.toLowerCase() === PROXY_PROCESS_IMAGE.toLowerCase()
    const hostsProxy = proxy !== undefined && task.services.some((s) => s.toLowerCase() === proxy.name.toLowerCase())
    if (isProxyImage || hostsProxy) return { kind: 'proxy', how: `tasklist: ${task.imageName} (PID ${task.pid})` }
    return { kind: 'other', image: task.imageName }
  }
  if (proxy?.processId !== null && proxy?.processId === entry.pid) {
    return { kind: 'proxy', how: `services.json: ${proxy.name} ProcessId=${proxy.processId}` }
  }
  return { kind: 'unverified' }
}

function netstatLines(entries: readonly NetstatEntry[]): EvidenceItem[] {
  return entries.slice(0, 12).map((e) => ({ source: 'netstat.txt', text: e.line.trim() }))
}

/** The codes both port checks produce (the same for 5269 and 23456). */
type PortReason = FindingReasonOf<'xmpp-external-port-listening' | 'xmpp-internal-port-listening'>

function portNotListening(port: number, purpose: Localized, fixText: Localized): CheckOutcome<PortReason> {
  return {
    status: 'fail',
    reason: 'port-not-listening',
    summary: PORT_MESSAGES.notListening(port, purpose),
    evidence: [],
    fix: {
      description: fixText,
      ...fixCommands(netstatPort(port), getLyncService()),
      runOn: 'edge',
      changesServer: false,
    },
  }
}

function evaluatePort(
  context: CheckContext,
  port: number,
  purpose: Localized,
  notListeningFix: Localized,
  wantEstablished: boolean,
): CheckOutcome<PortReason> {
  const { evidence } = context
  const role = serverRole(evidence)
  if (role === 'FrontEnd') return skippedForRole(role, 'Edge Server')
  if (evidence.netstat.state !== 'collected') return unknownBecause('netstat.txt', evidence.netstat)
  const listeners = listenersOn(evidence.netstat.value, port)
  const established = establishedOn(evidence.netstat.value, port)
  if (listeners.length === 0) return portNotListening(port, purpose, notListeningFix)

  const owners = listeners.map((l) => ({ entry: l, owner: ownerOf(l, evidence) }))
  const foreign = owners.find((o) => o.owner.kind === 'other')
  const evidenceItems = [...netstatLines(listeners), ...netstatLines(established)]
  for (const { owner } of owners) {
    if (owner.kind === 'proxy') evidenceItems.push({ source: 'tasklist.csv', text: owner.how })
    if (owner.kind === 'other') evidenceItems.push({ source: 'tasklist.csv', text: `PID owner: ${owner.image}` })
  }
  if (foreign && foreign.owner.kind === 'other') {
    return {
      status: 'fail',
      summary: PORT_MESSAGES.heldByOther(port, foreign.owner.image, foreign.entry.pid, PROXY_PROCESS_IMAGE),
      evidence: evidenceItems,
      reason: 'port-held-by-other-process',
      fix: {
        description: PORT_MESSAGES.freePortFix(port),
        ...fixCommands(getProcess(foreign.entry.pid), netstatPort(port)),
        runOn: 'edge',
        changesServer: false,
      },
    }
  }
  const verified = owners.every((o) => o.owner.kind === 'proxy')
  if (wantEstablished && established.length === 0) {
    return {
      status: 'warn',
      summary: PORT_MESSAGES.noEstablished(port),
      evidence: evidenceItems,
      fix: {
        description: PORT_MESSAGES.connectGatewayFix,
        ...fixCommands(getLyncService('RTCXMPPTGW'), testConnection(null, port, '<Edge internal FQDN>')),
        runOn: 'front-end',
        changesServer: false,
      },
    }
  }
  return {
    status: 'pass',
    summary: verified ? PORT_MESSAGES.listeningByProxy(port, established.length) : PORT_MESSAGES.listeningOwnerUnverified(port),
    evidence: evidenceItems,
    fix: null,
  }
}

export const xmppExternalPortListening: CheckDefinition<'xmpp-external-port-listening'> = {
  id: 'xmpp-external-port-listening',
  group: 'ports',
  title: EXTERNAL_PORT_MESSAGES.title,
  explanation: EXTERNAL_PORT_MESSAGES.explanation,
  reads: ['netstat.txt', 'tasklist.csv', 'services.json', 'edge-services.json'],
  source: 'DOC-SETUP step 25; DOC-PORTS; DOC-AV (XmppProxy.exe)',
  evaluate: (context) =>
    evaluatePort(
      context,
      expectedExternalPort(context.evidence),
      EXTERNAL_PORT_MESSAGES.purpose,
      EXTERNAL_PORT_MESSAGES.notListeningFix,
      false,
    ),
}

export const xmppInternalPortListening: CheckDefinition<'xmpp-internal-port-listening'> = {
  id: 'xmpp-internal-port-listening',
  group: 'ports',
  title: INTERNAL_PORT_MESSAGES.title,
  explanation: INTERNAL_PORT_MESSAGES.explanation,
  reads: ['netstat.txt', 'tasklist.csv', 'services.json'],
  source: 'DOC-SETUP step 25; DOC-PORTS',
  evaluate: (context) =>
    evaluatePort(
      context,
      DEFAULT_XMPP_INTERNAL_PORT,
      INTERNAL_PORT_MESSAGES.purpose,
      INTERNAL_PORT_MESSAGES.notListeningFix,
      true,
    ),
}
