/** Is the XMPP software installed, and are its services running? DOC-SETUP steps 2–5, troubleshooting 1–6. */
import type { CheckDefinition, CheckOutcome, Fix } from '../check-types'
import type { WindowsService } from '../../evidence/evidence-model'
import { fixCommands } from '../../commands/command-model'
import { getLyncService, setServiceAutomatic, startLyncService } from '../../commands/fix-commands'
import {
  findGatewayService,
  findProxyService,
  serverRole,
  serviceEvidence,
  skippedForRole,
  unknownBecause,
} from '../evidence-access'
import { COMPONENTS_INSTALLED_MESSAGES, GATEWAY_SERVICE_MESSAGES, PROXY_SERVICE_MESSAGES, SERVICE_MESSAGES } from './service-messages'

const RERUN_SETUP_FIX: Fix = {
  description: SERVICE_MESSAGES.rerunSetupFix,
  ...fixCommands(),
  runOn: 'edge',
  changesServer: true,
}

/** Start a stopped Lync service by the short name we discovered (Get-CsWindowsService -Name takes it: PS/Get-CsWindowsService). */
function startServiceFix(service: WindowsService, runOn: 'edge' | 'front-end'): Fix {
  const plans =
    service.startType === 'Disabled'
      ? [setServiceAutomatic(service.name), startLyncService(service.name)]
      : [startLyncService(service.name)]
  return {
    description: SERVICE_MESSAGES.startFix(service),
    ...fixCommands(...plans, getLyncService(service.name)),
    runOn,
    changesServer: true,
  }
}

function serviceRunningOutcome(service: WindowsService, runOn: 'edge' | 'front-end'): CheckOutcome {
  const evidence = [serviceEvidence(service)]
  if (service.status === 'Running') {
    return { status: 'pass', summary: SERVICE_MESSAGES.running(service), evidence, fix: null }
  }
  return {
    status: 'fail',
    summary: SERVICE_MESSAGES.notRunning(service),
    evidence,
    fix: startServiceFix(service, runOn),
  }
}

export const xmppComponentsInstalled: CheckDefinition<'xmpp-components-installed'> = {
  id: 'xmpp-components-installed',
  group: 'services',
  title: COMPONENTS_INSTALLED_MESSAGES.title,
  explanation: COMPONENTS_INSTALLED_MESSAGES.explanation,
  reads: ['services.json', 'manifest.json'],
  source: 'DOC-SETUP steps 2–5; DOMAIN-FACTS §1',
  evaluate: ({ evidence }) => {
    if (evidence.services.state !== 'collected') return unknownBecause('services.json', evidence.services)
    const services = evidence.services.value
    const role = serverRole(evidence)
    const proxy = findProxyService(services)
    const gateway = findGatewayService(services)
    const found = role === 'FrontEnd' ? gateway : role === 'Edge' ? proxy : (proxy ?? gateway)
    if (found) {
      return { status: 'pass', summary: COMPONENTS_INSTALLED_MESSAGES.installed(found), evidence: [serviceEvidence(found)], fix: null }
    }
    return {
      status: 'fail',
      summary: COMPONENTS_INSTALLED_MESSAGES.notInstalled(role, services.length),
      evidence: services.slice(0, 20).map(serviceEvidence),
      fix: { ...RERUN_SETUP_FIX, runOn: role === 'FrontEnd' ? 'front-end' : 'edge' },
    }
  },
}

export const xmppProxyServiceRunning: CheckDefinition<'xmpp-proxy-service-running'> = {
  id: 'xmpp-proxy-service-running',
  group: 'services',
  title: PROXY_SERVICE_MESSAGES.title,
  explanation: PROXY_SERVICE_MESSAGES.explanation,
  reads: ['services.json'],
  source: 'DOC-SETUP troubleshooting 1–5',
  evaluate: ({ evidence }) => {
    const role = serverRole(evidence)
    if (role === 'FrontEnd') return skippedForRole(role, 'Edge Server')
    if (evidence.services.state !== 'collected') return unknownBecause('services.json', evidence.services)
    const proxy = findProxyService(evidence.services.value)
    if (!proxy) {
      return { status: 'fail', summary: PROXY_SERVICE_MESSAGES.notInstalled, evidence: [], fix: RERUN_SETUP_FIX }
    }
    return serviceRunningOutcome(proxy, 'edge')
  },
}

export const xmppGatewayServiceRunning: CheckDefinition<'xmpp-gateway-service-running'> = {
  id: 'xmpp-gateway-service-running',
  group: 'services',
  title: GATEWAY_SERVICE_MESSAGES.title,
  explanation: GATEWAY_SERVICE_MESSAGES.explanation,
  reads: ['services.json'],
  source: 'DOC-SETUP troubleshooting 6; DOMAIN-FACTS §1 (RTCXMPPTGW)',
  evaluate: ({ evidence }) => {
    const role = serverRole(evidence)
    if (role === 'Edge') return skippedForRole(role, 'Front End Server')
    if (evidence.services.state !== 'collected') return unknownBecause('services.json', evidence.services)
    const gateway = findGatewayService(evidence.services.value)
    if (!gateway) {
      if (role === 'Unknown') return skippedForRole(role, 'Front End Server')
      return { status: 'fail', summary: GATEWAY_SERVICE_MESSAGES.notInstalled, evidence: [], fix: { ...RERUN_SETUP_FIX, runOn: 'front-end' } }
    }
    return serviceRunningOutcome(gateway, 'front-end')
  },
}
