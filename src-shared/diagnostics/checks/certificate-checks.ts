/**
 * The external edge certificate (present, in date, names cover every XMPP domain, sip.<domain> and the access
 * edge FQDN) and the health of the Trusted Root store. DOC-SETUP steps 6–22, DOC-CERT, OPD RDCheckEdgeCerts,
 * OPD RDCheckTooManyCertsRootCA / IDRootCACertificatesMisplaced.
 */
import type { CheckDefinition, EvidenceItem, Fix } from '../check-types'
import type { Evidence, LyncCertificate } from '../../evidence/evidence-model'
import { fixCommands } from '../../commands/command-model'
import { moveIntermediateCertificates, countRootCertificates, replaceEdgeCertificateCommands, startLyncService, stopLyncServices } from '../../commands/fix-commands'
import {
  accessEdgeFqdns,
  certificateNameCovers,
  domainsUnderTest,
  findProxyService,
  preferredAccessEdgeFqdn,
  thisEdgePool,
  valueOf,
  serverRole,
  skippedForRole,
  unknownBecause,
} from '../evidence-access'
import {
  CERTIFICATE_FIX_MESSAGES as FIX,
  CERTIFICATE_NAMES_MESSAGES as NAMES,
  CERTIFICATE_VALID_MESSAGES as VALID,
  ROOT_STORE_MESSAGES as ROOT_STORE,
} from './certificate-messages'

const EXPIRY_WARNING_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000
/** OPD MaxNumberOfRootCertificates = 100 (DOMAIN-FACTS §5 cause 17). */
const MAX_ROOT_CERTIFICATES = 100

/** Get-CsCertificate Use values that carry the external XMPP identity (DOMAIN-FACTS §2: XMPPServer may exist). */
const EXTERNAL_USES = ['accessedgeexternal', 'xmppserver']

function externalEdgeCertificates(certificates: readonly LyncCertificate[]): LyncCertificate[] {
  return certificates.filter((c) => EXTERNAL_USES.includes(c.use.replace(/\s/g, '').toLowerCase()))
}

function certificateEvidence(cert: LyncCertificate): EvidenceItem {
  return {
    source: 'certificates.json',
    text: `Use=${cert.use}  Thumbprint=${cert.thumbprint}  Subject=${cert.subject}  NotAfter=${cert.notAfter ?? ''}  AlternativeNames=${cert.alternativeNames.join(', ')}`,
  }
}

/**
 * What the external edge certificate must name for the XMPP domains: each domain itself (the partner's reference
 * identity, RFC 7590) and sip.<domain> (DOC-SETUP step 17). The names check and the request fix both use it, so a
 * certificate requested as the fix says passes the check.
 */
function namesForDomains(xmppDomains: readonly string[]): string[] {
  return [...new Set([...xmppDomains, ...xmppDomains.map((d) => `sip.${d}`)])]
}

/** Request, import and assign a new certificate naming `names`, then restart (DOC-SETUP steps 17–22; PS/Request-CsCertificate). */
function replaceCertificateFix(evidence: Evidence, domains: readonly string[]): Fix {
  const names = [...new Set([...requestedAccessEdgeFqdns(evidence), ...namesForDomains(domainsUnderTest(evidence, domains))])]
  return {
    description: FIX.replaceCertificate,
    ...fixCommands(...replaceEdgeCertificateCommands(names)),
    runOn: 'edge',
    changesServer: true,
  }
}

/**
 * A process that started before a certificate was issued cannot have loaded it, and Lync loads certificates only
 * when its services start (DOC-SETUP step 22: restart after assigning). Needs the collector's ProcessStartTime.
 */
