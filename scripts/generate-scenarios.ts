/**
 * Writes tests/scenarios/<name>/ from the two healthy fixture folders (tests/fixtures/evidence/healthy-*) by
 * small, named edits of the raw files, so each failure mode differs from a healthy server in exactly the way
 * it would on a real one. Files keep the encoding Windows wrote (UTF-16LE BOM, UTF-8 BOM, …) unless a scenario
 * re-encodes them (Big5 console text of a zh-TW server, through Debian's iconv: needed only to regenerate).
 *
 *   npx tsx scripts/generate-scenarios.ts
 *
 * The outputs are committed; the scenario tests read them, not this script.
 */
import { execFileSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import type { ScenarioInfo } from '../src-shared/scenarios/scenario-types'
import { text } from '../src-shared/i18n/localized'

type Encoding = 'utf16le-bom' | 'utf8-bom' | 'utf8' | 'big5'
type Files = Map<string, { text: string; encoding: Encoding }>
type Edit = (files: Files) => void

const FIXTURES = 'tests/fixtures/evidence'
const OUT = 'tests/scenarios'

function decode(bytes: Buffer): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.subarray(2).toString('utf16le'), encoding: 'utf16le-bom' }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf8-bom' }
  return { text: bytes.toString('utf8'), encoding: 'utf8' }
}

function encode(value: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(value, 'utf16le')])
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(value, 'utf8')])
    case 'utf8':
      return Buffer.from(value, 'utf8')
    case 'big5':
      // Node has no Big5 encoder; Debian's iconv does it (CP950 is Big5 plus extensions).
      return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'BIG5'], { input: Buffer.from(value, 'utf8') })
  }
}

async function readBase(name: string): Promise<Files> {
  const dir = join(FIXTURES, name)
  const files: Files = new Map()
  for (const file of await fs.readdir(dir)) files.set(file, decode(await fs.readFile(join(dir, file))))
  return files
}

function get(files: Files, name: string): string {
  const f = files.get(name)
  if (!f) throw new Error(`base has no ${name}`)
  return f.text
}

/** Replaces text in one file; throws when the pattern is absent, so a stale edit cannot silently do nothing. */
function replace(name: string, from: string | RegExp, to: string): Edit {
  return (files) => {
    const before = get(files, name)
    const after = before.replace(from, to)
    if (after === before) throw new Error(`${name}: pattern ${String(from)} not found`)
    files.get(name)!.text = after
  }
}

function setText(name: string, value: string, encoding?: Encoding): Edit {
  return (files) => {
    const existing = files.get(name)
    files.set(name, { text: value, encoding: encoding ?? existing?.encoding ?? 'utf8-bom' })
  }
}

function dropLines(name: string, pattern: RegExp): Edit {
  return (files) => {
    const lines = get(files, name).split('\r\n')
    const kept = lines.filter((l) => !pattern.test(l))
    if (kept.length === lines.length) throw new Error(`${name}: no line matches ${String(pattern)}`)
    files.get(name)!.text = kept.join('\r\n')
  }
}

/** Removes a file and records in the manifest that its command failed, as the collector would. */
function failCommand(name: string, error: string): Edit {
  return (files) => {
    files.delete(name)
    const manifest = JSON.parse(get(files, 'manifest.json')) as { files: { name: string; exitStatus: string; error: string | null }[] }
    const entry = manifest.files.find((f) => f.name === name)
    if (!entry) throw new Error(`manifest has no entry for ${name}`)
    entry.exitStatus = 'failed'
    entry.error = error
    files.get('manifest.json')!.text = `${JSON.stringify(manifest, null, 2)}\n`
  }
}

function reencode(name: string, encoding: Encoding): Edit {
  return (files) => {
    files.get(name)!.encoding = encoding
  }
}

interface ScenarioSpec {
  readonly name: string
  readonly base: 'healthy-edge' | 'healthy-frontend'
  readonly info: Omit<ScenarioInfo, 'name'>
  readonly edits: readonly Edit[]
}

const PROXY_NETSTAT = /\s2412\s*$/
const UNINSTALLED = 'The term \'Get-CsSite\' is not recognized as the name of a cmdlet, function, script file, or operable program.'

/** A Big5 `netstat -ano` of a zh-TW Edge: localized title, headers and state words (parsed by shape). */
function zhTwNetstat(english: string): string {
  return english
    .replace('Active Connections', '作用中連線')
    .replace(/Proto {2}Local Address {10}Foreign Address {8}State {11}PID/, '通訊協定  本機位址               外部位址               狀態           PID')
    .replace(/LISTENING {7}/g, '接聽            ')
    .replace(/ESTABLISHED {5}/g, '已建立           ')
}


