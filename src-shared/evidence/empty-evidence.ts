/**
 * The evidence of a run that has none (a probe without --partners-from): every file missing, as parseEvidence()
 * makes of an empty folder, without loading every parser to learn that (the probe process starts faster).
 * Typed as Evidence, so a new evidence field must be added here too; a test compares it with parseEvidence().
 */
import type { Evidence } from './evidence-model'

export function emptyEvidence(): Evidence {
  const missing = { state: 'missing' } as const
  return {
    manifest: missing,
    serverVersion: missing,
    services: missing,
    netstat: missing,
    tasklist: missing,
    events: missing,
    sites: missing,
    topology: missing,
    edgeServices: missing,
    accessEdge: missing,
    externalAccessPolicies: missing,
    policyGrants: missing,
    xmppPartners: missing,
    xmppGateway: missing,
    certificates: missing,
    rootStore: missing,
    replication: missing,
    dnsSrv: missing,
    dnsA: missing,
  }
}