function certificateNewerThanProxy(
  evidence: Evidence,
  external: readonly LyncCertificate[],
): { cert: LyncCertificate; startedAt: string; serviceName: string } | null {
  const proxy = findProxyService(valueOf(evidence.services) ?? [])
  const startedAt = proxy?.status === 'Running' ? proxy.processStartTime : null
  if (!proxy || !startedAt) return null
  const started = Date.parse(startedAt)
  const cert = external.find((c) => c.notBefore !== null && Date.parse(c.notBefore) > started)
  return cert ? { cert, startedAt, serviceName: proxy.name } : null
}

/**
 * The Access Edge external FQDN this Edge's certificate must name: its own pool's. With several pools and no way to
 * tell which is ours, every pool's name is a candidate (the certificate must name one of them); never another
 * pool's name as a requirement (DOMAIN-FACTS §5 cause 18: SAN ⊇ this pool's AccessEdgeExternalFqdn).
 */
function ownAccessEdgeFqdns(evidence: Evidence): string[] {
  const own = thisEdgePool(evidence)?.accessEdgeExternalFqdn
  return own ? [own.toLowerCase()] : accessEdgeFqdns(evidence)
}

/** The running proxy's start time when it is later than every external certificate's NotBefore (the restart of step 22). */
function proxyStartedAfterCertificates(evidence: Evidence, external: readonly LyncCertificate[]): { startedAt: string; item: EvidenceItem } | null {
  const proxy = findProxyService(valueOf(evidence.services) ?? [])
  const startedAt = proxy?.status === 'Running' ? proxy.processStartTime : null
  if (!proxy || !startedAt || !Number.isFinite(Date.parse(startedAt))) return null
  const notBefores = external.map((c) => (c.notBefore === null ? Number.NaN : Date.parse(c.notBefore)))
  if (notBefores.some((t) => !Number.isFinite(t) || t > Date.parse(startedAt))) return null
  const issued = external.map((c) => c.notBefore).join(', ')
  return { startedAt, item: { source: 'services.json', text: `${proxy.name} ProcessStartTime=${startedAt}  (certificate NotBefore=${issued})` } }
}

/**
 * The Access Edge name a new certificate should carry: this pool's; with our pool unknown, the pool names the
 * current certificate already carries, else the pool a fix would name anyway. Never every pool's names at once.
 */
function requestedAccessEdgeFqdns(evidence: Evidence): string[] {
  const candidates = ownAccessEdgeFqdns(evidence)
  if (candidates.length <= 1) return candidates
  const present = externalEdgeCertificates(valueOf(evidence.certificates) ?? []).flatMap((c) => certificateNames(c))
  const kept = candidates.filter((host) => present.some((n) => certificateNameCovers(n, host)))
  if (kept.length > 0) return kept
  const preferred = preferredAccessEdgeFqdn(evidence)
  return preferred ? [preferred] : []
}

/** The names a certificate presents: its SANs, or its subject CN when it has none (RFC 6125 §6.4.4). */
function certificateNames(cert: LyncCertificate): string[] {
  const names = [...cert.alternativeNames]
  const cn = commonName(cert.subject)
  if (names.length === 0 && cn) names.push(cn)
  return names
}

/** Which pool this Edge is in and what that pool's Access Edge is called: shown so the requirement can be checked. */
function poolEvidence(evidence: Evidence): EvidenceItem[] {
  const own = thisEdgePool(evidence)
  const manifest = valueOf(evidence.manifest)
  if (own) {
    return [{ source: 'edge-services.json', text: `This Edge's pool: ${own.poolFqdn ?? own.identity}  AccessEdgeExternalFqdn=${own.accessEdgeExternalFqdn ?? ''}${manifest?.pool ? `  (manifest pool=${manifest.pool})` : ''}` }]
  }
  const pools = ownAccessEdgeFqdns(evidence)
  return pools.length > 1 ? [{ source: 'manifest.json', text: `This Edge's pool was not recorded; Access Edge names of the pools: ${pools.join(', ')}` }] : []
}

function commonName(subject: string): string | null {
  const match = /(?:^|,)\s*CN=([^,]+)/i.exec(subject)
  return match?.[1]?.trim() ?? null
}

