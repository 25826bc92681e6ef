/** manifest.json: what the collector ran, where, when, and how each command ended. */
import type { EvidenceManifest, ManifestFileEntry, ServerRole } from '../evidence-model'
import { createEmptyFileError, createShapeError, EvidenceParseError } from '../evidence-parse-error'
import { addWarning, PARSE_LIMITS, type ParseNotes } from '../parse-notes'
import {
  getPsProperty,
  parsePsJson,
  readPsDate,
  readPsNumber,
  readPsRecords,
  readPsSingleRecord,
  readPsString,
  readPsStringList,
  readPsText,
  type PsObject,
} from '../ps-json'
import { text } from '../../i18n/localized'
import { validateDomainName } from '../../validation/dns-name'

export const EVIDENCE_FORMAT = 'xmpp-edge-doctor/evidence'
export const EVIDENCE_FORMAT_VERSION = 1

/** Parses manifest.json; rejects another format or a newer version with a clear message. */
export function parseManifest(source: string, notes?: ParseNotes): EvidenceManifest {
  const value = parsePsJson(source, notes)
  if (value === undefined) throw createEmptyFileError()
  const object = readPsSingleRecord(value, notes)
  const format = readPsString(object, 'format')
  const version = readPsNumber(object, 'version')
  if (format !== EVIDENCE_FORMAT) {
    throw new EvidenceParseError(
      'unsupported-format',
      text(
        `manifest.json has format "${format ?? '(none)'}", expected "${EVIDENCE_FORMAT}".`,
        `manifest.json 的 format 是「${format ?? '（無）'}」，應為「${EVIDENCE_FORMAT}」。`,
      ),
    )
  }
  if (version !== EVIDENCE_FORMAT_VERSION) {
    throw new EvidenceParseError(
      'unsupported-format',
      text(
        `manifest.json has version ${version ?? '(none)'}; this program reads version ${EVIDENCE_FORMAT_VERSION}.`,
        `manifest.json 的版本是 ${version ?? '（無）'}；本程式只能讀取第 ${EVIDENCE_FORMAT_VERSION} 版。`,
      ),
    )
  }
  return {
    format: EVIDENCE_FORMAT,
    version: EVIDENCE_FORMAT_VERSION,
    host: readPsText(object, 'host') ?? '',
    role: toServerRole(readPsString(object, 'role')),
    collectedAt: readCollectedAt(object),
    sipDomains: readDomains(object, 'sipDomains'),
    xmppDomains: readDomains(object, 'xmppDomains'),
    collector: readPsText(object, 'collector') ?? '',
    files: readEntries(getPsProperty(object, 'files'), notes),
    ...readCollectionFacts(object),
  }
}

/** The optional fields newer collectors add (docs/evidence-format.md); absent ones stay absent. */
function readCollectionFacts(object: PsObject): Pick<EvidenceManifest, 'fqdn' | 'pool' | 'eventDays' | 'notes'> {
  const facts: { fqdn?: string | null; pool?: string | null; eventDays?: number | null; notes?: readonly string[] } = {}
  if (getPsProperty(object, 'fqdn') !== undefined) facts.fqdn = readPsText(object, 'fqdn')?.toLowerCase() ?? null
  if (getPsProperty(object, 'pool') !== undefined) facts.pool = readPsText(object, 'pool')?.toLowerCase() ?? null
  if (getPsProperty(object, 'eventDays') !== undefined) facts.eventDays = readPsNumber(object, 'eventDays')
  if (getPsProperty(object, 'notes') !== undefined) facts.notes = readPsStringList(object, 'notes')
  return facts
}

/**
 * The manifest's domains become check subjects, probe targets and fix command values, so they are held to the
 * rule `--domain` is (validateDomainName): one bad name makes the manifest unreadable, with the reason.
 */
function readDomains(object: PsObject, name: 'sipDomains' | 'xmppDomains'): string[] {
  return readPsStringList(object, name).map((domain) => {
    const checked = validateDomainName(domain)
    if (checked.ok) return checked.value
    throw new EvidenceParseError('unsafe-value', text(`${name}: ${checked.error.en}`, `${name}：${checked.error['zh-TW']}`))
  })
}

function readCollectedAt(object: PsObject): string {
  const collectedAt = readPsDate(object, 'collectedAt')
  if (collectedAt === null) {
    throw createShapeError(
      'manifest.json has no readable collectedAt (ISO 8601 or \\/Date(ms)\\/ expected).',
      'manifest.json 沒有可讀取的 collectedAt（應為 ISO 8601 或 \\/Date(ms)\\/）。',
    )
  }
  return collectedAt
}

function toServerRole(value: string | null): ServerRole {
  const lower = value?.trim().toLowerCase()
  if (lower === 'edge') return 'Edge'
  if (lower === 'frontend') return 'FrontEnd'
  return 'Unknown'
}

function readEntries(value: unknown, notes: ParseNotes | undefined): readonly ManifestFileEntry[] {
  const entries: ManifestFileEntry[] = []
  for (const record of readPsRecords(value, notes, PARSE_LIMITS.maxRecords)) {
    const name = readPsText(record, 'name')
    if (name === null) {
      addWarning(notes, 'skipped a files[] entry without a name')
      continue
    }
    entries.push({
      name,
      command: readPsString(record, 'command') ?? '',
      exitStatus: toExitStatus(readPsString(record, 'exitStatus'), name, notes),
      error: readPsText(record, 'error'),
      durationMs: readPsNumber(record, 'durationMs'),
      ...(getPsProperty(record, 'notes') === undefined ? {} : { notes: readPsStringList(record, 'notes') }),
    })
  }
  return entries
}

function toExitStatus(value: string | null, name: string, notes: ParseNotes | undefined): ManifestFileEntry['exitStatus'] {
  const lower = value?.trim().toLowerCase()
  if (lower === 'ok' || lower === 'failed' || lower === 'skipped') return lower
  addWarning(notes, `files[] entry "${name}" has exitStatus "${value ?? ''}"; treated as failed`)
  return 'failed'
}
