/**
 * topology.xml: `Get-CsTopology -AsXml`. Which element carries a site's XMPP route is not documented
 * (DOMAIN-FACTS §3 [U]), so this parser invents no structure: it lists every element or attribute that
 * mentions XMPP, and reads Edge pools only through the structure seen in public topology samples
 * (Clusters/Cluster[@Fqdn]/ClusterId, Services/Service/ServiceId[@RoleName] + InstalledOn/ClusterId).
 * Streaming (saxes), no DTD processing; a DOCTYPE that declares entities is refused.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import type { TopologySummary } from '../evidence-model'
import { createEmptyFileError, EvidenceParseError } from '../evidence-parse-error'
import { addWarning, PARSE_LIMITS, recordCut, type ParseNotes } from '../parse-notes'
import { text } from '../../i18n/localized'

const MAX_DEPTH = 128
const MAX_TEXT = 200
const TOPOLOGY_SLICE = 256 * 1024
// Topology elements carry a handful of attributes (Fqdn, SiteId, Number, RoleName, …).
const MAX_ATTRIBUTES = 256
// The Get-CsService identity prefix of an Edge pool is "EdgeServer:" (DOMAIN-FACTS §3); topology
// samples use the same role names in ServiceId/@RoleName ("Registrar", "UserServices").
const EDGE_ROLE_NAME = 'edgeserver'
const LABEL_ATTRIBUTES = ['Fqdn', 'SiteId', 'Name'] as const

interface Frame {
  readonly name: string
  label: string
  readonly attributes: Readonly<Record<string, string>>
  readonly isMention: boolean
  text: string
  /** Service frames: the role and the clusters it is installed on. */
  roleName?: string
  clusterKeys?: string[]
  /** Cluster frames: the pool FQDN. */
  fqdn?: string
}

interface Collector {
  readonly mentions: string[]
  readonly clusterFqdnByKey: Map<string, string>
  readonly edgeClusterKeys: Set<string>
  readonly siteNameById: Map<string, string>
  /** Machine FQDNs (lower case) of each cluster, by the cluster's FQDN: which pool a server is in. */
  readonly machinesByCluster: Map<string, string[]>
}

/** Parses topology.xml into XMPP mentions and Edge pools. */
export function parseTopology(source: string, notes?: ParseNotes): TopologySummary {
  if (source.trim() === '') throw createEmptyFileError()
  const collector: Collector = { mentions: [], clusterFqdnByKey: new Map(), edgeClusterKeys: new Set(), siteNameById: new Map(), machinesByCluster: new Map() }
  const stack: Frame[] = []
  let sawRoot = false
  const parser = new SaxesParser({ xmlns: false, position: true })
  parser.on('error', (error) => {
    throw new EvidenceParseError('bad-xml', text(`Not well-formed XML: ${error.message}`, `XML 格式不正確：${error.message}`))
  })
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) {
      throw new EvidenceParseError(
        'unsafe-xml',
        text('The XML declares entities in a DOCTYPE; refused for safety.', 'XML 在 DOCTYPE 中宣告了實體，基於安全理由拒絕讀取。'),
      )
    }
  })
  let elements = 0
  let attributes = 0
  parser.on('opentagstart', () => {
    attributes = 0
  })
  // Counted as they are read: saxes builds a tag's attributes before 'opentag', so a tag of millions of them
  // would cost seconds and gigabytes before any cap could look at it.
  parser.on('attribute', () => {
    if (++attributes > MAX_ATTRIBUTES) {
      throw new EvidenceParseError(
        'bad-xml',
        text(`An element has more than ${MAX_ATTRIBUTES} attributes; this is not a topology document.`, `有元素的屬性超過 ${MAX_ATTRIBUTES} 個；這不是拓撲文件。`),
      )
    }
  })
  parser.on('opentag', (tag) => {
    sawRoot = true
    elements++
    if (stack.length >= MAX_DEPTH) {
      throw new EvidenceParseError('bad-xml', text('The XML is nested too deeply.', 'XML 巢狀層級過深。'))
    }
    stack.push(openFrame(tag as SaxesTagPlain, stack, collector))
  })
  parser.on('text', (value) => {
    const frame = stack[stack.length - 1]
    if (frame && frame.text.length < MAX_TEXT) frame.text += value
  })
  parser.on('closetag', () => {
    const frame = stack.pop()
    if (frame) closeFrame(frame, stack, collector, notes)
  })
  // Fed in slices so that a huge file stops at the element cap instead of costing seconds per megabyte.
  let read = 0
  while (read < source.length) {
    if (elements >= PARSE_LIMITS.maxTopologyElements) {
      recordCut(notes, { unit: 'characters', read, total: source.length, order: 'first' })
      break
    }
    const next = Math.min(source.length, read + TOPOLOGY_SLICE)
    parser.write(source.slice(read, next))
    read = next
  }
  if (read >= source.length) parser.close()
  if (!sawRoot) throw createEmptyFileError()
  return { xmppMentions: collector.mentions, edgePools: listEdgePools(collector) }
}