export const edgeCertificateValid: CheckDefinition<'edge-certificate-valid'> = {
  id: 'edge-certificate-valid',
  group: 'certificates',
  title: VALID.title,
  explanation: VALID.explanation,
  reads: ['certificates.json'],
  source: 'DOC-SETUP steps 6–22; DOC-CERT',
  evaluate: ({ evidence, now, domains }) => {
    const role = serverRole(evidence)
    if (role === 'FrontEnd') return skippedForRole(role, 'Edge Server')
    if (evidence.certificates.state !== 'collected') return unknownBecause('certificates.json', evidence.certificates)
    const external = externalEdgeCertificates(evidence.certificates.value)
    if (external.length === 0) {
      return {
        status: 'fail',
        summary: VALID.noneAssigned,
        evidence: evidence.certificates.value.map(certificateEvidence),
        fix: replaceCertificateFix(evidence, domains),
      }
    }
    const expired = external.filter((c) => c.notAfter !== null && Date.parse(c.notAfter) <= now.getTime())
    const notYet = external.filter((c) => c.notBefore !== null && Date.parse(c.notBefore) > now.getTime())
    const items = external.map(certificateEvidence)
    if (expired.length > 0 || notYet.length > 0) {
      const bad = expired[0] ?? notYet[0]
      return {
        status: 'fail',
        summary: expired.length > 0 ? VALID.expired(bad?.notAfter) : VALID.notYetValid(bad?.notBefore),
        evidence: items,
        fix: replaceCertificateFix(evidence, domains),
      }
    }
    const stale = certificateNewerThanProxy(evidence, external)
    if (stale) {
      return {
        status: 'warn',
        reason: 'proxy-started-before-certificate',
        summary: VALID.proxyStartedBefore(stale.startedAt, stale.cert.notBefore),
        evidence: [...items, { source: 'services.json', text: `${stale.serviceName} ProcessStartTime=${stale.startedAt}` }],
        fix: {
          description: VALID.restartFix,
          ...fixCommands(stopLyncServices(), startLyncService()),
          runOn: 'edge',
          changesServer: true,
        },
      }
    }
    const soon = external.filter((c) => c.notAfter !== null && Date.parse(c.notAfter) - now.getTime() < EXPIRY_WARNING_DAYS * DAY_MS)
    if (soon.length > 0) {
      const days = Math.floor((Date.parse(soon[0]?.notAfter ?? '') - now.getTime()) / DAY_MS)
      return {
        status: 'warn',
        summary: VALID.expiresSoon(days, soon[0]?.notAfter),
        evidence: items,
        fix: replaceCertificateFix(evidence, domains),
      }
    }
    // Said on a pass so the setup checklist can verify step 22 (restarted after assigning) from the result alone.
    const restarted = proxyStartedAfterCertificates(evidence, external)
    return {
      status: 'pass',
      ...(restarted ? { reason: 'proxy-started-after-certificate' } : {}),
      summary: VALID.valid(
        external.map((c) => c.notAfter),
        restarted?.startedAt ?? null,
      ),
      evidence: restarted ? [...items, restarted.item] : items,
      fix: null,
    }
  },
}

