/**
 * The commands the fixes offer, one builder each, so a check says `startService(name)` and never pastes
 * a value into text. Values from evidence go in with their kind; the model validates and quotes them.
 * Parameters and their sources: command-table.ts.
 */
import { cmdlet, commandPlan, dnsRecordPlan, program, type CommandPlan } from './command-model'
import type { CommandValue, ScriptBlockKey } from './command-values'

/** A placeholder the administrator fills in, e.g. `<site>`. */
export function placeholder(label: string): CommandValue {
  return { kind: 'placeholder', value: label }
}

/** A DNS name from evidence or input, or a placeholder when it is not known. */
function dnsOr(name: string | null | undefined, fallback: string): CommandValue {
  return name ? { kind: 'dns-name', value: name } : placeholder(fallback)
}

const bool = (value: boolean): CommandValue => ({ kind: 'boolean', value })
const enumValue = (value: string): CommandValue => ({ kind: 'enum', value })
const constant = (value: string): CommandValue => ({ kind: 'constant', value })
const arg = (value: string): CommandValue => ({ kind: 'program-argument', value })
const filter = (key: ScriptBlockKey): CommandValue => ({ kind: 'script-block', value: key })

/** Start-CsWindowsService [-Name <service>]: all Lync services of this server without a name (DOC-SETUP step 22). */
export function startLyncService(serviceName?: string): CommandPlan {
  return commandPlan(cmdlet('Start-CsWindowsService', serviceName === undefined ? {} : { Name: { kind: 'service-name', value: serviceName } }))
}

/** Stop-CsWindowsService: all Lync services of this server. */
export function stopLyncServices(): CommandPlan {
  return commandPlan(cmdlet('Stop-CsWindowsService'))
}

/** Get-CsWindowsService [-Name <service>]. */
export function getLyncService(serviceName?: string): CommandPlan {
  return commandPlan(cmdlet('Get-CsWindowsService', serviceName === undefined ? {} : { Name: { kind: 'service-name', value: serviceName } }))
}

/** Set-Service -Name <service> -StartupType Automatic. */
export function setServiceAutomatic(serviceName: string): CommandPlan {
  return commandPlan(cmdlet('Set-Service', { Name: { kind: 'service-name', value: serviceName }, StartupType: enumValue('Automatic') }))
}

/**
 * Set-CsSite -Identity <site name> -XmppFederationRoute EdgeServer:<pool>. The identity is the site
 * name without "Site:" (PS/Set-CsSite), so a collected `Site:Taipei` becomes `Taipei`.
 */
export function assignXmppRoute(siteIdentity: string | null, edgePoolFqdn: string | null): CommandPlan {
  const siteName = siteIdentity === null ? null : siteIdentity.replace(/^site:/i, '')
  return commandPlan(
    cmdlet('Set-CsSite', {
      Identity: siteName === null ? placeholder('<site>') : { kind: 'site-name', value: siteName },
      XmppFederationRoute: edgePoolFqdn === null ? placeholder('EdgeServer:<Edge pool FQDN>') : { kind: 'edge-service-identity', value: `EdgeServer:${edgePoolFqdn}` },
    }),
  )
}

/** Get-CsSite | Select-Object -Property Identity, XmppFederationRoute. */
export function listSiteRoutes(): CommandPlan {
  return commandPlan(cmdlet('Get-CsSite'), cmdlet('Select-Object', { Property: { kind: 'property-list', value: ['Identity', 'XmppFederationRoute'] } }))
}

/** Test-NetConnection -ComputerName <host> -Port <port>. */
export function testConnection(host: string | null, port: number, fallback = '<Edge FQDN>'): CommandPlan {
  const computer: CommandValue = host !== null && /^[0-9.]+$|:/.test(host) ? { kind: 'ip-address', value: host } : dnsOr(host, fallback)
  return commandPlan(cmdlet('Test-NetConnection', { ComputerName: computer, Port: { kind: 'port', value: port } }))
}