function openFrame(tag: SaxesTagPlain, stack: readonly Frame[], collector: Collector): Frame {
  const name = localName(tag.name)
  const attributes: Record<string, string> = {}
  for (const [key, value] of Object.entries(tag.attributes)) attributes[localName(key)] = value
  const isMention =
    /xmpp/i.test(name) || Object.entries(attributes).some(([key, value]) => /xmpp/i.test(key) || /xmpp/i.test(value))
  const frame: Frame = { name, label: labelOf(name, attributes), attributes, isMention, text: '' }
  const parent = stack[stack.length - 1]
  if (name === 'Cluster' && attributes.Fqdn) frame.fqdn = attributes.Fqdn.toLowerCase()
  if (name === 'Service') frame.clusterKeys = []
  if (name === 'Machine' && parent?.name === 'Cluster' && parent.fqdn && attributes.Fqdn) {
    const machines = collector.machinesByCluster.get(parent.fqdn) ?? []
    machines.push(attributes.Fqdn.toLowerCase())
    collector.machinesByCluster.set(parent.fqdn, machines)
  }
  if (name === 'ServiceId' && parent?.name === 'Service') {
    parent.roleName = attributes.RoleName ?? ''
    parent.label = `Service[${attributes.RoleName ?? '?'}:${attributes.SiteId ?? '?'}:${attributes.Instance ?? '?'}]`
  }
  if (name === 'ClusterId') recordClusterId(attributes, stack, collector)
  return frame
}

function recordClusterId(attributes: Readonly<Record<string, string>>, stack: readonly Frame[], collector: Collector): void {
  const key = `${attributes.SiteId ?? ''}/${attributes.Number ?? ''}`
  const parent = stack[stack.length - 1]
  if (parent?.name === 'Cluster' && parent.fqdn) collector.clusterFqdnByKey.set(key, parent.fqdn)
  const grandparent = stack[stack.length - 2]
  if (parent?.name === 'InstalledOn' && grandparent?.name === 'Service') grandparent.clusterKeys?.push(key)
}

function closeFrame(frame: Frame, stack: readonly Frame[], collector: Collector, notes: ParseNotes | undefined): void {
  const parent = stack[stack.length - 1]
  if (frame.name === 'Service' && frame.roleName?.toLowerCase() === EDGE_ROLE_NAME) {
    for (const key of frame.clusterKeys ?? []) collector.edgeClusterKeys.add(key)
  }
  if (frame.name === 'Name' && parent?.name === 'CentralSite' && parent.attributes.SiteId) {
    collector.siteNameById.set(parent.attributes.SiteId, frame.text.trim())
  }
  if (frame.isMention) addMention(frame, stack, collector, notes)
}

function formatMention(frame: Frame, stack: readonly Frame[]): string {
  const path = [...stack.map((ancestor) => ancestor.label), frame.label].join('/')
  const attributes = Object.entries(frame.attributes)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ')
  const value = frame.text.trim()
  return `${path}${attributes ? `@${attributes}` : ''}${value ? ` = ${value}` : ''}`
}

function addMention(frame: Frame, stack: readonly Frame[], collector: Collector, notes: ParseNotes | undefined): void {
  if (collector.mentions.length >= PARSE_LIMITS.maxTopologyMentions) {
    if (notes && !notes.truncated) {
      notes.truncated = true
      addWarning(notes, `truncated: kept the first ${PARSE_LIMITS.maxTopologyMentions} XMPP mentions`)
    }
    return
  }
  // Formatted only when kept: the path joins every ancestor's label.
  const line = formatMention(frame, stack)
  const capped = line.length > PARSE_LIMITS.maxMentionLength ? `${line.slice(0, PARSE_LIMITS.maxMentionLength)}…` : line
  collector.mentions.push(capped)
}

function listEdgePools(collector: Collector): TopologySummary['edgePools'] {
  const pools = new Map<string, string | null>()
  for (const key of collector.edgeClusterKeys) {
    const fqdn = collector.clusterFqdnByKey.get(key)
    if (!fqdn || pools.has(fqdn)) continue
    const siteNumber = key.split('/')[0] ?? ''
    const siteName = collector.siteNameById.get(siteNumber)
    // Get-CsService prints SiteId as "Site:<name>"; use that form when the site's name is known.
    pools.set(fqdn, siteName ? `Site:${siteName}` : siteNumber || null)
  }
  return [...pools].map(([fqdn, siteId]) => ({ fqdn, siteId, machines: collector.machinesByCluster.get(fqdn) ?? [] }))
}

function labelOf(name: string, attributes: Readonly<Record<string, string>>): string {
  const key = LABEL_ATTRIBUTES.find((attribute) => attributes[attribute])
  return key ? `${name}[${key}=${attributes[key]}]` : name
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':')
  return colon < 0 ? qualified : qualified.slice(colon + 1)
}
