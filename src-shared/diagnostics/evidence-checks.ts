/** Every check that reads an evidence folder, in the order a report lists them. */
import type { CheckDefinition } from './check-types'
import { xmppComponentsInstalled, xmppGatewayServiceRunning, xmppProxyServiceRunning } from './checks/service-checks'
import { xmppExternalPortListening, xmppInternalPortListening } from './checks/port-checks'
import { cmsReplicaUpToDate, xmppFederationRouteAssigned } from './checks/topology-checks'
import { edgeCertificateNames, edgeCertificateValid, rootCaStoreHealthy } from './checks/certificate-checks'
import { accessEdgeFederationEnabled, xmppAccessPolicyEnabled } from './checks/policy-checks'
import { xmppPartnerConfigured, xmppPartnerNegotiationValid, xmppPartnerNotObsolete } from './checks/partner-checks'
import { xmppSrvPriorities, xmppSrvRecord, xmppSrvTargetAddress } from './checks/dns-checks'
import { xmppEventLogClean } from './checks/event-log-check'

export const EVIDENCE_CHECKS: readonly CheckDefinition[] = [
  xmppComponentsInstalled,
  xmppProxyServiceRunning,
  xmppGatewayServiceRunning,
  xmppFederationRouteAssigned,
  cmsReplicaUpToDate,
  xmppExternalPortListening,
  xmppInternalPortListening,
  edgeCertificateValid,
  edgeCertificateNames,
  accessEdgeFederationEnabled,
  xmppAccessPolicyEnabled,
  xmppPartnerConfigured,
  xmppPartnerNegotiationValid,
  xmppPartnerNotObsolete,
  xmppSrvRecord,
  xmppSrvPriorities,
  xmppSrvTargetAddress,
  xmppEventLogClean,
  rootCaStoreHealthy,
]