/** Invoke-CsManagementStoreReplication [-ReplicaFqdn <fqdn>]. */
export function invokeReplication(replicaFqdn?: string): CommandPlan {
  return commandPlan(cmdlet('Invoke-CsManagementStoreReplication', replicaFqdn ? { ReplicaFqdn: { kind: 'dns-name', value: replicaFqdn } } : {}))
}

/** Get-CsManagementStoreReplicationStatus -ReplicaFqdn <fqdn>. */
export function replicationStatus(replicaFqdn: string | null): CommandPlan {
  return commandPlan(cmdlet('Get-CsManagementStoreReplicationStatus', { ReplicaFqdn: dnsOr(replicaFqdn, '<Edge FQDN>') }))
}

/** Set-CsAccessEdgeConfiguration -AllowFederatedUsers $true (DOC-GTALK step 5). */
export function allowFederatedUsers(): CommandPlan {
  return commandPlan(cmdlet('Set-CsAccessEdgeConfiguration', { AllowFederatedUsers: bool(true) }))
}

/** Set-CsExternalAccessPolicy -Identity <Global|Site:x|Tag:x> -EnableXmppAccess $true. */
export function enableXmppInPolicy(identity: string): CommandPlan {
  return commandPlan(cmdlet('Set-CsExternalAccessPolicy', { Identity: { kind: 'policy-identity', value: identity }, EnableXmppAccess: bool(true) }))
}

/** The per-user policy name of an identity: "Tag:Allow XMPP" → "Allow XMPP" (PS/Grant-CsExternalAccessPolicy -PolicyName). */
export function policyNameOf(identity: string): string {
  return identity.replace(/^tag:/i, '')
}

/** Get-CsUser | Grant-CsExternalAccessPolicy -PolicyName <name>: grants the per-user policy to every user. */
export function grantPolicyToAllUsers(identity: string): CommandPlan {
  return commandPlan(cmdlet('Get-CsUser'), cmdlet('Grant-CsExternalAccessPolicy', { PolicyName: { kind: 'policy-name', value: policyNameOf(identity) } }))
}

/** Get-CsUser -Filter {ExternalAccessPolicy -eq '<name>'} | Measure-Object: how many users have the per-user policy. */
export function countUsersWithPolicy(identity: string): CommandPlan {
  return commandPlan(cmdlet('Get-CsUser', { Filter: { kind: 'policy-filter', value: policyNameOf(identity) } }), cmdlet('Measure-Object'))
}

/** The TLS/SASL/dialback settings of a partner entry (DOC-NEG). */
export interface PartnerNegotiation {
  readonly tls?: string
  readonly sasl?: string
  readonly dialback?: boolean
}

function negotiationParameters(settings: PartnerNegotiation): Record<string, CommandValue> {
  const out: Record<string, CommandValue> = {}
  if (settings.tls !== undefined) out.TlsNegotiation = enumValue(settings.tls)
  if (settings.sasl !== undefined) out.SaslNegotiation = enumValue(settings.sasl)
  if (settings.dialback !== undefined) out.SupportDialbackNegotiation = bool(settings.dialback)
  return out
}

/** New-CsXmppAllowedPartner -Identity <domain> with negotiation settings; a placeholder when no domain is known. */
export function newXmppPartner(domain: string | null, settings: PartnerNegotiation): CommandPlan {
  return commandPlan(cmdlet('New-CsXmppAllowedPartner', { Identity: dnsOr(domain, '<partner domain>'), ...negotiationParameters(settings) }))
}

/** Set-CsXmppAllowedPartner -Identity <domain> with negotiation settings. */
export function setXmppPartner(domain: string, settings: PartnerNegotiation): CommandPlan {
  return commandPlan(cmdlet('Set-CsXmppAllowedPartner', { Identity: { kind: 'dns-name', value: domain }, ...negotiationParameters(settings) }))
}

/** Get-CsXmppAllowedPartner -Identity <domain>. */
export function getXmppPartner(domain: string): CommandPlan {
  return commandPlan(cmdlet('Get-CsXmppAllowedPartner', { Identity: { kind: 'dns-name', value: domain } }))
}

