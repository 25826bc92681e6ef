/**
 * Compares two configuration snapshots of the same host: what was added, removed or changed in each
 * section, and which services restarted. Values are shown verbatim (never translated); section titles
 * and change kinds are Localized (kinds in report-labels.ts).
 */
import { text, type Localized } from '../i18n/localized'
import { socketKey, type ConfigSnapshot } from './config-snapshot'

export const SNAPSHOT_SECTIONS = [
  'productVersion',
  'certificates',
  'route',
  'partners',
  'policies',
  'services',
  'listeningSockets',
  'dnsAnswers',
  'events',
] as const
export type SnapshotSection = (typeof SNAPSHOT_SECTIONS)[number]

/** Section titles as reports and the app show them. */
export const SNAPSHOT_SECTION_TITLES: Readonly<Record<SnapshotSection, Localized>> = {
  productVersion: text('Product version', '產品版本'),
  certificates: text('Certificates', '憑證'),
  route: text('XMPP federation route', 'XMPP 同盟路由'),
  partners: text('XMPP partners and negotiation', 'XMPP 合作夥伴與交涉設定'),
  policies: text('Policies and Access Edge settings', '原則與 Access Edge 設定'),
  services: text('Services', '服務'),
  listeningSockets: text('Listening sockets', '接聽中的通訊端'),
  dnsAnswers: text('DNS answers', 'DNS 回應'),
  events: text('New event ids', '新的事件識別碼'),
}

/**
 * 'restarted': a service's process start time moved (field `startedAt`), told apart from 'changed'
 * (a state, start type or process id that differs), because a restart alone changes no setting.
 */
export type ChangeKind = 'added' | 'removed' | 'changed' | 'restarted'

/** One difference. `field` is null when a whole entry was added or removed. */
export interface SnapshotChange {
  readonly section: SnapshotSection
  readonly kind: ChangeKind
  /** Which entry: a certificate use, a partner domain, "TCP 10.0.0.5:23456", a DNS query … */
  readonly key: string
  readonly field: string | null
  readonly before: string | null
  readonly after: string | null
}

export interface SnapshotDiff {
  readonly changes: readonly SnapshotChange[]
  /** Sections collected on one side only (or neither): nothing can be said about them. */
  readonly notComparable: readonly SnapshotSection[]
}

type FieldValues = Readonly<Record<string, string | null>>
type Part = ReadonlyMap<string, FieldValues> | null

/** Lists every difference from `before` (the last healthy run) to `after` (this run). */
export function diffSnapshots(before: ConfigSnapshot, after: ConfigSnapshot): SnapshotDiff {
  const changes: SnapshotChange[] = []
  const notComparable: SnapshotSection[] = []
  for (const section of SNAPSHOT_SECTIONS) {
    const beforeParts = flattenSection(before, section)
    const afterParts = flattenSection(after, section)
    let comparable = false
    beforeParts.forEach((beforePart, index) => {
      const afterPart = afterParts[index] ?? null
      if (beforePart === null || afterPart === null) return
      comparable = true
      changes.push(...diffPart(section, beforePart, afterPart))
    })
    if (!comparable) notComparable.push(section)
  }
  return { changes, notComparable }
}

function diffPart(section: SnapshotSection, before: ReadonlyMap<string, FieldValues>, after: ReadonlyMap<string, FieldValues>): SnapshotChange[] {
  const changes: SnapshotChange[] = []
  for (const [key, afterFields] of after) {
    const beforeFields = before.get(key)
    if (!beforeFields) {
      changes.push({ section, kind: 'added', key, field: null, before: null, after: describeFields(afterFields) })
      continue
    }
    for (const field of Object.keys({ ...beforeFields, ...afterFields })) {
      const was = beforeFields[field] ?? null
      const now = afterFields[field] ?? null
      if (was === now) continue
      if (section === 'services' && field === 'startedAt') {
        // Only two known times prove a restart. One side null (older evidence without the column, or no
        // process on one side) says nothing: a stop or start already shows as a status change.
        if (was !== null && now !== null) changes.push({ section, kind: 'restarted', key, field, before: was, after: now })
        continue
      }
      changes.push({ section, kind: 'changed', key, field, before: was, after: now })
    }
  }
  // Events: only new ids matter; an event that stopped appearing is no news.
  if (section !== 'events') {
    for (const [key, beforeFields] of before) {
      if (!after.has(key)) changes.push({ section, kind: 'removed', key, field: null, before: describeFields(beforeFields), after: null })
    }
  }
  return changes
}

