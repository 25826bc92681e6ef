/**
 * The title and explanation of every live probe check (probe-checks.ts), in both languages: a translator edits
 * here. What each check says about a domain is in its judge's table (diagnostics/probe/*-messages.ts).
 */
import { text, type Localized } from '../../i18n/localized'
import type { CheckId } from '../check-types'

type ProbeCheckId = Extract<CheckId, `s2s-${string}`>

export const PROBE_CHECK_MESSAGES: Readonly<Record<ProbeCheckId, { readonly title: Localized; readonly explanation: Localized }>> = {
  's2s-dns-srv': {
    title: text('_xmpp-server._tcp SRV record (live)', '_xmpp-server._tcp SRV 記錄（即時）'),
    explanation: text(
      'A federating server looks up _xmpp-server._tcp.<domain> (and _xmpps-server._tcp for direct TLS) to find where to connect; without it, only servers that fall back to <domain>:5269 get anywhere.',
      '同盟伺服器會查詢 _xmpp-server._tcp.<網域>（直接 TLS 則查 _xmpps-server._tcp）以找到連線位置；沒有此記錄時，只有會改用 <網域>:5269 的伺服器能連上。',
    ),
  },
  's2s-target-resolves': {
    title: text('SRV targets resolve (live)', 'SRV 目標可解析（即時）'),
    explanation: text(
      'Every host an SRV record names needs an A or AAAA record, or partners have nowhere to connect.',
      'SRV 記錄指定的每台主機都需要 A 或 AAAA 記錄，否則夥伴無處可連。',
    ),
  },
  's2s-port-reachable': {
    title: text('Server-to-server port reachable (live)', '伺服器對伺服器連接埠可連線（即時）'),
    explanation: text(
      'The probe opens a TCP connection to each target on the SRV port (5269 by default); a firewall in between is the usual reason it fails.',
      '探測會以 SRV 連接埠（預設 5269）對每個目標建立 TCP 連線；失敗的常見原因是中間的防火牆。',
    ),
  },
  's2s-stream-opens': {
    title: text('XMPP stream opens (live)', 'XMPP 串流可開啟（即時）'),
    explanation: text(
      'The probe sends an S2S stream header (jabber:server, to=<domain>) and expects a stream header and <stream:features> back; a stream error is named and explained.',
      '探測會送出伺服器對伺服器串流標頭（jabber:server，to=<網域>），並預期收到串流標頭與 <stream:features>；若收到串流錯誤，會列出名稱並說明。',
    ),
  },
  's2s-starttls-offered': {
    title: text('STARTTLS offered and working (live)', '提供 STARTTLS 且可運作（即時）'),
    explanation: text(
      'Lync partners default to TlsNegotiation=Required, so the other side must offer STARTTLS and complete the TLS handshake; our partner entry must match what the partner does.',
      'Lync 夥伴的 TlsNegotiation 預設為 Required，因此對方必須提供 STARTTLS 並完成 TLS 交握；我方夥伴設定必須與對方的做法一致。',
    ),
  },
  's2s-certificate-names': {
    title: text('Certificate names the XMPP domain (live)', '憑證包含 XMPP 網域（即時）'),
    explanation: text(
      'XMPP servers check the certificate against the XMPP domain itself (DNS-ID, SRV-ID _xmpp-server.<domain> or XmppAddr), not against the SRV target host; this is why the Edge certificate needs the bare domain.',
      'XMPP 伺服器會以 XMPP 網域本身（DNS-ID、SRV-ID _xmpp-server.<網域> 或 XmppAddr）檢查憑證，而不是 SRV 目標主機；這就是 Edge 憑證需要包含網域本身的原因。',
    ),
  },
  's2s-certificate-not-expiring': {
    title: text('Certificate in date (live)', '憑證在有效期內（即時）'),
    explanation: text(
      'The certificate presented on the S2S port must be valid now and should not expire within 30 days.',
      '伺服器對伺服器連接埠出示的憑證目前必須有效，且不應在 30 天內到期。',
    ),
  },
  's2s-certificate-trusted': {
    title: text('Certificate chain trusted (live)', '憑證鏈受信任（即時）'),
    explanation: text(
      "The chain must verify to a trusted root. The probe trusts Node.js's bundled public roots plus any --ca-file; the Edge uses the Windows Trusted Root store, which may differ.",
      '憑證鏈必須能驗證到受信任的根憑證。探測信任 Node.js 內建的公用根憑證以及以 --ca-file 提供的憑證；Edge 使用 Windows 受信任的根憑證存放區，兩者可能不同。',
    ),
  },
  's2s-auth-available': {
    title: text('Dialback or SASL EXTERNAL offered (live)', '提供回撥或 SASL EXTERNAL（即時）'),
    explanation: text(
      'After TLS a server authenticates with server dialback (XEP-0220) or SASL EXTERNAL (XEP-0178); at least one must be offered and allowed by our partner entry.',
      'TLS 之後，伺服器會以伺服器回撥（XEP-0220）或 SASL EXTERNAL（XEP-0178）驗證；至少要提供其中一種，且我方夥伴設定允許使用。',
    ),
  },
}
