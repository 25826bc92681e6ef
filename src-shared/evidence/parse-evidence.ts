/**
 * Raw evidence files → the typed Evidence model. Never throws for bad content: each file becomes
 * collected, missing (not there, or the collector recorded that its command failed) or unparseable
 * (with the reason), and a FileDiagnostic says what was read and how.
 */
import type { Localized } from '../i18n/localized'
import { text } from '../i18n/localized'
import { decodeText, type TextEncodingName } from './decode-text'
import type {
  Collected,
  Evidence,
  EvidenceFileName,
  EvidenceManifest,
  ManifestFileEntry,
  RawEvidenceFiles,
  ReadCut,
} from './evidence-model'
import { isEvidenceParseError, type EvidenceParseErrorKind } from './evidence-parse-error'
import { createParseNotes, type ParseNotes } from './parse-notes'
import { parseAccessEdge } from './parsers/access-edge'
import { parseCertificates } from './parsers/certificates'
import { parseDnsA } from './parsers/dns-a'
import { parseDnsSrv } from './parsers/dns-srv'
import { parseEdgeServices } from './parsers/edge-services'
import { parseEvents } from './parsers/events'
import { parseExternalAccessPolicies } from './parsers/external-access-policies'
import { parseManifest } from './parsers/manifest'
import { parseNetstat } from './parsers/netstat'
import { parsePolicyGrants } from './parsers/policy-grants'
import { parseReplication } from './parsers/replication'
import { parseRootStore } from './parsers/root-store'
import { parseServerVersion } from './parsers/server-version'
import { parseServices } from './parsers/services'
import { parseSites } from './parsers/sites'
import { parseTasklist } from './parsers/tasklist'
import { parseTopology } from './parsers/topology'
import { parseXmppGateway } from './parsers/xmpp-gateway'
import { parseXmppPartners } from './parsers/xmpp-partners'

/** What happened to one evidence file, for the diagnostics panel and `--verbose` output. */
export interface FileDiagnostic {
  readonly file: EvidenceFileName
  readonly state: Collected<unknown>['state']
  /** The text encoding detected; null when the file was not decoded (missing). */
  readonly encoding: TextEncodingName | null
  readonly bytes: number
  /** English error text for an unparseable file, or the missing reason the manifest gave. */
  readonly error?: string
  readonly message?: Localized
  /** Why an unparseable file could not be read (EvidenceParseError's kind); absent for a parser bug. */
  readonly errorKind?: EvidenceParseErrorKind
  readonly warnings: readonly string[]
  readonly truncated: boolean
  /** Set when a reading cap left records or lines out. */
  readonly cut?: ReadCut
}

export interface ParsedEvidence {
  readonly evidence: Evidence
  readonly diagnostics: readonly FileDiagnostic[]
}

type Parser<T> = (source: string, notes?: ParseNotes) => T

/** What the reader should look for first when a cap has to leave records out. */
export interface ParseEvidenceOptions {
  /** Partner domains the user asked about (`--partner`): their records are kept first. */
  readonly partners?: readonly string[]
}

