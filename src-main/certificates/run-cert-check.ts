/**
 * The certificate preflight end to end, shared by `cert-check` and the app: read the file, find the names
 * it must cover (the evidence's Access Edge external FQDN, else sip.<domain>, plus every XMPP domain), build
 * the chain, judge every rule.
 */
import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { text } from '../../src-shared/i18n/localized'
import { readCertificateFacts, type CertificateFacts, type PublicKeyFacts } from '../../src-shared/certificates/certificate-facts'
import { judgeCertificate, type RequiredName } from '../../src-shared/certificates/cert-check-rules'
import { CERT_CHECK_FORMAT, type CertCheckReport } from '../../src-shared/certificates/cert-check-report'
import { listPresentedIdentifiers } from '../../src-shared/probe/certificate-identity'
import { accessEdgeFqdns, domainsUnderTest, thisEdgePool } from '../../src-shared/diagnostics/evidence-access'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import { validateDomainName } from '../../src-shared/validation/dns-name'
import { readEvidence } from '../evidence-io/read-evidence'
import { buildTrustedChain } from './chain-trust'
import type { MachineStoreTrust } from './machine-store-trust'
import { CertInputError, MAX_CERTIFICATE_FILE_BYTES, readCertificateInput } from './certificate-input'

/** What to check. The password is only passed through to the PFX reader, never stored or printed. */
export interface CertCheckRequest {
  readonly path: string
  readonly domains: readonly string[]
  readonly password?: string
  readonly caFiles?: readonly string[]
  readonly evidencePath?: string
  readonly now?: Date
  /** On Windows, reads Cert:\LocalMachine\Root and CA (machine-store-trust.ts); absent elsewhere. */
  readonly readMachineStore?: () => Promise<MachineStoreTrust>
}

/** Runs the preflight. Throws {@link CertInputError} (or EvidenceInputError) for input that cannot be checked. */
export async function runCertCheck(request: CertCheckRequest): Promise<CertCheckReport> {
  const now = request.now ?? new Date()
  const evidence = request.evidencePath ? parseEvidence((await readEvidence(request.evidencePath)).files).evidence : null
  const domains = checkDomains(evidence ? domainsUnderTest(evidence, request.domains) : request.domains)
  if (domains.length === 0) {
    throw new CertInputError('not-a-certificate', text('Give at least one XMPP domain with --domain (the evidence names none).', '請至少以 --domain 指定一個 XMPP 網域（證據中沒有列出）。'))
  }
  // This Edge's own pool's name: another pool's Access Edge name belongs on that pool's certificate.
  const own = evidence ? thisEdgePool(evidence)?.accessEdgeExternalFqdn?.toLowerCase() : undefined
  const edgeFqdns = own ? [own] : evidence ? accessEdgeFqdns(evidence) : []
  const names: RequiredName[] = [
    ...(edgeFqdns.length > 0
      ? edgeFqdns.map((name): RequiredName => ({ name, role: 'access-edge-fqdn', from: 'evidence' }))
      : domains.map((d): RequiredName => ({ name: `sip.${d}`, role: 'access-edge-fqdn', from: 'sip-default' }))),
    ...domains.map((name): RequiredName => ({ name, role: 'xmpp-domain', from: 'domain' })),
  ]
  const input = readCertificateInput(request.path, request.password ?? '')
  const caFiles = request.caFiles ?? []
  const store = await readStore(request.readMachineStore)
  const chain = buildTrustedChain(input.leaf, input.others, caFiles.map(readCaFile), undefined, store.trust)
  const leaf = readCertificateFacts(input.leaf)
  const verdict = judgeCertificate({
    leaf,
    intermediates: chain.intermediates.map((der) => readCertificateFacts(der)),
    chain: chain.verdict,
    names: dedupe(names),
    privateKey: input.privateKey,
    now,
  })
  return {
    format: CERT_CHECK_FORMAT,
    version: 1,
    ready: verdict.ready,
    file: request.path,
    fileFormat: input.format,
    checkedAt: now.toISOString(),
    certificate: summarize(leaf, input.leaf),
    names: verdict.names,
    rules: verdict.rules,
    pfx: input.pfx,
    trust: { roots: 'node-bundled', windowsMachineStore: store.state, caFiles },
  }
}

/** The machine store when there is one; a failure to read it is reported, not fatal (Node's roots still apply). */
async function readStore(read: CertCheckRequest['readMachineStore']): Promise<{ trust: MachineStoreTrust | null; state: CertCheckReport['trust']['windowsMachineStore'] }> {
  if (!read) return { trust: null, state: 'not-read' }
  try {
    return { trust: await read(), state: 'read' }
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    return { trust: null, state: { failed: why.slice(0, 300) } }
  }
}

function checkDomains(domains: readonly string[]): string[] {
  return [...new Set(domains.map((value) => {
    const checked = validateDomainName(value)
    if (!checked.ok) throw new CertInputError('not-a-certificate', text(`Domain ${JSON.stringify(value)}: ${checked.error.en}`, `網域 ${JSON.stringify(value)}：${checked.error['zh-TW']}`))
    return checked.value
  }))]
}

/** One entry per role and name (an evidence FQDN may equal sip.<domain>, two domains may be given twice). */
function dedupe(names: readonly RequiredName[]): RequiredName[] {
  const byKey = new Map<string, RequiredName>()
  for (const name of names) if (!byKey.has(`${name.role}:${name.name}`)) byKey.set(`${name.role}:${name.name}`, name)
  return [...byKey.values()]
}

function readCaFile(path: string): string {
  try {
    const stat = statSync(path)
    if (!stat.isFile() || stat.size > MAX_CERTIFICATE_FILE_BYTES) throw new Error(stat.isFile() ? 'larger than 1 MiB' : 'not a regular file')
    const pem = readFileSync(path, 'latin1')
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM certificate in it')
    return pem
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new CertInputError('unreadable', text(`--ca-file ${path}: ${why}`, `--ca-file ${path}：${why}`))
  }
}

function summarize(facts: CertificateFacts, der: Uint8Array): CertCheckReport['certificate'] {
  return {
    subject: facts.subject,
    issuer: facts.issuer,
    notBefore: facts.notBefore.toISOString(),
    notAfter: facts.notAfter.toISOString(),
    signatureAlgorithm: facts.signature.name,
    publicKey: describeKey(facts.publicKey),
    thumbprint: createHash('sha1').update(der).digest('hex').toUpperCase(),
    identifiers: listPresentedIdentifiers(facts.identifiers),
  }
}

function describeKey(key: PublicKeyFacts): string {
  if (key.kind === 'rsa') return `RSA ${key.bits}`
  if (key.kind === 'ec') return `ECDSA ${key.curve ?? key.curveOid ?? ''}`.trim()
  return key.oid
}