/** Windows PowerShell 5.1's ConvertTo-Json layout: four-space indent, two spaces after the colon. */
function psJson(value: unknown): string {
  return JSON.stringify(value, null, 4).replace(/": /g, '":  ')
}

/** Get-CsExternalAccessPolicy: the global policy allows XMPP, Site:Kaohsiung (created with New-CsExternalAccessPolicy -Identity site:Kaohsiung) does not. */
const PS51_POLICIES_WITH_SITE = psJson([
  { Identity: 'Global', Description: null, EnableFederationAccess: true, EnableXmppAccess: true, EnablePublicCloudAccess: false, EnablePublicCloudAudioVideoAccess: false, EnableOutsideAccess: true },
  { Identity: 'Site:Kaohsiung', Description: null, EnableFederationAccess: true, EnableXmppAccess: false, EnablePublicCloudAccess: false, EnablePublicCloudAudioVideoAccess: false, EnableOutsideAccess: true },
])

/** Get-CsSite for two sites, with the collector's DisplayName and Pools columns (docs/evidence-format.md, sites.json). */
const PS51_TWO_SITES = psJson([
  { Identity: 'Site:Taipei', SiteId: 1, FederationRoute: 'EdgeServer:edgepool.contoso.com', XmppFederationRoute: 'EdgeServer:edgepool.contoso.com', DisplayName: 'Taipei', Pools: ['pool01.contoso.com', 'edgepool.contoso.com'] },
  { Identity: 'Site:Kaohsiung', SiteId: 2, FederationRoute: 'EdgeServer:edgepool.contoso.com', XmppFederationRoute: 'EdgeServer:edgepool.contoso.com', DisplayName: 'Kaohsiung', Pools: ['pool02.kaohsiung.contoso.com'] },
])

/**
 * Windows PowerShell 5.1's ConvertTo-Json exactly: CRLF, four spaces a level, two spaces after the colon, and a
 * property's array or object indented from the column where its value starts (not from the line's indent).
 */
function ps51Json(value: unknown, indent = 0): string {
  const pad = ' '.repeat(indent)
  if (Array.isArray(value)) {
    if (value.length === 0) return `[\r\n\r\n${pad}]`
    return `[\r\n${value.map((v) => `${' '.repeat(indent + 4)}${ps51Json(v, indent + 4)}`).join(',\r\n')}\r\n${pad}]`
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
    if (entries.length === 0) return `{\r\n\r\n${pad}}`
    return `{\r\n${entries
      .map(([key, v]) => {
        const head = `${' '.repeat(indent + 4)}"${key}":  `
        return `${head}${ps51Json(v, head.length)}`
      })
      .join(',\r\n')}\r\n${pad}}`
  }
  return JSON.stringify(value)
}

/** Rewrites a PowerShell JSON file from its parsed value (a file written by `ConvertTo-Json ... > file`: CRLF at the end). */
function rewriteJson(name: string, change: (value: unknown) => unknown): Edit {
  return (files) => {
    const value = change(JSON.parse(get(files, name)) as unknown)
    files.get(name)!.text = `${ps51Json(value)}\r\n`
  }
}

/** What the collector records about this computer (manifest `fqdn`, `pool`; docs/evidence-format.md). */
function recordComputer(host: string, fqdn: string, pool: string): Edit {
  return replace('manifest.json', /"host": "EDGE01",/, `"host": "${host}",\n  "fqdn": "${fqdn}",\n  "pool": "${pool}",`)
}

/** The manifest's SIP and XMPP domains (Get-CsSipDomain; -Domain). */
function manifestDomains(domains: readonly string[]): Edit {
  const list = `[\n${domains.map((d) => `    "${d}"`).join(',\n')}\n  ]`
  return (files) => {
    replace('manifest.json', /"sipDomains": \[[^\]]*\]/, `"sipDomains": ${list}`)(files)
    replace('manifest.json', /"xmppDomains": \[[^\]]*\]/, `"xmppDomains": ${list}`)(files)
  }
}

/**
 * A second SIP domain (Get-CsSipDomain; on an Edge the topology's InternalDomain) while the collector was run with
 * -Domain contoso.com only: the manifest's SIP domains hold both, its XMPP domains the -Domain one.
 */
function secondSipDomain(domain: string): Edit[] {
  return [
    replace('manifest.json', /"sipDomains": \[[^\]]*\]/, `"sipDomains": [\n    "contoso.com",\n    "${domain}"\n  ]`),
    replace(
      'topology.xml',
      /(\s*)(<InternalDomain Name="contoso\.com" Authoritative="false" AllowSubDomains="false" \/>)/,
      `$1$2$1<InternalDomain Name="${domain}" Authoritative="false" AllowSubDomains="false" />`,
    ),
  ]
}

/**
 * A second Edge pool in a second site (Kaohsiung), XMPP federation enabled on it as the failover pool
 * (DOC-FAILOVER) unless `servesXmpp` is false: Get-CsService -EdgeServer returns both pools; its Access Edge external FQDN is sip2.contoso.com.
 */
function secondEdgePool(servesXmpp = true): Edit[] {
  return [
    rewriteJson('edge-services.json', (first) => {
      const one = first as Record<string, unknown>
      const second: Record<string, unknown> = {
        ...one,
        Identity: 'EdgeServer:edgepool2.kaohsiung.contoso.com',
        Registrar: 'Registrar:pool02.kaohsiung.contoso.com',
        AccessEdgeExternalFqdn: 'sip2.contoso.com',
        DataEdgeExternalFqdn: 'webconf2.contoso.com',
        AVEdgeExternalFqdn: 'av2.contoso.com',
        InternalInterfaceFqdn: 'edgepool2.kaohsiung.contoso.com',
        ExternalMrasFqdn: 'av2.contoso.com',
        // A pool without XMPP federation has no XMPP ports (OPD mock RDCheckEdgePoolCount.tests.ps1).
        XmppInternalPort: servesXmpp ? one.XmppInternalPort : null,
        XmppListeningPort: servesXmpp ? one.XmppListeningPort : null,
        DependentServiceList: ['Registrar:pool02.kaohsiung.contoso.com'],
        ServiceId: '2-EdgeServer-1',
        SiteId: 'Site:Kaohsiung',
        PoolFqdn: 'edgepool2.kaohsiung.contoso.com',
      }
      return [one, second]
    }),
    setText(
      'sites.json',
      `${ps51Json([
        { Identity: 'Site:Taipei', SiteId: 1, FederationRoute: 'EdgeServer:edgepool.contoso.com', XmppFederationRoute: 'EdgeServer:edgepool.contoso.com', DisplayName: 'Taipei', Pools: ['pool01.contoso.com', 'edgepool.contoso.com'] },
        { Identity: 'Site:Kaohsiung', SiteId: 2, FederationRoute: 'EdgeServer:edgepool.contoso.com', XmppFederationRoute: 'EdgeServer:edgepool.contoso.com', DisplayName: 'Kaohsiung', Pools: ['pool02.kaohsiung.contoso.com', 'edgepool2.kaohsiung.contoso.com'] },
      ])}\r\n`,
    ),
    replace('topology.xml', /(\s*<\/CentralSite>)/, '$1\r\n    <CentralSite SiteId="2">\r\n      <Name>Kaohsiung</Name>\r\n      <Location />\r\n    </CentralSite>'),
    replace(
      'topology.xml',
      /(\s*<\/Clusters>)/,
      '\r\n    <Cluster RequiresReplication="true" RequiresSetup="true" Fqdn="pool02.kaohsiung.contoso.com">\r\n      <ClusterId SiteId="2" Number="1" />\r\n      <Machine OrdinalInCluster="1" Fqdn="fe02.kaohsiung.contoso.com" FaultDomain="fe02.kaohsiung.contoso.com" UpgradeDomain="fe02.kaohsiung.contoso.com">\r\n        <NetInterface InterfaceSide="Primary" InterfaceNumber="1" IPAddress="0.0.0.0" />\r\n      </Machine>\r\n    </Cluster>' +
        '\r\n    <Cluster RequiresReplication="true" RequiresSetup="true" Fqdn="edgepool2.kaohsiung.contoso.com">\r\n      <ClusterId SiteId="2" Number="2" />\r\n      <Machine OrdinalInCluster="1" Fqdn="edge02.kaohsiung.contoso.com" FaultDomain="edge02.kaohsiung.contoso.com" UpgradeDomain="edge02.kaohsiung.contoso.com">\r\n        <NetInterface InterfaceSide="Primary" InterfaceNumber="1" IPAddress="10.2.1.10" />\r\n        <NetInterface InterfaceSide="External" InterfaceNumber="1" IPAddress="198.51.100.20" />\r\n        <NetInterface InterfaceSide="External" InterfaceNumber="2" IPAddress="198.51.100.21" />\r\n        <NetInterface InterfaceSide="External" InterfaceNumber="3" IPAddress="198.51.100.22" />\r\n      </Machine>\r\n    </Cluster>$1',
    ),
    replace(
      'topology.xml',
      /(\s*<\/Services>)/,
      '\r\n    <Service RoleVersion="1" ServiceVersion="6" Type="Microsoft.Rtc.Management.Deploy.Internal.ServiceRoles.RegistrarService">\r\n      <ServiceId SiteId="2" RoleName="Registrar" Instance="1" />\r\n      <DependsOn />\r\n      <InstalledOn>\r\n        <ClusterId SiteId="2" Number="1" />\r\n      </InstalledOn>\r\n      <RegistrarService xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008" IsDirector="false" />\r\n    </Service>' +
        '\r\n    <Service RoleVersion="1" ServiceVersion="6">\r\n      <ServiceId SiteId="2" RoleName="EdgeServer" Instance="1" />\r\n      <DependsOn>\r\n        <Dependency Usage="Default">\r\n          <ServiceId SiteId="2" RoleName="Registrar" Instance="1" />\r\n        </Dependency>\r\n      </DependsOn>\r\n      <InstalledOn>\r\n        <ClusterId SiteId="2" Number="2" />\r\n      </InstalledOn>\r\n      <Ports xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008" />\r\n    </Service>$1',
    ),
    rewriteJson('dns-a.json', (lookups) => [
      ...(lookups as unknown[]),
      {
        Query: 'sip2.contoso.com',
        Records: [{ Name: 'sip2.contoso.com', Type: 'A', Section: 'Answer', TTL: 3600, NameTarget: null, Port: null, Priority: null, Weight: null, IPAddress: '198.51.100.20' }],
        Error: null,
      },
    ]),
  ]
}

