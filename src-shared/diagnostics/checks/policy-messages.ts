/**
 * Every message of the policy checks (policy-checks.ts), in both languages: a translator edits here, and the
 * checks read as logic. Property values stay as PowerShell writes them ($true, Identity names).
 */
import { text, type Localized } from '../../i18n/localized'
import type { ExternalAccessPolicy } from '../../evidence/evidence-model'
import type { PolicySource, PolicyTotals, denyingPolicies } from '../policy-precedence'

/** A policy that denies XMPP to some users, and why they get it. */
type DenyingPolicy = ReturnType<typeof denyingPolicies>[number]

export const ACCESS_EDGE_FEDERATION_MESSAGES = {
  title: text('Federation enabled on the Access Edge', 'Access Edge 已啟用同盟'),
  explanation: text(
    'AllowFederatedUsers on the Access Edge configuration must be True for any federated traffic, XMPP included.',
    'Access Edge 設定中的 AllowFederatedUsers 必須為 $true，任何同盟流量（包括 XMPP）才能通過。',
  ),
  federationOn: text('AllowFederatedUsers is True.', 'AllowFederatedUsers 為 $true。'),
  noValue: text('access-edge.json has no AllowFederatedUsers value.', 'access-edge.json 中沒有 AllowFederatedUsers 值。'),
  federationOff: text('AllowFederatedUsers is False: the Edge refuses all federation.', 'AllowFederatedUsers 為 $false：Edge 拒絕所有同盟連線。'),
  allowFix: text('Allow federated users on the Access Edge (run on a Front End; it replicates to the Edge).', '在 Access Edge 上允許同盟使用者（於前端伺服器執行；設定會複寫到 Edge）。'),
}

