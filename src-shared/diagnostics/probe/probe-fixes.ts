/**
 * The fixes probe checks offer, as data: exact DNS records and cmdlets with the domain filled in.
 * Cmdlets and parameters come from PS/Set-CsXmppAllowedPartner, PS/Request-CsCertificate,
 * PS/Set-CsCertificate and DOC-SETUP (step 22: restart the services after assigning a certificate).
 */
import type { Fix } from '../check-types'
import { findNegotiationRow, type Negotiation } from '../negotiation-matrix'
import type { XmppPartner } from '../../evidence/evidence-model'
import { text } from '../../i18n/localized'
import { fixCommands } from '../../commands/command-model'
import {
  addressRecord,
  importPartnerRootCa,
  netstatPort,
  replaceEdgeCertificateCommands,
  resolveDnsName,
  setXmppPartner,
  getXmppPartner,
  srvRecord,
  testConnection,
} from '../../commands/fix-commands'
import { XMPP_SERVER_DEFAULT_PORT } from '../../probe/probe-types'

/** Placeholder shown when the evidence does not say the Access Edge external FQDN. */
export const EDGE_FQDN_PLACEHOLDER = '<access edge external FQDN>'

/** Publish the SRV record partners look up (DOC-SETUP step 23, DOC-DNS). */
export function publishSrvFix(domain: string, edgeFqdn: string | null): Fix {
  const target = edgeFqdn ?? EDGE_FQDN_PLACEHOLDER
  return {
    description: text(
      `Publish _xmpp-server._tcp.${domain} in the public DNS zone, pointing at the Access Edge external FQDN on port ${XMPP_SERVER_DEFAULT_PORT}, with an A record for ${target} that resolves to the Access Edge's public IP address.`,
      `在公用 DNS 區域發佈 _xmpp-server._tcp.${domain}，指向 Access Edge 外部 FQDN 的連接埠 ${XMPP_SERVER_DEFAULT_PORT}，並為 ${target} 建立解析到 Access Edge 公用 IP 位址的 A 記錄。`,
    ),
    ...fixCommands(srvRecord(domain, 0, XMPP_SERVER_DEFAULT_PORT, target), resolveDnsName(`_xmpp-server._tcp.${domain}`, 'SRV')),
    runOn: 'public-dns',
    changesServer: false,
  }
}

/** Publish an A record for an SRV target. */
export function publishAddressFix(host: string): Fix {
  return {
    description: text(
      `Publish an A record for ${host} that points at the Access Edge's public IP address (the SRV target must resolve).`,
      `為 ${host} 發佈指向 Access Edge 公用 IP 位址的 A 記錄（SRV 目標必須能解析）。`,
    ),
    ...fixCommands(addressRecord(host), resolveDnsName(host, 'A')),
    runOn: 'public-dns',
    changesServer: false,
  }
}

/** Something only the partner can change: say what to ask for. */
export function askPartnerFix(domain: string, en: string, zhTW: string): Fix {
  return {
    description: text(`Ask the administrators of ${domain} to ${en}`, `請 ${domain} 的管理員${zhTW}`),
    ...fixCommands(),
    runOn: 'partner',
    changesServer: false,
  }
}

/** Open TCP to the target, checked from where it failed. */
export function openPortFix(host: string, port: number, ours: boolean): Fix {
  return {
    description: ours
      ? text(
          `Allow inbound TCP ${port} from the Internet to the Access Edge external interface on the external firewall, and check that the Edge listens on it.`,
          `在外部防火牆上允許從網際網路連入 Access Edge 外部介面的 TCP ${port}，並確認 Edge 正在接聽此連接埠。`,
        )
      : text(
          `Allow outbound TCP ${port} from the Access Edge external interface to ${host}; if it is open on our side, the partner's firewall or server is refusing.`,
          `允許 Access Edge 外部介面連出到 ${host} 的 TCP ${port}；若我方已開放，則是夥伴的防火牆或伺服器拒絕連線。`,
        ),
    ...(ours ? fixCommands(netstatPort(port), testConnection(host, port)) : fixCommands(testConnection(host, port))),
    runOn: 'edge',
    changesServer: false,
  }
}

/** Replace our external Edge certificate with one that names the XMPP domain (DOC-CERT, DOC-SETUP steps 17–22). */
export function replaceEdgeCertificateFix(domain: string, edgeFqdn: string | null): Fix {
  return {
    description: text(
      `Request a new external Edge certificate whose subject alternative names include ${domain} itself (partners check the XMPP domain, not the Edge host name), assign it to AccessEdgeExternal, then restart the Edge services.`,
      `申請新的外部 Edge 憑證，主體別名須包含 ${domain} 本身（夥伴檢查的是 XMPP 網域，而不是 Edge 主機名稱），指派給 AccessEdgeExternal 後重新啟動 Edge 服務。`,
    ),
    // Without the Edge FQDN the request cannot be complete: the names become a placeholder (display-only).
    ...fixCommands(...replaceEdgeCertificateCommands(edgeFqdn ? [edgeFqdn, domain] : [])),
    runOn: 'edge',
    changesServer: true,
  }
}

/** Trust the partner's CA on the Edge (its certificate chain does not verify against the roots we know). */
export function trustPartnerCaFix(domain: string): Fix {
  return {
    description: text(
      `If ${domain} uses a private CA on purpose, import that CA's root certificate into the Edge's Trusted Root store (and pass it to the probe with --ca-file); otherwise ask the partner for a certificate from a public CA.`,
      `若 ${domain} 刻意使用私人 CA，請將該 CA 的根憑證匯入 Edge 的受信任根憑證存放區（並以 --ca-file 提供給探測）；否則請夥伴改用公用 CA 簽發的憑證。`,
    ),
    ...fixCommands(importPartnerRootCa()),
    runOn: 'edge',
    changesServer: true,
  }
}

/**
 * Change one negotiation setting of our partner entry, keeping a combination DOC-NEG calls valid:
 * when the single change would be invalid, the whole triple is set to the listed fallback.
 */
export function changePartnerNegotiationFix(
  entry: XmppPartner | null,
  domain: string,
  change: { readonly tls?: Negotiation; readonly sasl?: Negotiation; readonly dialback?: boolean },
  fallback: { readonly tls: Negotiation; readonly sasl: Negotiation; readonly dialback: boolean },
): Fix {
  const current = {
    tls: typeof entry?.tlsNegotiation === 'string' ? entry.tlsNegotiation : null,
    sasl: typeof entry?.saslNegotiation === 'string' ? entry.saslNegotiation : null,
    dialback: entry?.supportDialbackNegotiation ?? null,
  }
  const wanted = {
    tls: change.tls ?? current.tls,
    sasl: change.sasl ?? current.sasl,
    dialback: change.dialback ?? current.dialback,
  }
  const keepsValid =
    wanted.tls !== null &&
    wanted.sasl !== null &&
    wanted.dialback !== null &&
    findNegotiationRow(wanted.tls, wanted.sasl, wanted.dialback).verdict !== 'invalid'
  const chosen = keepsValid ? { ...change } : fallback
  return {
    description: text(
      `Change our XMPP partner entry for ${domain} to match what the partner offers (a combination Microsoft's negotiation table lists as valid).`,
      `修改我方對 ${domain} 的 XMPP 夥伴設定，使其符合夥伴提供的方式（採用 Microsoft 交涉對照表列為有效的組合）。`,
    ),
    ...fixCommands(setXmppPartner(domain, chosen), getXmppPartner(domain)),
    runOn: 'front-end',
    changesServer: true,
  }
}