export const edgeCertificateNames: CheckDefinition<'edge-certificate-names'> = {
  id: 'edge-certificate-names',
  group: 'certificates',
  title: NAMES.title,
  explanation: NAMES.explanation,
  reads: ['certificates.json', 'edge-services.json', 'manifest.json'],
  source: 'DOC-SETUP steps 16–17; DOC-CERT; OPD RDCheckEdgeCerts; RFC 7590',
  evaluate: ({ evidence, domains }) => {
    const role = serverRole(evidence)
    if (role === 'FrontEnd') return skippedForRole(role, 'Edge Server')
    if (evidence.certificates.state !== 'collected') return unknownBecause('certificates.json', evidence.certificates)
    const external = externalEdgeCertificates(evidence.certificates.value)
    if (external.length === 0) return unknownBecause('certificates.json (AccessEdgeExternal)', { state: 'missing' })
    const xmppDomains = domainsUnderTest(evidence, domains)
    if (xmppDomains.length === 0) {
      return {
        status: 'unknown',
        summary: NAMES.noDomain,
        evidence: external.map(certificateEvidence),
        fix: null,
      }
    }
    const edgeNames = ownAccessEdgeFqdns(evidence)
    // One candidate: this pool's name is required. Several (our pool unknown): any one of them will do.
    const required = [...new Set([...namesForDomains(xmppDomains), ...(edgeNames.length === 1 ? edgeNames : [])])]
    const missingByCert = external.map((cert) => {
      const names = certificateNames(cert)
      const covers = (host: string) => names.some((n) => certificateNameCovers(n, host))
      const missing = required.filter((host) => !covers(host))
      if (edgeNames.length > 1 && !edgeNames.some(covers)) missing.push(edgeNames.join(' / '))
      return { cert, missing }
    })
    const problems = missingByCert.filter((m) => m.missing.length > 0)
    if (problems.length > 0) {
      const missing = [...new Set(problems.flatMap((p) => p.missing))]
      return {
        status: 'fail',
        summary: NAMES.notCovered(missing),
        evidence: [...poolEvidence(evidence), ...external.map(certificateEvidence)],
        fix: replaceCertificateFix(evidence, domains),
      }
    }
    const items = [...poolEvidence(evidence), ...external.map(certificateEvidence)]
    if (edgeNames.length > 1) {
      const named = edgeNames.filter((host) => external.some((c) => certificateNames(c).some((n) => certificateNameCovers(n, host))))
      return { status: 'pass', summary: NAMES.coversAnyPool(required, named), evidence: items, fix: null }
    }
    return { status: 'pass', summary: NAMES.covers(required), evidence: items, fix: null }
  },
}

export const rootCaStoreHealthy: CheckDefinition<'root-ca-store-healthy'> = {
  id: 'root-ca-store-healthy',
  group: 'certificates',
  title: ROOT_STORE.title,
  explanation: ROOT_STORE.explanation,
  reads: ['root-store.json'],
  source: 'OPD RDCheckTooManyCertsRootCA, IDRootCACertificatesMisplaced (DOMAIN-FACTS §5 cause 17)',
  evaluate: ({ evidence }) => {
    if (evidence.rootStore.state !== 'collected') return unknownBecause('root-store.json', evidence.rootStore)
    const certs = evidence.rootStore.value
    const misplaced = certs.filter((c) => c.issuer.trim().toLowerCase() !== c.subject.trim().toLowerCase())
    const items = misplaced.slice(0, 10).map((c) => ({
      source: 'root-store.json',
      text: `Subject=${c.subject}  Issuer=${c.issuer}  Thumbprint=${c.thumbprint}`,
    }))
    items.unshift({ source: 'root-store.json', text: `Count=${certs.length}` })
    const moveCommand = moveIntermediateCertificates()
    if (certs.length > MAX_ROOT_CERTIFICATES) {
      return {
        status: 'fail',
        summary: ROOT_STORE.tooMany(certs.length, MAX_ROOT_CERTIFICATES),
        evidence: items,
        fix: {
          description: ROOT_STORE.pruneFix,
          ...fixCommands(countRootCertificates(), moveCommand),
          runOn: 'any',
          changesServer: true,
        },
      }
    }
    if (misplaced.length > 0) {
      return {
        status: 'warn',
        summary: ROOT_STORE.misplaced(misplaced.length),
        evidence: items,
        fix: {
          description: ROOT_STORE.moveFix,
          ...fixCommands(moveCommand),
          runOn: 'any',
          changesServer: true,
        },
      }
    }
    return { status: 'pass', summary: ROOT_STORE.healthy(certs.length), evidence: items, fix: null }
  },
}
