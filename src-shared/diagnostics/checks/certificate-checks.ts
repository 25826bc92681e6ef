/**
 * The external edge certificate (present, in date, names cover every XMPP domain, sip.<domain> and the access
 * edge FQDN) and the health of the Trusted Root store. DOC-SETUP steps 6–22, DOC-CERT, OPD RDCheckEdgeCerts,
 * OPD RDCheckTooManyCertsRootCA / IDRootCACertificatesMisplaced.
 */
import type { CheckDefinition, EvidenceItem, Fix } from '../check-types'
import type { Evidence, LyncCertificate } from '../../evidence/evidence-model'
import { text } from '../../i18n/localized'
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

/** Request, import and assign a new certificate naming `names`, then restart (DOC-SETUP steps 17–22; PS/Request-CsCertificate). */
function replaceCertificateFix(evidence: Evidence, domains: readonly string[]): Fix {
  const names = [...new Set([...requestedAccessEdgeFqdns(evidence), ...domainsUnderTest(evidence, domains)])]
  return {
  description: text(
    'Request a new external edge certificate (Deployment Wizard on the Edge → Step 3: Request, Install, or Assign Certificates → External Edge certificate), include sip.<domain> and <domain> as subject alternative names, assign it, then restart the Edge services.',
    '申請新的外部 Edge 憑證（Edge 上的部署精靈 → 步驟 3：要求、安裝或指派憑證 → 外部 Edge 憑證），主體別名須包含 sip.<網域> 與 <網域>，指派後重新啟動 Edge 服務。',
  ),
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
  title: text('External edge certificate present and in date', '外部 Edge 憑證存在且在有效期內'),
  explanation: text(
    'Partners negotiate TLS with the certificate assigned to the Access Edge external interface (Use AccessEdgeExternal). The services load it only when they start.',
    '夥伴會使用指派給 Access Edge 外部介面的憑證（用途 AccessEdgeExternal）進行 TLS 交涉。服務只在啟動時載入憑證。',
  ),
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
        summary: text('No certificate is assigned to AccessEdgeExternal.', '沒有任何憑證指派給 AccessEdgeExternal。'),
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
        summary:
          expired.length > 0
            ? text(`The external edge certificate expired on ${bad?.notAfter}.`, `外部 Edge 憑證已於 ${bad?.notAfter} 到期。`)
            : text(`The external edge certificate is not valid before ${bad?.notBefore}.`, `外部 Edge 憑證在 ${bad?.notBefore} 之前無效。`),
        evidence: items,
        fix: replaceCertificateFix(evidence, domains),
      }
    }
    const stale = certificateNewerThanProxy(evidence, external)
    if (stale) {
      return {
        status: 'warn',
        reason: 'proxy-started-before-certificate',
        summary: text(
          `The XMPP proxy process started at ${stale.startedAt}, before this certificate was issued (${stale.cert.notBefore}): it cannot be using it. Restart the Edge services after assigning a certificate.`,
          `XMPP Proxy 處理程序於 ${stale.startedAt} 啟動，早於此憑證的發行時間（${stale.cert.notBefore}）：它不可能正在使用此憑證。指派憑證後請重新啟動 Edge 服務。`,
        ),
        evidence: [...items, { source: 'services.json', text: `${stale.serviceName} ProcessStartTime=${stale.startedAt}` }],
        fix: {
          description: text('Restart the Lync services on the Edge so they load the assigned certificate (Setting up step 22).', '重新啟動 Edge 上的 Lync 服務，讓服務載入已指派的憑證（設定步驟 22）。'),
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
        summary: text(
          `The external edge certificate expires in ${days} day(s) (${soon[0]?.notAfter}).`,
          `外部 Edge 憑證將在 ${days} 天後到期（${soon[0]?.notAfter}）。`,
        ),
        evidence: items,
        fix: replaceCertificateFix(evidence, domains),
      }
    }
    // Said on a pass so the setup checklist can verify step 22 (restarted after assigning) from the result alone.
    const restarted = proxyStartedAfterCertificates(evidence, external)
    return {
      status: 'pass',
      ...(restarted ? { reason: 'proxy-started-after-certificate' } : {}),
      summary: text(
        `Valid until ${external.map((c) => c.notAfter).join(', ')}.${restarted ? ` The XMPP proxy process started after it was issued (${restarted.startedAt}), so it has loaded it.` : ''}`,
        `有效期限至 ${external.map((c) => c.notAfter).join('、')}。${restarted ? `XMPP Proxy 處理程序在憑證發行之後啟動（${restarted.startedAt}），因此已載入此憑證。` : ''}`,
      ),
      evidence: restarted ? [...items, restarted.item] : items,
      fix: null,
    }
  },
}