export const XMPP_POLICY_MESSAGES = {
  title: text('External access policy allows XMPP', '外部存取原則允許 XMPP'),
  explanation: text(
    'Users can reach XMPP partners only when the external access policy that applies to them has EnableXmppAccess = True (default False). The first that exists applies: the per-user policy granted to the user, else the policy of the site of their registrar pool, else the global policy. On a Front End the users are counted per effective policy.',
    '只有當套用到使用者的外部存取原則 EnableXmppAccess 為 $true（預設為 $false）時，使用者才能與 XMPP 夥伴通訊。套用順序為：授與使用者的個別使用者原則，其次是其註冊器集區所在站台的原則，最後是全域原則。在前端伺服器上會依實際套用的原則計算使用者人數。',
  ),

  // A Front End's view: users counted per effective policy.
  allUsersAllowed: (totals: PolicyTotals) => text(`All ${totals.total} users can use XMPP.`, `全部 ${totals.total} 位使用者都可以使用 XMPP。`),
  noUserAllowed: (denying: readonly DenyingPolicy[]) => {
    const named = denyingList(denying)
    return text(`No user can use XMPP: ${named.en} deny it.`, `沒有使用者可以使用 XMPP：${named['zh-TW']}不允許。`)
  },
  mostUsersDenied: (totals: PolicyTotals, denying: readonly DenyingPolicy[]) => {
    const named = denyingList(denying)
    return text(
      `Most users cannot use XMPP: ${totals.denied} of ${totals.total} get a policy that denies it: ${named.en}.`,
      `大多數使用者無法使用 XMPP：${totals.total} 位中有 ${totals.denied} 位套用的原則不允許：${named['zh-TW']}。`,
    )
  },
  someUsersDenied: (totals: PolicyTotals, denying: readonly DenyingPolicy[]) => {
    const named = denyingList(denying)
    return text(
      `${totals.denied} of ${totals.total} users cannot use XMPP: ${named.en}.`,
      `${totals.total} 位使用者中有 ${totals.denied} 位無法使用 XMPP：${named['zh-TW']}。`,
    )
  },
  undetermined: (totals: PolicyTotals) =>
    text(
      `The policy of ${totals.undetermined} of ${totals.total} users could not be told (their grant names a missing policy, or their registrar pool's site was not collected).`,
      `${totals.total} 位使用者中有 ${totals.undetermined} 位的套用原則無法判定（授與的原則不存在，或未收集其註冊器集區所在的站台）。`,
    ),

  // An Edge's view: every policy that could apply.
  noPolicyEnabled: (checked: number) =>
    text(`No external access policy has EnableXmppAccess = True (${checked} checked).`, `沒有任何外部存取原則的 EnableXmppAccess 為 $true（已檢查 ${checked} 個）。`),
  everyPolicyAllows: text('Every external access policy allows XMPP.', '每個外部存取原則都允許 XMPP。'),
  globalAllowsOthersDeny: (deniedSites: readonly ExternalAccessPolicy[], deniedUsers: readonly ExternalAccessPolicy[]) => {
    const sitesEn = deniedSites.map((p) => `every user homed in ${p.identity.replace(/^site:/i, 'site ')} without a per-user policy (${p.identity})`)
    const sitesZh = deniedSites.map((p) => `註冊於站台 ${p.identity.replace(/^site:/i, '')} 且沒有個別使用者原則的所有使用者（${p.identity}）`)
    const usersEn = deniedUsers.map((p) => `users granted ${p.identity}`)
    const usersZh = deniedUsers.map((p) => `授與 ${p.identity} 的使用者`)
    return text(
      `The global policy allows XMPP, but these cannot use it: ${[...sitesEn, ...usersEn].join('; ')}. Collect on a Front End to count them.`,
      `全域原則允許 XMPP，但以下使用者無法使用：${[...sitesZh, ...usersZh].join('；')}。請在前端伺服器上收集證據以計算人數。`,
    )
  },
  onlySomeAllow: (enabled: readonly ExternalAccessPolicy[], hasPerUser: boolean) =>
    text(
      `XMPP is allowed only in ${enabled.map((p) => p.identity).join(', ')}; the global policy denies it to everyone else.${hasPerUser ? ' Who has the per-user policy shows on a Front End.' : ''}`,
      `只有 ${enabled.map((p) => p.identity).join('、')} 允許 XMPP；其他使用者套用全域原則，無法使用。${hasPerUser ? '哪些使用者套用個別使用者原則，需在前端伺服器上查看。' : ''}`,
    ),

  // Fixes.
  countPerUserFix: text('Check who has the per-user policy.', '檢查哪些使用者套用了此個別使用者原則。'),
  enableOrGrantFix: (identity: string, grantInstead: string) =>
    text(
      `Either enable XMPP access in ${identity}, the policy these users get, or grant them ${grantInstead}, which allows XMPP but is granted to nobody (the second command grants it to every user).`,
      `請在這些使用者所套用的原則 ${identity} 中啟用 XMPP 存取，或授與允許 XMPP 但尚未授與任何人的 ${grantInstead}（第二個命令會授與所有使用者）。`,
    ),
  enableFix: (identity: string) =>
    text(
      `Enable XMPP access in ${identity}, the policy these users get (or grant them a policy that allows it).`,
      `在這些使用者所套用的原則 ${identity} 中啟用 XMPP 存取（或授與允許 XMPP 的原則）。`,
    ),
}

/** "Tag:NoXmpp (12 per-user grant); site:Paris (30 homed in site Paris)", in each language. */
function denyingList(denying: readonly DenyingPolicy[]): Localized {
  return text(
    denying.map((d) => `${d.policy.identity} (${d.users} ${d.sources.map(sourceWords).join(', ')})`).join('; '),
    denying.map((d) => `${d.policy.identity}（${d.users} 位，${d.sources.map(sourceWordsZh).join('、')}）`).join('；'),
  )
}

/** Why a group of users gets its policy, for the evidence line (English: evidence is never translated). */
export function sourceWords(source: PolicySource): string {
  switch (source.kind) {
    case 'per-user':
      return 'per-user grant'
    case 'site':
      return `homed in site ${source.site}`
    case 'global':
      return 'global'
    case 'missing-per-user':
      return `granted ${source.name}, which does not exist`
    case 'site-unknown':
      return 'site not known'
  }
}

function sourceWordsZh(source: PolicySource): string {
  switch (source.kind) {
    case 'per-user':
      return '個別授與'
    case 'site':
      return `註冊於站台 ${source.site}`
    case 'global':
      return '全域'
    case 'missing-per-user':
      return `授與的 ${source.name} 不存在`
    case 'site-unknown':
      return '站台不明'
  }
}