/** Parses every evidence file; never throws for bad content. */
export function parseEvidence(files: RawEvidenceFiles, options: ParseEvidenceOptions = {}): ParsedEvidence {
  const diagnostics: FileDiagnostic[] = []
  const manifest = parseOne(files, 'manifest.json', parseManifest, undefined, diagnostics)
  const entries = manifest.state === 'collected' ? manifest.value.files : []
  const read = <T>(file: EvidenceFileName, parser: Parser<T>): Collected<T> =>
    parseOne(files, file, parser, findEntry(entries, file), diagnostics)
  const evidence: Evidence = {
    manifest,
    serverVersion: read('server-version.txt', parseServerVersion),
    services: read('services.json', parseServices),
    netstat: read('netstat.txt', parseNetstat),
    tasklist: read('tasklist.csv', parseTasklist),
    events: read('events.json', parseEvents),
    sites: read('sites.json', parseSites),
    topology: read('topology.xml', parseTopology),
    edgeServices: read('edge-services.json', parseEdgeServices),
    accessEdge: read('access-edge.json', parseAccessEdge),
    externalAccessPolicies: read('external-access-policies.json', parseExternalAccessPolicies),
    policyGrants: read('policy-grants.json', parsePolicyGrants),
    xmppPartners: read('xmpp-partners.json', (source, notes) => parseXmppPartners(source, notes, { priorityDomains: options.partners ?? [] })),
    xmppGateway: read('xmpp-gateway.json', parseXmppGateway),
    certificates: read('certificates.json', parseCertificates),
    rootStore: read('root-store.json', parseRootStore),
    replication: read('replication.json', parseReplication),
    dnsSrv: read('dns-srv.json', parseDnsSrv),
    dnsA: read('dns-a.json', parseDnsA),
  }
  return { evidence, diagnostics }
}

function parseOne<T>(
  files: RawEvidenceFiles,
  file: EvidenceFileName,
  parser: Parser<T>,
  entry: ManifestFileEntry | undefined,
  diagnostics: FileDiagnostic[],
): Collected<T> {
  const bytes = files.get(file)
  const size = bytes?.length ?? 0
  // The collector's word wins: a failed command's partial output is not evidence of anything.
  if (entry && entry.exitStatus !== 'ok' && (entry.exitStatus === 'failed' || !bytes)) {
    const reason = describeEntry(entry)
    diagnostics.push({ file, state: 'missing', encoding: null, bytes: size, error: reason, warnings: [], truncated: false })
    return { state: 'missing', reason }
  }
  if (!bytes) {
    diagnostics.push({ file, state: 'missing', encoding: null, bytes: 0, warnings: [], truncated: false })
    return { state: 'missing' }
  }
  const notes = createParseNotes()
  let encoding: TextEncodingName | null = null
  try {
    const decoded = decodeText(bytes)
    encoding = decoded.encoding
    if (decoded.replacedCharacters > 0) {
      notes.warnings.push(`${decoded.replacedCharacters} characters could not be decoded and were replaced`)
    }
    const value = parser(decoded.text, notes)
    const cut = notes.cut ? { cut: notes.cut } : {}
    diagnostics.push({ file, state: 'collected', encoding, bytes: size, warnings: notes.warnings, truncated: notes.truncated, ...cut })
    return notes.truncated ? { state: 'collected', value, truncated: true, ...cut } : { state: 'collected', value }
  } catch (error) {
    const message = describeError(file, error)
    diagnostics.push({
      file,
      state: 'unparseable',
      encoding,
      bytes: size,
      error: message.en,
      message,
      ...(isEvidenceParseError(error) ? { errorKind: error.kind } : {}),
      warnings: notes.warnings,
      truncated: notes.truncated,
    })
    return { state: 'unparseable', error: message.en, message }
  }
}

function findEntry(entries: EvidenceManifest['files'], file: EvidenceFileName): ManifestFileEntry | undefined {
  return entries.find((entry) => entry.name.toLowerCase() === file)
}

function describeEntry(entry: ManifestFileEntry): string {
  if (entry.error) return entry.error
  return entry.exitStatus === 'skipped' ? `skipped by the collector: ${entry.command}` : `command failed: ${entry.command}`
}

// Parser errors carry their own Localized text; anything else is a bug in a parser, reported the same way
// so one file's surprise never stops the others.
function describeError(file: EvidenceFileName, error: unknown): Localized {
  if (isEvidenceParseError(error)) {
    return text(`${file}: ${error.localized.en}`, `${file}：${error.localized['zh-TW']}`)
  }
  const detail = error instanceof Error ? error.message : String(error)
  return text(`${file}: could not be read (${detail}).`, `${file}：無法讀取（${detail}）。`)
}
