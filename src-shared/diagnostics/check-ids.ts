/** The check ids on their own, so the finding codes (finding-reasons.ts) and the check types can both name them. */

/** Every check id, stable across versions: reports, history and the tree refer to these. */
export const CHECK_IDS = [
  // Evidence checks (issue: diagnostic core)
  'xmpp-components-installed',
  'xmpp-proxy-service-running',
  'xmpp-gateway-service-running',
  'xmpp-federation-route-assigned',
  'cms-replica-up-to-date',
  'xmpp-external-port-listening',
  'xmpp-internal-port-listening',
  'edge-certificate-valid',
  'edge-certificate-names',
  'access-edge-federation-enabled',
  'xmpp-access-policy-enabled',
  'xmpp-partner-configured',
  'xmpp-partner-negotiation-valid',
  'xmpp-partner-not-obsolete',
  'xmpp-srv-record',
  'xmpp-srv-priorities',
  'xmpp-srv-target-address',
  'xmpp-event-log-clean',
  'root-ca-store-healthy',
  // Live probe checks (issue: network probes)
  's2s-dns-srv',
  's2s-target-resolves',
  's2s-port-reachable',
  's2s-stream-opens',
  's2s-starttls-offered',
  's2s-certificate-names',
  's2s-certificate-trusted',
  's2s-certificate-not-expiring',
  's2s-auth-available',
] as const
export type CheckId = (typeof CHECK_IDS)[number]