export const edgeCertificateNames: CheckDefinition<'edge-certificate-names'> = {
  id: 'edge-certificate-names',
  group: 'certificates',
  title: text('Certificate names cover the XMPP domains', '憑證名稱涵蓋 XMPP 網域'),
  explanation: text(
    'XMPP partners check the certificate against the bare domain (contoso.com), not the host name (RFC 6125/7590). The external edge certificate needs <domain> and sip.<domain> for every XMPP domain, and the Access Edge external FQDN of this Edge\'s own pool (other pools\' names belong on their own certificates).',
    'XMPP 夥伴會以網域本身（例如 contoso.com）而非主機名稱驗證憑證（RFC 6125/7590）。外部 Edge 憑證必須包含每個 XMPP 網域的 <網域> 與 sip.<網域>，以及此 Edge 所屬集區的 Access Edge 外部 FQDN（其他集區的名稱屬於它們自己的憑證）。',
  ),
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
        summary: text('No domain to check: pass --domain or collect with -Domain.', '沒有可檢查的網域：請指定 --domain，或在收集時使用 -Domain。'),
        evidence: external.map(certificateEvidence),
        fix: null,
      }
    }
    const edgeNames = ownAccessEdgeFqdns(evidence)
    // One candidate: this pool's name is required. Several (our pool unknown): any one of them will do.
    const required = [...new Set([...xmppDomains, ...xmppDomains.map((d) => `sip.${d}`), ...(edgeNames.length === 1 ? edgeNames : [])])]
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
        summary: text(
          `The external edge certificate does not cover: ${missing.join(', ')}.`,
          `外部 Edge 憑證未涵蓋：${missing.join('、')}。`,
        ),
        evidence: [...poolEvidence(evidence), ...external.map(certificateEvidence)],
        fix: replaceCertificateFix(evidence, domains),
      }
    }
    const items = [...poolEvidence(evidence), ...external.map(certificateEvidence)]
    if (edgeNames.length > 1) {
      const named = edgeNames.filter((host) => external.some((c) => certificateNames(c).some((n) => certificateNameCovers(n, host))))
      return {
        status: 'pass',
        summary: text(
          `Covers ${required.join(', ')} and ${named.join(', ')} (this Edge's pool was not recorded, so any pool's Access Edge name is accepted).`,
          `涵蓋 ${required.join('、')} 與 ${named.join('、')}（未記錄此 Edge 所屬的集區，因此接受任一集區的 Access Edge 名稱）。`,
        ),
        evidence: items,
        fix: null,
      }
    }
    return {
      status: 'pass',
      summary: text(`Covers ${required.join(', ')}.`, `涵蓋 ${required.join('、')}。`),
      evidence: items,
      fix: null,
    }
  },
}

export const rootCaStoreHealthy: CheckDefinition<'root-ca-store-healthy'> = {
  id: 'root-ca-store-healthy',
  group: 'certificates',
  title: text('Trusted Root store healthy', '受信任的根憑證存放區正常'),
  explanation: text(
    'Too many certificates (over 100) or non-self-signed certificates in the Trusted Root store break MTLS between Front End and Edge.',
    '受信任的根憑證存放區中憑證過多（超過 100 張）或含有非自我簽署的憑證，會使前端與 Edge 之間的 MTLS 失敗。',
  ),
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
        summary: text(
          `${certs.length} certificates in the Trusted Root store (more than ${MAX_ROOT_CERTIFICATES}).`,
          `受信任的根憑證存放區中有 ${certs.length} 張憑證（超過 ${MAX_ROOT_CERTIFICATES} 張）。`,
        ),
        evidence: items,
        fix: {
          description: text(
            'Remove root certificates this server does not need, and move intermediate certificates to the Intermediate Certification Authorities store.',
            '移除此伺服器不需要的根憑證，並將中繼憑證移至「中繼憑證授權單位」存放區。',
          ),
          ...fixCommands(countRootCertificates(), moveCommand),
          runOn: 'any',
          changesServer: true,
        },
      }
    }
    if (misplaced.length > 0) {
      return {
        status: 'warn',
        summary: text(
          `${misplaced.length} non-self-signed certificate(s) in the Trusted Root store.`,
          `受信任的根憑證存放區中有 ${misplaced.length} 張非自我簽署的憑證。`,
        ),
        evidence: items,
        fix: {
          description: text(
            'Move intermediate (non-self-signed) certificates to the Intermediate Certification Authorities store.',
            '將中繼（非自我簽署）憑證移至「中繼憑證授權單位」存放區。',
          ),
          ...fixCommands(moveCommand),
          runOn: 'any',
          changesServer: true,
        },
      }
    }
    return {
      status: 'pass',
      summary: text(`${certs.length} certificates, all self-signed roots.`, `共 ${certs.length} 張憑證，全部為自我簽署的根憑證。`),
      evidence: items,
      fix: null,
    }
  },
}