/** Remove-CsXmppAllowedPartner -Identity <domain>. */
export function removeXmppPartner(identity: string): CommandPlan {
  return commandPlan(cmdlet('Remove-CsXmppAllowedPartner', { Identity: { kind: 'dns-name', value: identity } }))
}

/** Get-CsCertificate -Type AccessEdgeExternal. */
export function getEdgeCertificate(): CommandPlan {
  return commandPlan(cmdlet('Get-CsCertificate', { Type: enumValue('AccessEdgeExternal') }))
}

/**
 * The offline request for a new external Edge certificate whose names are the Access Edge external
 * FQDN and every XMPP domain (DOC-CERT; PS/Request-CsCertificate example 3 (-Output) and 7 (-DomainName)).
 */
export function requestEdgeCertificate(names: readonly string[]): CommandPlan {
  return commandPlan(
    cmdlet('Request-CsCertificate', {
      New: { kind: 'switch', value: true },
      Type: enumValue('AccessEdgeExternal'),
      Output: constant('C:\\edge-external.req'),
      DomainName: names.length > 0 ? { kind: 'dns-name-list', value: names } : placeholder('<access edge external FQDN>,<XMPP domain>'),
    }),
  )
}

/** Import-CsCertificate -Path <issued certificate> -PrivateKeyExportable $true (PS/Import-CsCertificate). */
export function importEdgeCertificate(): CommandPlan {
  return commandPlan(cmdlet('Import-CsCertificate', { Path: placeholder('<issued certificate .pfx/.cer>'), PrivateKeyExportable: bool(true) }))
}

/** Set-CsCertificate -Type AccessEdgeExternal -Thumbprint <thumbprint> (PS/Set-CsCertificate, Thumbprint set). */
export function assignEdgeCertificate(thumbprint: string | null): CommandPlan {
  return commandPlan(
    cmdlet('Set-CsCertificate', {
      Type: enumValue('AccessEdgeExternal'),
      Thumbprint: thumbprint ? { kind: 'thumbprint', value: thumbprint } : placeholder('<thumbprint of the new certificate>'),
    }),
  )
}

/** The whole certificate replacement: request, import, assign, restart (DOC-SETUP steps 17–22). */
export function replaceEdgeCertificateCommands(names: readonly string[]): CommandPlan[] {
  return [requestEdgeCertificate(names), importEdgeCertificate(), assignEdgeCertificate(null), stopLyncServices(), startLyncService(), getEdgeCertificate()]
}

/** Get-ChildItem -Path Cert:\LocalMachine\Root | Measure-Object: how many root certificates. */
export function countRootCertificates(): CommandPlan {
  return commandPlan(cmdlet('Get-ChildItem', { Path: constant('Cert:\\LocalMachine\\Root') }), cmdlet('Measure-Object'))
}

/** Moves non-self-signed certificates from the Root store to the Intermediate store (OPD IDRootCACertificatesMisplaced). */
export function moveIntermediateCertificates(): CommandPlan {
  return commandPlan(
    cmdlet('Get-ChildItem', { Path: constant('Cert:\\LocalMachine\\Root') }),
    cmdlet('Where-Object', { FilterScript: filter('issuer-is-not-subject') }),
    cmdlet('Move-Item', { Destination: constant('Cert:\\LocalMachine\\CA') }),
  )
}

/** Import-Certificate -FilePath <partner root CA> -CertStoreLocation Cert:\LocalMachine\Root. */
export function importPartnerRootCa(): CommandPlan {
  return commandPlan(cmdlet('Import-Certificate', { FilePath: placeholder('<partner root CA>.cer'), CertStoreLocation: constant('Cert:\\LocalMachine\\Root') }))
}

/** netstat -ano | findstr :<port> (the colon keeps 5269 from matching a PID or another port). */
export function netstatPort(port: number): CommandPlan {
  return commandPlan(program('netstat', arg('-ano')), program('findstr', arg(`:${port}`)))
}

/** Get-Process -Id <pid>. */
export function getProcess(pid: number): CommandPlan {
  return commandPlan(cmdlet('Get-Process', { Id: { kind: 'process-id', value: pid } }))
}