/** Resolve-DnsName -Type SRV answers, one per domain, in the collector's Query/Records/Error wrapper. */
function srvAnswers(lookups: readonly { domain: string; records: readonly { target: string; priority: number }[] }[]): Edit {
  return setText(
    'dns-srv.json',
    `${ps51Json(
      lookups.map((l) => ({
        Query: `_xmpp-server._tcp.${l.domain}`,
        Records: l.records.map((r) => ({
          Name: `_xmpp-server._tcp.${l.domain}`, Type: 'SRV', Section: 'Answer', TTL: 3600, NameTarget: r.target,
          Port: 5269, Priority: r.priority, Weight: 0, IPAddress: null,
        })),
        Error: l.records.length === 0 ? `_xmpp-server._tcp.${l.domain} : DNS name does not exist` : null,
      })),
    )}\r\n`,
  )
}

const SPECS: ScenarioSpec[] = [
  {
    name: 'healthy-edge',
    base: 'healthy-edge',
    info: {
      title: text('Healthy Edge Server', '正常的 Edge 伺服器'),
      description: text('Lync Server 2013 Edge with XMPP federation working: every check passes.', 'XMPP 同盟運作正常的 Lync Server 2013 Edge：所有檢查皆通過。'),
      answers: {}, domains: [],
      expected: { verdict: 'healthy', rootCauseCheck: null, stopsAt: 'healthy' },
      formats: ['UTF-16LE with BOM (PowerShell 5.1 ">")', 'UTF-8 with BOM', 'PS 5.1 JSON: enums as numbers, \\/Date()\\/'],
    },
    edits: [],
  },
  {
    name: 'healthy-frontend',
    base: 'healthy-frontend',
    info: {
      title: text('Healthy Front End Server', '正常的前端伺服器'),
      description: text('The Front End side: XMPP gateway running, route assigned, Edge replica up to date.', '前端伺服器端：XMPP 閘道正在執行、路由已指派、Edge 複本為最新。'),
      answers: {}, domains: [],
      expected: { verdict: 'healthy', rootCauseCheck: null, stopsAt: 'healthy' },
      formats: ['UTF-16LE with BOM', 'UTF-8 with BOM'],
    },
    edits: [],
  },
  {
    name: 'proxy-service-stopped',
    base: 'healthy-edge',
    info: {
      title: text('XMPP proxy service stopped', 'XMPP Proxy 服務已停止'),
      description: text('The proxy is stopped, so 5269 and 23456 are closed too; the root cause is the service, not the ports.', 'Proxy 已停止，因此 5269 與 23456 也關閉；根本原因是服務而不是連接埠。'),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'xmpp-proxy-service-running', stopsAt: 'proxy-service' },
      formats: ['services.json Status as number (1 = Stopped)'],
    },
    edits: [
      // Stopped: no process, so ProcessId 0 and no start time (null), as the collector writes it.
      replace('services.json', /("DisplayName":\s+"Lync Server XMPP Translating Gateway Proxy",\s+"Status":\s+)4(,\s+"StartType":\s+2,\s+"ProcessId":\s+)2412(,\s+"ProcessStartTime":\s+)"[^"]*"/, '$11$20$3null'),
      dropLines('netstat.txt', PROXY_NETSTAT),
      dropLines('tasklist.csv', /XmppProxy\.exe/),
    ],
  },
  {
    name: 'xmpp-not-installed',
    base: 'healthy-edge',
    info: {
      title: text('XMPP proxy not installed on the Edge', 'Edge 上未安裝 XMPP Proxy'),
      description: text('XMPP was enabled in the topology, but Setup was not run again on the Edge: no proxy service exists.', '拓撲中已啟用 XMPP，但未在 Edge 上重新執行安裝程式：不存在 Proxy 服務。'),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'xmpp-components-installed', stopsAt: 'components' },
      formats: [],
    },
    edits: [
      replace('services.json', /,\s*\{\s*"Name":\s+"RTCXMPPTGWPX"[^}]*\}/, ''),
      dropLines('netstat.txt', PROXY_NETSTAT),
      dropLines('tasklist.csv', /XmppProxy\.exe/),
    ],
  },
  {
    name: 'port-5269-taken',
    base: 'healthy-edge',
    info: {
      title: text('Port 5269 held by another program', '連接埠 5269 被其他程式占用'),
      description: text('Another XMPP server installed on the Edge took 5269; the Lync proxy cannot listen there.', 'Edge 上安裝的另一個 XMPP 伺服器占用了 5269；Lync Proxy 無法在該連接埠接聽。'),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'xmpp-external-port-listening', stopsAt: 'external-port' },
      formats: [],
    },
    edits: [
      replace('netstat.txt', /203\.0\.113\.10:5269 {6}0\.0\.0\.0:0 {14}LISTENING {7}2412/, '203.0.113.10:5269      0.0.0.0:0              LISTENING       3104'),
      dropLines('netstat.txt', /5269\s+ESTABLISHED|:5269\s+ESTABLISHED/),
      replace('tasklist.csv', /"XmppProxy\.exe"/, '"java.exe","3104","N/A"\r\n"XmppProxy.exe"'),
    ],
  },
  {
    name: 'ports-closed-route-question',
    base: 'healthy-edge',
    info: {
      title: text('Ports closed, route not visible from the Edge', '連接埠關閉，且從 Edge 看不到路由'),
      description: text('The proxy runs but listens nowhere; the Edge cannot read the site route, so the tree asks you.', 'Proxy 正在執行但沒有接聽任何連接埠；Edge 無法讀取站台路由，因此樹狀圖會詢問您。'),
      answers: {}, domains: [],
      expected: { verdict: 'incomplete', rootCauseCheck: null, stopsAt: 'q-route-assigned' },
      formats: ['sites.json not collected: Get-CsSite unavailable on a workgroup Edge'],
    },
    edits: [dropLines('netstat.txt', PROXY_NETSTAT), failCommand('sites.json', UNINSTALLED)],
  },
  {
    name: 'topology-not-published',
    base: 'healthy-edge',
    info: {
      title: text('Route assigned, topology not published', '已指派路由，但未發佈拓撲'),
      description: text('Same closed ports; the admin answered that the route is set but the topology was not published.', '同樣是連接埠關閉；系統管理員回答路由已設定，但拓撲尚未發佈。'),
      answers: { 'q-route-assigned': 'yes', 'q-topology-published': 'no' }, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'xmpp-external-port-listening', stopsAt: 'c-publish-topology' },
      formats: [],
    },
    edits: [dropLines('netstat.txt', PROXY_NETSTAT), failCommand('sites.json', UNINSTALLED)],
  },
  {
    name: 'frontend-route-missing',
    base: 'healthy-frontend',
    info: {
      title: text('No XMPP federation route (Front End)', '沒有 XMPP 同盟路由（前端）'),
      description: text('Get-CsSite shows an empty XmppFederationRoute: XMPP federation was never assigned to the Edge pool.', 'Get-CsSite 顯示 XmppFederationRoute 為空：從未將 XMPP 同盟指派給 Edge 集區。'),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'xmpp-federation-route-assigned', stopsAt: 'route' },
      formats: ['enums written as names (Status "Running") on this server'],
    },
    edits: [replace('sites.json', /"XmppFederationRoute":\s+"EdgeServer:edgepool\.contoso\.com"/, '"XmppFederationRoute":  null')],
  },
  {
    name: 'frontend-replica-stale',
    base: 'healthy-frontend',
    info: {
      title: text('Edge replica out of date', 'Edge 複本過期'),
      description: text('The Edge has not taken configuration changes: partners and routes added on the Front End never arrive.', 'Edge 未取得設定變更：在前端新增的夥伴與路由不會送達。'),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'cms-replica-up-to-date', stopsAt: 'replica' },
      formats: [],
    },
    edits: [replace('replication.json', /("ReplicaFqdn":\s+"edge01[^"]*",\s+"UpToDate":\s+)true/i, '$1false')],
  },
  {
    name: 'frontend-gateway-stopped',
    base: 'healthy-frontend',
    info: {
      title: text('XMPP gateway stopped on the Front End', '前端的 XMPP 閘道已停止'),
      description: text('RTCXMPPTGW is stopped on the Front End.', '前端伺服器上的 RTCXMPPTGW 已停止。'),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'xmpp-gateway-service-running', stopsAt: 'gateway-service' },
      formats: [],
    },
    edits: [
      replace(
        'services.json',
        /("Name":\s+"RTCXMPPTGW",\s+"DisplayName":\s+"[^"]+",\s+"Status":\s+)"Running"(,\s+"StartType":\s+"[^"]+",\s+"ProcessId":\s+)\d+(,\s+"ProcessStartTime":\s+)"[^"]+"/,
        '$1"Stopped"$20$3null',
      ),
      dropLines('netstat.txt', /\s3120\s*$/),
      dropLines('tasklist.csv', /XmppTGW\.exe/),
    ],
  },
  {
    name: 'certificate-expired',
    base: 'healthy-edge',
    info: {
      title: text('External edge certificate expired', '外部 Edge 憑證已過期'),
      description: text('The certificate assigned to AccessEdgeExternal expired before the evidence was collected.', '指派給 AccessEdgeExternal 的憑證在收集證據之前已過期。'),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'edge-certificate-valid', stopsAt: 'cert-valid' },
      formats: ['\\/Date(ms)\\/ dates'],
    },
    // 1763251199000 = 2025-11-15T23:59:59Z, before collection (2026-11-20).
    edits: [replace('certificates.json', /"NotAfter":\s+"\\\/Date\(1803945599000\)\\\/"/g, '"NotAfter":  "\\/Date(1763251199000)\\/"')],
  },
  {
    name: 'certificate-missing-domain-zh-tw',
    base: 'healthy-edge',
    info: {
      title: text('Certificate lacks the bare domain (zh-TW server)', '憑證缺少網域本身（繁體中文伺服器）'),
      description: text('The classic XMPP mistake: sip.contoso.com is there but contoso.com is not. Collected on a Traditional Chinese Windows: Big5 netstat with localized headers and state words.', '典型的 XMPP 錯誤：有 sip.contoso.com 但沒有 contoso.com。在繁體中文 Windows 上收集：Big5 編碼的 netstat，標題與狀態文字皆為中文。'),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'edge-certificate-names', stopsAt: 'cert-names' },
      formats: ['netstat.txt in Big5/CP950 with localized headers and state words (illustrative wording)', 'UTF-16LE JSON'],
    },
    edits: [
      replace('certificates.json', /"sip\.contoso\.com",\s+"contoso\.com",/g, '"sip.contoso.com",'),
      (files) => {
        files.get('netstat.txt')!.text = zhTwNetstat(get(files, 'netstat.txt'))
      },
      reencode('netstat.txt', 'big5'),
    ],
  },
  {
    name: 'federation-disabled',
    base: 'healthy-edge',
    info: {
      title: text('Federation disabled on the Access Edge', 'Access Edge 已停用同盟'),
      description: text('AllowFederatedUsers is False: the Edge refuses every federated partner, XMPP included.', 'AllowFederatedUsers 設為 $false：Edge 拒絕所有同盟夥伴，包括 XMPP。'),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'access-edge-federation-enabled', stopsAt: 'federation' },
      formats: [],
    },
    edits: [replace('access-edge.json', /"AllowFederatedUsers":\s+true/, '"AllowFederatedUsers":  false')],
  },
  {
    name: 'xmpp-policy-disabled',
    base: 'healthy-edge',
    info: {
      title: text('No policy allows XMPP', '沒有原則允許 XMPP'),
      description: text('EnableXmppAccess is False (its default) in every external access policy.', '所有外部存取原則的 EnableXmppAccess 皆為 $false（預設值）。'),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'xmpp-access-policy-enabled', stopsAt: 'policy' },
      formats: [],
    },
    edits: [replace('external-access-policies.json', /"EnableXmppAccess":\s+true/g, '"EnableXmppAccess":  false')],
  },
  {
    name: 'site-policy-blocks-most-users',
    base: 'healthy-frontend',
    info: {
      title: text('A site policy blocks XMPP for most users', '站台原則讓大多數使用者無法使用 XMPP'),
      description: text(
        'The global policy allows XMPP, but Site:Kaohsiung has EnableXmppAccess False and 180 of the 240 users are homed on its pool: only some users can IM their Jabber contacts.',
        '全域原則允許 XMPP，但 Site:Kaohsiung 的 EnableXmppAccess 為 $false，而 240 位使用者中有 180 位註冊在該站台的集區：只有部分使用者能與 Jabber 聯絡人傳送訊息。',
      ),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'xmpp-access-policy-enabled', stopsAt: 'policy' },
      formats: ['Get-CsSite with DisplayName and Pools; users grouped by ExternalAccessPolicy and RegistrarPool (PS 5.1 ConvertTo-Json)'],
    },
    edits: [
      setText('external-access-policies.json', PS51_POLICIES_WITH_SITE),
      setText('sites.json', PS51_TWO_SITES),
      setText(
        'policy-grants.json',
        psJson([
          { Policy: null, RegistrarPool: 'pool01.contoso.com', UserCount: 60 },
          { Policy: null, RegistrarPool: 'pool02.kaohsiung.contoso.com', UserCount: 180 },
        ]),
      ),
    ],
  },
  {
    name: 'edge-site-policy-blocks-xmpp',
    base: 'healthy-edge',
    info: {
      title: text('A site policy blocks XMPP (seen from the Edge)', '站台原則封鎖 XMPP（從 Edge 查看）'),
      description: text(
        'The global policy allows XMPP, but Site:Kaohsiung denies it. The Edge cannot see users, so it cannot pass on the global policy alone: it warns and asks for the Front End evidence to count them.',
        '全域原則允許 XMPP，但 Site:Kaohsiung 不允許。Edge 看不到使用者，因此不能只憑全域原則判定通過：會發出警告，並要求收集前端伺服器證據以計算人數。',
      ),
      answers: {}, domains: [],
      expected: { verdict: 'healthy', rootCauseCheck: null, stopsAt: 'healthy' },
      formats: ['Get-CsExternalAccessPolicy -LocalStore with a site policy'],
    },
    edits: [setText('external-access-policies.json', PS51_POLICIES_WITH_SITE)],
  },
  {
    name: 'no-xmpp-partner',
    base: 'healthy-edge',
    info: {
      title: text('No XMPP partner configured', '未設定 XMPP 夥伴'),
      description: text('Get-CsXmppAllowedPartner returns nothing (PowerShell writes an empty file).', 'Get-CsXmppAllowedPartner 沒有傳回任何內容（PowerShell 會寫出空白檔案）。'),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'xmpp-partner-configured', stopsAt: 'partner' },
      formats: ['an empty UTF-16LE file (BOM only): ConvertTo-Json of nothing'],
    },
    edits: [setText('xmpp-partners.json', '')],
  },
  {
    name: 'invalid-negotiation',
    base: 'healthy-edge',
    info: {
      title: text('Partner negotiation settings that cannot work', '無法運作的夥伴交涉設定'),
      description: text('TLS and SASL NotSupported with dialback off: DOC-NEG calls it "Not Valid Configuration".', 'TLS 與 SASL 為 NotSupported 且關閉回撥：交涉設定文件稱之為「無效的設定」。'),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'xmpp-partner-negotiation-valid', stopsAt: 'negotiation' },
      formats: [],
    },
    edits: [
      replace('xmpp-partners.json', /"TlsNegotiation":\s+"Optional"/, '"TlsNegotiation":  "NotSupported"'),
      replace('xmpp-partners.json', /"SupportDialbackNegotiation":\s+true/, '"SupportDialbackNegotiation":  false'),
    ],
  },
  {
    name: 'srv-record-missing',
    base: 'healthy-edge',
    info: {
      title: text('_xmpp-server._tcp SRV record missing', '缺少 _xmpp-server._tcp SRV 記錄'),
      description: text('Partners cannot find the Edge: the SRV query returns "DNS name does not exist".', '夥伴找不到 Edge：SRV 查詢傳回「DNS 名稱不存在」。'),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'xmpp-srv-record', stopsAt: 'srv' },
      formats: [],
    },
    edits: [
      replace('dns-srv.json', /"Records":\s+\[[\s\S]*?\],\s+"Error":\s+null/, '"Records":  [\r\n\r\n                    ],\r\n        "Error":  "_xmpp-server._tcp.contoso.com : DNS name does not exist"'),
    ],
  },
  {
    name: 'srv-wrong-port',
    base: 'healthy-edge',
    info: {
      title: text('SRV record points at the SIP port', 'SRV 記錄指向 SIP 連接埠'),
      description: text('_xmpp-server._tcp was copied from the SIP federation record and still says 5061.', '_xmpp-server._tcp 是從 SIP 同盟記錄複製而來，仍為 5061。'),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'xmpp-srv-record', stopsAt: 'srv' },
      formats: [],
    },
    edits: [replace('dns-srv.json', /"Port":\s+5269/, '"Port":  5061')],
  },
  {
    name: 'xmpp-errors-year-old',
    base: 'healthy-edge',
    info: {
      title: text('XMPP errors from a year ago', '一年前的 XMPP 錯誤'),
      description: text(
        'The only XMPP errors in the log are a year older than the collection: they are shown with their age as a warning, not taken as the cause of today\'s incident.',
        '記錄中唯一的 XMPP 錯誤比收集時間早一年：會標示其發生時間並列為警告，而不會當作今天事件的原因。',
      ),
      answers: {}, domains: [],
      expected: { verdict: 'healthy', rootCauseCheck: null, stopsAt: 'healthy' },
      formats: ['events.json whose TimeCreated (\\/Date()\\/) is a year before the manifest\'s collectedAt'],
    },
    edits: [
      setText(
        'events.json',
        [
          '[',
          '    {',
          '        "TimeCreated":  "\\/Date(1763602200000)\\/",',
          '        "Id":  32001,',
          '        "Level":  2,',
          '        "LevelDisplayName":  "Error",',
          '        "ProviderName":  "LS XMPP Translating Gateway Proxy",',
          '        "Message":  "The XMPP proxy could not connect to the remote server."',
          '    }',
          ']',
        ].join('\r\n'),
      ),
    ],
  },
  {
    name: 'xmpp-errors-zh-tw',
    base: 'healthy-edge',
    info: {
      title: text('XMPP errors in the event log (zh-TW server)', '事件記錄中有 XMPP 錯誤（繁體中文伺服器）'),
      description: text('Everything is configured, yet the XMPP proxy logs errors; matched by provider and id, not by the Chinese message text. The provider name is illustrative: the real one is discovered on the server.', '所有設定都正確，但 XMPP Proxy 記錄了錯誤；以提供者與識別碼比對，而不是中文訊息內容。提供者名稱僅為示意，實際名稱會在伺服器上探索。'),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'xmpp-event-log-clean', stopsAt: 'events' },
      formats: [
        'events.json UTF-16LE, LevelDisplayName and Message in zh-TW, TimeCreated as \\/Date()\\/',
        'tasklist.csv UTF-16LE with localized header and N/A word (illustrative wording)',
      ],
    },
    edits: [
      replace('tasklist.csv', '"Image Name","PID","Services"', '"映像名稱","PID","服務"'),
      (files) => {
        files.get('tasklist.csv')!.text = get(files, 'tasklist.csv').replace(/"N\/A"/g, '"暫缺"')
      },
      setText(
        'events.json',
        [
          '[',
          '    {',
          '        "TimeCreated":  "\\/Date(1795135200000)\\/",',
          '        "Id":  32001,',
          '        "Level":  2,',
          '        "LevelDisplayName":  "錯誤",',
          '        "ProviderName":  "LS XMPP Translating Gateway Proxy",',
          '        "Message":  "XMPP Proxy 無法與遠端伺服器建立連線。"',
          '    },',
          '    {',
          '        "TimeCreated":  "\\/Date(1795137000000)\\/",',
          '        "Id":  32001,',
          '        "Level":  2,',
          '        "LevelDisplayName":  "錯誤",',
          '        "ProviderName":  "LS XMPP Translating Gateway Proxy",',
          '        "Message":  "XMPP Proxy 無法與遠端伺服器建立連線。"',
          '    },',
          '    {',
          '        "TimeCreated":  "\\/Date(1795137800000)\\/",',
          '        "Id":  14501,',
          '        "Level":  3,',
          '        "LevelDisplayName":  "警告",',
          '        "ProviderName":  "LS Protocol Stack",',
          '        "Message":  "連線逾時。"',
          '    }',
          ']',
        ].join('\r\n'),
        'utf16le-bom',
      ),
    ],
  },
  {
    name: 'root-store-overloaded',
    base: 'healthy-edge',
    info: {
      title: text('Trusted Root store overloaded', '受信任的根憑證存放區過多'),
      description: text('More than 100 certificates in the Trusted Root store break MTLS between Front End and Edge.', '受信任的根憑證存放區中超過 100 張憑證，會使前端與 Edge 之間的 MTLS 失敗。'),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'root-ca-store-healthy', stopsAt: 'root-store' },
      formats: [],
    },
    edits: [
      setText(
        'root-store.json',
        `[\r\n${Array.from({ length: 130 }, (_, i) => {
          const name = `CN=Legacy Root ${String(i + 1).padStart(3, '0')}, O=Example Trust`
          return `    {\r\n        "Subject":  "${name}",\r\n        "Issuer":  "${name}",\r\n        "Thumbprint":  "${(i + 1).toString(16).toUpperCase().padStart(40, 'A')}"\r\n    }`
        }).join(',\r\n')}\r\n]`,
      ),
    ],
  },
  {
    name: 'google-talk-partner',
    base: 'healthy-edge',
    info: {
      title: text('Healthy, with a leftover Google Talk partner', '正常，但留有 Google Talk 夥伴'),
      description: text('Works, with one warning: gmail.com no longer federates over XMPP.', '可以運作，但有一個警告：gmail.com 已不再以 XMPP 同盟。'),
      answers: {}, domains: [],
      expected: { verdict: 'healthy', rootCauseCheck: null, stopsAt: 'healthy' },
      formats: [],
    },
    edits: [
      replace(
        'xmpp-partners.json',
        /\r\n\]\s*$/,
        ',\r\n    {\r\n        "Identity":  "gmail.com",\r\n        "Domain":  "gmail.com",\r\n        "AdditionalDomains":  [\r\n\r\n                              ],\r\n        "Description":  "Google Talk",\r\n        "PartnerType":  "PublicUnverified",\r\n        "TlsNegotiation":  "NotSupported",\r\n        "SaslNegotiation":  "NotSupported",\r\n        "SupportDialbackNegotiation":  true,\r\n        "EnableKeepAlive":  true,\r\n        "ProxyFqdn":  null,\r\n        "ConnectionLimit":  10\r\n    }\r\n]\r\n',
      ),
    ],
  },
  {
    name: 'partial-collection',
    base: 'healthy-edge',
    info: {
      title: text('Partial collection: certificates and DNS not collected', '部分收集：未收集憑證與 DNS'),
      description: text('Some commands failed on the server; nothing failed in what was collected, but the verdict cannot be "healthy".', '伺服器上有些命令失敗；已收集的部分沒有問題，但結論不能是「正常」。'),
      answers: {}, domains: [],
      expected: { verdict: 'incomplete', rootCauseCheck: null, stopsAt: 'healthy' },
      formats: ['manifest records failed commands'],
    },
    edits: [
      failCommand('certificates.json', "Get-CsCertificate : The term 'Get-CsCertificate' is not recognized as the name of a cmdlet."),
      failCommand('dns-srv.json', 'Resolve-DnsName : This operation returned because the timeout period expired'),
      failCommand('dns-a.json', 'Resolve-DnsName : This operation returned because the timeout period expired'),
    ],
  },
  {
    name: 'second-edge-pool-healthy',
    base: 'healthy-edge',
    info: {
      title: text('Two Edge pools: this Edge\'s certificate names its own pool only', '兩個 Edge 集區：此 Edge 的憑證只列出自己集區的名稱'),
      description: text(
        'A second Edge pool in Kaohsiung (sip2.contoso.com) takes over XMPP on failover, with its own SRV record at a lower priority. Its name is not on this Edge\'s certificate, and need not be: this Edge is in edgepool.contoso.com.',
        '高雄的第二個 Edge 集區（sip2.contoso.com）在容錯移轉時接手 XMPP，並有自己的 SRV 記錄（優先順序較低）。此 Edge 的憑證未列出它的名稱，也不需要：此 Edge 屬於 edgepool.contoso.com。',
      ),
      answers: {}, domains: [],
      expected: { verdict: 'healthy', rootCauseCheck: null, stopsAt: 'healthy' },
      formats: ['PS 5.1 ConvertTo-Json of several objects (array, aligned nesting)', 'manifest fqdn and pool'],
    },
    edits: [
      recordComputer('EDGE01', 'edge01.contoso.com', 'edgepool.contoso.com'),
      ...secondEdgePool(),
      srvAnswers([{ domain: 'contoso.com', records: [{ target: 'sip.contoso.com', priority: 0 }, { target: 'sip2.contoso.com', priority: 10 }] }]),
    ],
  },
  {
    name: 'two-edge-pools-same-srv-priority',
    base: 'healthy-edge',
    info: {
      title: text('Two Edge pools share an SRV priority', '兩個 Edge 集區的 SRV 優先順序相同'),
      description: text(
        'Both pools that serve XMPP have an SRV record, both with priority 0: federation works, but partners spread connections over both pools instead of failing over (a warning: the procedure recommends distinct priorities).',
        '兩個提供 XMPP 的集區都有 SRV 記錄，但優先順序都是 0：同盟可以運作，但夥伴會將連線分散到兩個集區而不是容錯移轉（警告：設定程序建議使用不同的優先順序）。',
      ),
      answers: {}, domains: [],
      expected: { verdict: 'healthy', rootCauseCheck: null, stopsAt: 'healthy' },
      formats: [],
    },
    edits: [
      recordComputer('EDGE01', 'edge01.contoso.com', 'edgepool.contoso.com'),
      ...secondEdgePool(),
      srvAnswers([{ domain: 'contoso.com', records: [{ target: 'sip.contoso.com', priority: 0 }, { target: 'sip2.contoso.com', priority: 0 }] }]),
    ],
  },
  {
    name: 'second-edge-pool-own-name-missing',
    base: 'healthy-edge',
    info: {
      title: text('Edge of the second pool: its own name missing from the certificate', '第二個集區的 Edge：憑證缺少自己的名稱'),
      description: text(
        'Evidence from EDGE02 in the Kaohsiung pool, whose Access Edge external FQDN is sip2.contoso.com; its certificate was copied from the Taipei Edge and names sip.contoso.com only.',
        '證據來自高雄集區的 EDGE02，其 Access Edge 外部 FQDN 為 sip2.contoso.com；它的憑證是從台北的 Edge 複製而來，只列出 sip.contoso.com。',
      ),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'edge-certificate-names', stopsAt: 'cert-names' },
      formats: [],
    },
    edits: [
      recordComputer('EDGE02', 'edge02.kaohsiung.contoso.com', 'edgepool2.kaohsiung.contoso.com'),
      ...secondEdgePool(),
      srvAnswers([{ domain: 'contoso.com', records: [{ target: 'sip.contoso.com', priority: 0 }, { target: 'sip2.contoso.com', priority: 10 }] }]),
    ],
  },
  {
    name: 'second-domain-srv-missing',
    base: 'healthy-edge',
    info: {
      title: text('Second domain without an SRV record', '第二個網域沒有 SRV 記錄'),
      description: text(
        'Users in contoso.com and fabrikam.com federate over XMPP; the certificate names both, but only contoso.com has _xmpp-server._tcp: partners of fabrikam.com users cannot find the Edge.',
        'contoso.com 與 fabrikam.com 的使用者都透過 XMPP 同盟；憑證列出兩個網域，但只有 contoso.com 有 _xmpp-server._tcp：fabrikam.com 使用者的夥伴找不到 Edge。',
      ),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'xmpp-srv-record', stopsAt: 'srv' },
      formats: ['Resolve-DnsName error for one of two domains'],
    },
    edits: [
      recordComputer('EDGE01', 'edge01.contoso.com', 'edgepool.contoso.com'),
      manifestDomains(['contoso.com', 'fabrikam.com']),
      // One certificate serves the three external uses, so each Get-CsCertificate row lists the new names.
      replace('certificates.json', /(\r\n(\s+)"webconf\.contoso\.com")/g, '$1,\r\n$2"fabrikam.com",\r\n$2"sip.fabrikam.com"'),
      srvAnswers([
        { domain: 'contoso.com', records: [{ target: 'sip.contoso.com', priority: 0 }] },
        { domain: 'fabrikam.com', records: [] },
      ]),
    ],
  },
  {
    name: 'second-edge-pool-without-xmpp',
    base: 'healthy-edge',
    info: {
      title: text('Second Edge pool without XMPP federation', '第二個 Edge 集區未啟用 XMPP 同盟'),
      description: text(
        'The Kaohsiung Edge pool (sip2.contoso.com) carries SIP only: it needs no _xmpp-server._tcp record, and its name does not belong on this Edge\'s certificate.',
        '高雄的 Edge 集區（sip2.contoso.com）只承載 SIP：它不需要 _xmpp-server._tcp 記錄，它的名稱也不屬於此 Edge 的憑證。',
      ),
      answers: {}, domains: [],
      expected: { verdict: 'healthy', rootCauseCheck: null, stopsAt: 'healthy' },
      formats: ['Get-CsService -EdgeServer: XmppListeningPort null on a pool without XMPP'],
    },
    edits: [recordComputer('EDGE01', 'edge01.contoso.com', 'edgepool.contoso.com'), ...secondEdgePool(false)],
  },
  {
    name: 'second-domain-not-on-certificate',
    base: 'healthy-edge',
    info: {
      title: text('Second domain missing from the certificate', '憑證缺少第二個網域'),
      description: text(
        'fabrikam.com was added as a SIP domain and published in DNS, but the external edge certificate was not renewed: it names contoso.com only.',
        '已新增 SIP 網域 fabrikam.com 並在 DNS 發佈，但外部 Edge 憑證未重新申請：只列出 contoso.com。',
      ),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'edge-certificate-names', stopsAt: 'cert-names' },
      formats: [],
    },
    edits: [
      recordComputer('EDGE01', 'edge01.contoso.com', 'edgepool.contoso.com'),
      manifestDomains(['contoso.com', 'fabrikam.com']),
      srvAnswers([
        { domain: 'contoso.com', records: [{ target: 'sip.contoso.com', priority: 0 }] },
        { domain: 'fabrikam.com', records: [{ target: 'sip.contoso.com', priority: 0 }] },
      ]),
    ],
  },
  {
    name: 'second-sip-domain-without-xmpp',
    base: 'healthy-edge',
    info: {
      title: text('Second SIP domain without XMPP', '第二個 SIP 網域未使用 XMPP'),
      description: text(
        'fabrikam.com is a SIP domain of the deployment but publishes no _xmpp-server._tcp record: it does not federate over XMPP, so it is reported, not failed (DNS summary: one SRV record per SIP domain whose users may talk to XMPP contacts).',
        'fabrikam.com 是此部署的 SIP 網域，但未發佈 _xmpp-server._tcp 記錄：它不以 XMPP 同盟，因此只列出而不判定為失敗（DNS 摘要：每個使用者可與 XMPP 連絡人通訊的 SIP 網域各需一筆 SRV 記錄）。',
      ),
      answers: {}, domains: [],
      expected: { verdict: 'healthy', rootCauseCheck: null, stopsAt: 'healthy' },
      formats: ['Get-CsSipDomain / topology InternalDomain: two SIP domains, -Domain names one', 'Resolve-DnsName error for the SIP-only domain'],
    },
    edits: [
      recordComputer('EDGE01', 'edge01.contoso.com', 'edgepool.contoso.com'),
      ...secondSipDomain('fabrikam.com'),
      srvAnswers([
        { domain: 'contoso.com', records: [{ target: 'sip.contoso.com', priority: 0 }] },
        { domain: 'fabrikam.com', records: [] },
      ]),
    ],
  },
  {
    name: 'second-sip-domain-xmpp-not-on-certificate',
    base: 'healthy-edge',
    info: {
      title: text('SIP domain published for XMPP, missing from the certificate', '已為 XMPP 發佈的 SIP 網域未列在憑證中'),
      description: text(
        'The evidence was collected with -Domain contoso.com only, but the SIP domain fabrikam.com also publishes _xmpp-server._tcp pointing at this Edge: partners of fabrikam.com users connect here, and the certificate names contoso.com only.',
        '收集證據時只指定 -Domain contoso.com，但 SIP 網域 fabrikam.com 也發佈了指向此 Edge 的 _xmpp-server._tcp：fabrikam.com 使用者的夥伴會連線到這裡，而憑證只列出 contoso.com。',
      ),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'edge-certificate-names', stopsAt: 'cert-names' },
      formats: ['Get-CsSipDomain / topology InternalDomain: two SIP domains, -Domain names one'],
    },
    edits: [
      recordComputer('EDGE01', 'edge01.contoso.com', 'edgepool.contoso.com'),
      ...secondSipDomain('fabrikam.com'),
      srvAnswers([
        { domain: 'contoso.com', records: [{ target: 'sip.contoso.com', priority: 0 }] },
        { domain: 'fabrikam.com', records: [{ target: 'sip.contoso.com', priority: 0 }] },
      ]),
    ],
  },
]