function describeFields(fields: FieldValues): string {
  return Object.entries(fields)
    .filter(([, value]) => value !== null && value !== '')
    .map(([field, value]) => `${field}=${value}`)
    .join(' ')
}

/** Turns a section into keyed field maps; a null part was not collected. */
function flattenSection(snapshot: ConfigSnapshot, section: SnapshotSection): readonly Part[] {
  switch (section) {
    case 'productVersion':
      return [new Map([['product', { version: snapshot.productVersion }]])]
    case 'certificates':
      return [
        keyed(snapshot.certificates, (c) => c.use, (c) => ({
          thumbprint: c.thumbprint,
          subject: c.subject,
          names: c.names.join(', '),
          notAfter: c.notAfter,
        })),
      ]
    case 'route':
      return [
        keyed(snapshot.route.sites, (s) => `site ${s.site}`, (s) => ({ xmppFederationRoute: s.xmppFederationRoute })),
        keyed(snapshot.route.edgePools, (e) => `edge ${e.identity}`, (e) => ({
          accessEdgeExternalFqdn: e.accessEdgeExternalFqdn,
          xmppListeningPort: numberText(e.xmppListeningPort),
          xmppInternalPort: numberText(e.xmppInternalPort),
        })),
      ]
    case 'partners':
      return [
        keyed(snapshot.partners, (p) => p.domain, (p) => ({
          additionalDomains: p.additionalDomains.join(', '),
          partnerType: p.partnerType,
          tlsNegotiation: p.tlsNegotiation,
          saslNegotiation: p.saslNegotiation,
          supportDialbackNegotiation: booleanText(p.supportDialbackNegotiation),
          enableKeepAlive: booleanText(p.enableKeepAlive),
          proxyFqdn: p.proxyFqdn,
        })),
      ]
    case 'policies':
      return [
        keyed(snapshot.policies.externalAccess, (p) => `policy ${p.identity}`, (p) => ({
          enableFederationAccess: booleanText(p.enableFederationAccess),
          enableXmppAccess: booleanText(p.enableXmppAccess),
          enablePublicCloudAccess: booleanText(p.enablePublicCloudAccess),
          enableOutsideAccess: booleanText(p.enableOutsideAccess),
        })),
        snapshot.policies.accessEdge
          ? new Map([
              [
                'access edge',
                {
                  allowFederatedUsers: booleanText(snapshot.policies.accessEdge.allowFederatedUsers),
                  allowOutsideUsers: booleanText(snapshot.policies.accessEdge.allowOutsideUsers),
                  enablePartnerDiscovery: booleanText(snapshot.policies.accessEdge.enablePartnerDiscovery),
                  useDnsSrvRouting: booleanText(snapshot.policies.accessEdge.useDnsSrvRouting),
                },
              ],
            ])
          : null,
      ]
    case 'services':
      return [
        keyed(snapshot.services, (s) => s.name, (s) => ({
          status: s.status,
          startType: s.startType,
          processId: numberText(s.processId),
          startedAt: s.startedAt,
        })),
      ]
    case 'listeningSockets':
      return [keyed(snapshot.listeningSockets, socketKey, (s) => ({ pid: String(s.pid) }))]
    case 'dnsAnswers':
      return [
        keyed(snapshot.dnsAnswers, (d) => `${d.type} ${d.query}`, (d) => ({
          answers: d.answers.join('; '),
          error: d.error,
        })),
      ]
    case 'events':
      return [
        keyed(snapshot.events, (e) => `${e.id} ${e.providerName}`, (e) => ({ count: String(e.count), lastSeen: e.lastSeen })),
      ]
  }
}

function keyed<T>(items: readonly T[] | null, key: (item: T) => string, fields: (item: T) => FieldValues): Part {
  if (items === null) return null
  const map = new Map<string, FieldValues>()
  for (const item of items) {
    // Two entries with one key (two certificates for the same use): keep both, numbered.
    let k = key(item)
    for (let n = 2; map.has(k); n++) k = `${key(item)} #${n}`
    map.set(k, fields(item))
  }
  return map
}

function booleanText(value: boolean | null): string | null {
  return value === null ? null : value ? 'True' : 'False'
}

function numberText(value: number | null): string | null {
  return value === null ? null : String(value)
}