/** Get-NetIPAddress -AddressFamily IPv4. */
export function listIpv4Addresses(): CommandPlan {
  return commandPlan(cmdlet('Get-NetIPAddress', { AddressFamily: enumValue('IPv4') }))
}

/** Resolve-DnsName -Name <name> -Type <type> [-Server <address>]: `server` is an address without a port. */
export function resolveDnsName(name: string, type: 'SRV' | 'A' | 'AAAA', server?: string): CommandPlan {
  const isSrv = name.startsWith('_')
  return commandPlan(
    cmdlet('Resolve-DnsName', {
      Name: { kind: isSrv ? 'srv-name' : 'dns-name', value: name },
      Type: enumValue(type),
      ...(server === undefined ? {} : { Server: { kind: 'ip-address', value: server } as CommandValue }),
    }),
  )
}

/** Get-CsSipDomain. */
export function listSipDomains(): CommandPlan {
  return commandPlan(cmdlet('Get-CsSipDomain'))
}

/** The providers of the "Lync Server" log whose name holds XMPP (DOMAIN-FACTS §4). */
export function listXmppEventProviders(): CommandPlan {
  return commandPlan(
    cmdlet('Get-WinEvent', { ListLog: constant('Lync Server') }),
    cmdlet('Select-Object', { ExpandProperty: constant('ProviderNames') }),
    cmdlet('Where-Object', { FilterScript: filter('name-matches-xmpp') }),
  )
}

/** The CLS scenarios with an XMPP provider (PS/Get-CsClsScenario example). */
export function listXmppClsScenarios(): CommandPlan {
  return commandPlan(cmdlet('Get-CsClsScenario', { LocalStore: { kind: 'switch', value: true } }), cmdlet('Where-Object', { FilterScript: filter('provider-matches-xmpp') }))
}

/** Start-CsClsLogging -Scenario <scenario> -Duration 0.00:30 (30 minutes; PS/Start-CsClsLogging). */
export function startClsLogging(): CommandPlan {
  return commandPlan(cmdlet('Start-CsClsLogging', { Scenario: placeholder('<scenario from the previous command>'), Duration: constant('0.00:30') }))
}

/** An SRV record line for the public zone. Names are shown as given; a record is never run. */
export function srvRecord(domain: string, priority: number, port: number, target: string): CommandPlan {
  return dnsRecordPlan(`_xmpp-server._tcp.${domain}. 3600 IN SRV ${priority} 0 ${port} ${target}.`)
}

/** An A record line for the public zone. */
export function addressRecord(host: string, address = '<Access Edge public IP address>'): CommandPlan {
  return dnsRecordPlan(`${host}. 3600 IN A ${address}`)
}

/**
 * Resolve-DnsName for the resolver the probe used ("system" or "host:port"). Its -Server takes an
 * address only (WIN/Resolve-DnsName), so for a resolver on another port than 53 the command asks port 53
 * of that address and is display-only, with the reason.
 */
export function resolveSrvWith(query: string, resolver: string): CommandPlan {
  if (resolver === 'system') return resolveDnsName(query, 'SRV')
  const parsed = /^\[([^\]]+)\]:(\d+)$/.exec(resolver) ?? /^([^:]+):(\d+)$/.exec(resolver)
  const address = parsed?.[1] ?? resolver
  const port = parsed?.[2] === undefined ? 53 : Number(parsed[2])
  const plan = resolveDnsName(query, 'SRV', address)
  if (port === 53 || plan.displayOnly) return plan
  return {
    ...plan,
    displayOnly: {
      en: `Shown only: Resolve-DnsName cannot ask a DNS server on port ${port} (-Server takes an address only); this command asks port 53 of ${address}, while the probe asked ${resolver}.`,
      'zh-TW': `僅供顯示：Resolve-DnsName 無法查詢連接埠 ${port} 上的 DNS 伺服器（-Server 只接受位址）；此命令查詢 ${address} 的連接埠 53，而探測查詢的是 ${resolver}。`,
    },
  }
}