async function writeScenario(spec: ScenarioSpec): Promise<void> {
  const files = await readBase(spec.base)
  for (const edit of spec.edits) edit(files)
  const dir = join(OUT, spec.name)
  await fs.rm(dir, { recursive: true, force: true })
  await fs.mkdir(dir, { recursive: true })
  for (const [name, file] of files) await fs.writeFile(join(dir, name), encode(file.text, file.encoding))
  await fs.writeFile(join(dir, 'scenario.json'), `${JSON.stringify({ name: spec.name, ...spec.info }, null, 2)}\n`)
}

/**
 * Incident sets: scenarios made of other scenarios' evidence, diagnosed together (the Front End beside the Edge).
 * Their folders hold only scenario.json; the `sets` name the folders written above.
 */
const INCIDENT_SPECS: readonly { readonly name: string; readonly info: Omit<ScenarioInfo, 'name'> }[] = [
  {
    name: 'incident-edge-proxy-stopped',
    info: {
      title: text("Incident: Front End and Edge together, the Edge's XMPP proxy stopped", '事件：前端與 Edge 一起診斷，Edge 的 XMPP Proxy 已停止'),
      description: text(
        "The Front End's evidence (gateway running, route assigned) beside the Edge's (proxy stopped): one diagnosis shows the break on the Edge's side.",
        '前端伺服器的證據（閘道執行中、已指派路由）與 Edge 的證據（Proxy 已停止）一起診斷：一份診斷即指出問題在 Edge 端。',
      ),
      answers: {}, domains: [],
      expected: { verdict: 'problems', rootCauseCheck: 'xmpp-proxy-service-running', stopsAt: 'proxy-service', route: { 'frontend-gateway': 'pass', 'edge-proxy': 'fail' } },
      formats: ['incident set: the evidence of two scenarios diagnosed together'],
      sets: ['healthy-frontend', 'proxy-service-stopped'],
    },
  },
]

async function writeIncidentScenario(spec: (typeof INCIDENT_SPECS)[number]): Promise<void> {
  const dir = join(OUT, spec.name)
  await fs.rm(dir, { recursive: true, force: true })
  await fs.mkdir(dir, { recursive: true })
  await fs.writeFile(join(dir, 'scenario.json'), `${JSON.stringify({ name: spec.name, ...spec.info }, null, 2)}\n`)
}

for (const spec of SPECS) await writeScenario(spec)
for (const spec of INCIDENT_SPECS) await writeIncidentScenario(spec)
console.log(`wrote ${SPECS.length + INCIDENT_SPECS.length} scenarios to ${OUT}/`)
