/**
 * Federation on the Access Edge and the external access policy that lets users talk to XMPP partners.
 * DOC-GTALK step 5 (AllowFederatedUsers), DOC-SETUP step 24 (EnableXmppAccess — written there with typos that
 * we correct), PS/Grant-CsExternalAccessPolicy (precedence: per-user > site > global).
 */
import type { CheckDefinition, CheckOutcome, EvidenceItem, Fix } from '../check-types'
import type { ExternalAccessPolicy, LyncSite, PolicyGrantCount } from '../../evidence/evidence-model'
import { text } from '../../i18n/localized'
import { fixCommands } from '../../commands/command-model'
import { allowFederatedUsers, countUsersWithPolicy, enableXmppInPolicy, grantPolicyToAllUsers } from '../../commands/fix-commands'
import { unknownBecause, valueOf } from '../evidence-access'
import { denyingPolicies, effectivePolicyGroups, scopeOf, totalsOf, type EffectivePolicyGroup, type PolicySource } from '../policy-precedence'

function policyEvidence(policy: ExternalAccessPolicy): EvidenceItem {
  return {
    source: 'external-access-policies.json',
    text: `Identity=${policy.identity}  EnableFederationAccess=${policy.enableFederationAccess}  EnableXmppAccess=${policy.enableXmppAccess}`,
  }
}

export const accessEdgeFederationEnabled: CheckDefinition<'access-edge-federation-enabled'> = {
  id: 'access-edge-federation-enabled',
  group: 'policies',
  title: text('Federation enabled on the Access Edge', 'Access Edge 已啟用同盟'),
  explanation: text(
    'AllowFederatedUsers on the Access Edge configuration must be True for any federated traffic, XMPP included.',
    'Access Edge 設定中的 AllowFederatedUsers 必須為 True，任何同盟流量（包括 XMPP）才能通過。',
  ),
  reads: ['access-edge.json'],
  source: 'DOC-GTALK step 5; PS/Set-CsAccessEdgeConfiguration',
  evaluate: ({ evidence }) => {
    if (evidence.accessEdge.state !== 'collected') return unknownBecause('access-edge.json', evidence.accessEdge)
    const config = evidence.accessEdge.value
    const item = { source: 'access-edge.json', text: `Identity=${config.identity}  AllowFederatedUsers=${config.allowFederatedUsers}` }
    if (config.allowFederatedUsers === true) {
      return { status: 'pass', summary: text('AllowFederatedUsers is True.', 'AllowFederatedUsers 為 True。'), evidence: [item], fix: null }
    }
    if (config.allowFederatedUsers === null) {
      return {
        status: 'unknown',
        summary: text('access-edge.json has no AllowFederatedUsers value.', 'access-edge.json 中沒有 AllowFederatedUsers 值。'),
        evidence: [item],
        fix: null,
      }
    }
    return {
      status: 'fail',
      summary: text('AllowFederatedUsers is False: the Edge refuses all federation.', 'AllowFederatedUsers 為 False：Edge 拒絕所有同盟連線。'),
      evidence: [item],
      fix: {
        description: text('Allow federated users on the Access Edge (run on a Front End; it replicates to the Edge).', '在 Access Edge 上允許同盟使用者（於前端伺服器執行；設定會複寫到 Edge）。'),
        ...fixCommands(allowFederatedUsers()),
        runOn: 'front-end',
        changesServer: true,
      },
    }
  },
}

export const xmppAccessPolicyEnabled: CheckDefinition<'xmpp-access-policy-enabled'> = {
  id: 'xmpp-access-policy-enabled',
  group: 'policies',
  title: text('External access policy allows XMPP', '外部存取原則允許 XMPP'),
  explanation: text(
    'Users can reach XMPP partners only when the external access policy that applies to them has EnableXmppAccess = True (default False). The first that exists applies: the per-user policy granted to the user, else the policy of the site of their registrar pool, else the global policy. On a Front End the users are counted per effective policy.',
    '只有當套用到使用者的外部存取原則 EnableXmppAccess 為 True（預設為 False）時，使用者才能與 XMPP 夥伴通訊。套用順序為：授與使用者的個別使用者原則，其次是其註冊器集區所在站台的原則，最後是全域原則。在前端伺服器上會依實際套用的原則計算使用者人數。',
  ),
  reads: ['external-access-policies.json', 'policy-grants.json', 'sites.json'],
  source: 'DOC-SETUP step 24; PS/Grant-CsExternalAccessPolicy (per-user > site > global); PS2017/New-CsExternalAccessPolicy',
  evaluate: ({ evidence }) => {
    if (evidence.externalAccessPolicies.state !== 'collected') {
      return unknownBecause('external-access-policies.json', evidence.externalAccessPolicies)
    }
    const policies = evidence.externalAccessPolicies.value
    const items = policies.map(policyEvidence)
    const grants = valueOf(evidence.policyGrants)
    if (grants && grants.some((g) => g.userCount > 0)) return judgeUsers(policies, grants, valueOf(evidence.sites) ?? [], items)
    return judgePolicies(policies, items)
  },
}

/** A Front End's view: the users counted per effective policy. */
function judgeUsers(policies: readonly ExternalAccessPolicy[], grants: readonly PolicyGrantCount[], sites: readonly LyncSite[], items: EvidenceItem[]): CheckOutcome {
  const groups = effectivePolicyGroups(policies, grants, sites)
  const totals = totalsOf(groups)
  const denying = denyingPolicies(groups)
  const evidence = [...items, ...groups.map(groupEvidence)]
  const named = denying.map((d) => `${d.policy.identity} (${d.users} ${d.sources.map(sourceWords).join(', ')})`)
  const namedZh = denying.map((d) => `${d.policy.identity}（${d.users} 位，${d.sources.map(sourceWordsZh).join('、')}）`)
  // A per-user policy that allows XMPP but is granted to nobody is the other way out: grant it.
  const unusedEnabling = policies.find((p) => scopeOf(p.identity) === 'user' && p.enableXmppAccess === true && !groups.some((g) => g.policy === p && g.users > 0))
  const fix = denying[0] ? enableFixFor(denying[0].policy.identity, unusedEnabling?.identity) : null
  if (totals.denied === 0 && totals.undetermined === 0) {
    return { status: 'pass', summary: text(`All ${totals.total} users can use XMPP.`, `全部 ${totals.total} 位使用者都可以使用 XMPP。`), evidence, fix: null }
  }
  if (totals.allowed === 0 && totals.undetermined === 0) {
    return {
      status: 'fail',
      summary: text(`No user can use XMPP: ${named.join('; ')} deny it.`, `沒有使用者可以使用 XMPP：${namedZh.join('；')}不允許。`),
      evidence,
      fix,
    }
  }
  if (totals.denied * 2 > totals.total) {
    return {
      status: 'fail',
      summary: text(
        `Most users cannot use XMPP: ${totals.denied} of ${totals.total} get a policy that denies it: ${named.join('; ')}.`,
        `大多數使用者無法使用 XMPP：${totals.total} 位中有 ${totals.denied} 位套用的原則不允許：${namedZh.join('；')}。`,
      ),
      evidence,
      fix,
    }
  }
  if (totals.denied > 0) {
    return {
      status: 'warn',
      summary: text(
        `${totals.denied} of ${totals.total} users cannot use XMPP: ${named.join('; ')}.`,
        `${totals.total} 位使用者中有 ${totals.denied} 位無法使用 XMPP：${namedZh.join('；')}。`,
      ),
      evidence,
      fix,
    }
  }
  return {
    status: 'unknown',
    summary: text(
      `The policy of ${totals.undetermined} of ${totals.total} users could not be told (their grant names a missing policy, or their registrar pool's site was not collected).`,
      `${totals.total} 位使用者中有 ${totals.undetermined} 位的套用原則無法判定（授與的原則不存在，或未收集其註冊器集區所在的站台）。`,
    ),
    evidence,
    fix: null,
  }
}

/** An Edge's view (users are not visible there): every policy that could apply, judged by what it would deny. */
function judgePolicies(policies: readonly ExternalAccessPolicy[], items: EvidenceItem[]): CheckOutcome {
  const enabled = policies.filter((p) => p.enableXmppAccess === true)
  const globalPolicy = policies.find((p) => scopeOf(p.identity) === 'global')
  if (enabled.length === 0) {
    return {
      status: 'fail',
      summary: text(`No external access policy has EnableXmppAccess = True (${policies.length} checked).`, `沒有任何外部存取原則的 EnableXmppAccess 為 True（已檢查 ${policies.length} 個）。`),
      evidence: items,
      fix: enableFixFor('Global'),
    }
  }
  const deniedSites = policies.filter((p) => scopeOf(p.identity) === 'site' && p.enableXmppAccess !== true)
  const deniedUsers = policies.filter((p) => scopeOf(p.identity) === 'user' && p.enableXmppAccess !== true)
  if (globalPolicy?.enableXmppAccess === true && deniedSites.length === 0 && deniedUsers.length === 0) {
    return { status: 'pass', summary: text('Every external access policy allows XMPP.', '每個外部存取原則都允許 XMPP。'), evidence: items, fix: null }
  }
  if (globalPolicy?.enableXmppAccess === true) {
    // The global policy alone proves nothing for users of a site or per-user policy that denies XMPP.
    const sitesEn = deniedSites.map((p) => `every user homed in ${p.identity.replace(/^site:/i, 'site ')} without a per-user policy (${p.identity})`)
    const sitesZh = deniedSites.map((p) => `註冊於站台 ${p.identity.replace(/^site:/i, '')} 且沒有個別使用者原則的所有使用者（${p.identity}）`)
    const usersEn = deniedUsers.map((p) => `users granted ${p.identity}`)
    const usersZh = deniedUsers.map((p) => `授與 ${p.identity} 的使用者`)
    return {
      status: 'warn',
      summary: text(
        `The global policy allows XMPP, but these cannot use it: ${[...sitesEn, ...usersEn].join('; ')}. Collect on a Front End to count them.`,
        `全域原則允許 XMPP，但以下使用者無法使用：${[...sitesZh, ...usersZh].join('；')}。請在前端伺服器上收集證據以計算人數。`,
      ),
      evidence: items,
      fix: enableFixFor((deniedSites[0] ?? deniedUsers[0])?.identity ?? 'Global'),
    }
  }
  const perUser = enabled.filter((p) => scopeOf(p.identity) === 'user')
  return {
    status: 'warn',
    summary: text(
      `XMPP is allowed only in ${enabled.map((p) => p.identity).join(', ')}; the global policy denies it to everyone else.${perUser.length > 0 ? ' Who has the per-user policy shows on a Front End.' : ''}`,
      `只有 ${enabled.map((p) => p.identity).join('、')} 允許 XMPP；其他使用者套用全域原則，無法使用。${perUser.length > 0 ? '哪些使用者套用個別使用者原則，需在前端伺服器上查看。' : ''}`,
    ),
    evidence: items,
    fix:
      perUser.length > 0
        ? {
            description: text('Check who has the per-user policy.', '檢查哪些使用者套用了此個別使用者原則。'),
            ...fixCommands(...perUser.slice(0, 1).map((p) => countUsersWithPolicy(p.identity))),
            runOn: 'front-end',
            changesServer: false,
          }
        : enableFixFor('Global'),
  }
}

/**
 * Enable XMPP in the policy that denies it (run on a Front End; it replicates to the Edge), or, when a per-user
 * policy that allows XMPP exists but nobody has it, grant that one instead (Grant-CsExternalAccessPolicy).
 */
function enableFixFor(identity: string, grantInstead?: string): Fix {
  if (grantInstead) {
    return {
      description: text(
        `Either enable XMPP access in ${identity}, the policy these users get, or grant them ${grantInstead}, which allows XMPP but is granted to nobody (the second command grants it to every user).`,
        `請在這些使用者所套用的原則 ${identity} 中啟用 XMPP 存取，或授與允許 XMPP 但尚未授與任何人的 ${grantInstead}（第二個命令會授與所有使用者）。`,
      ),
      ...fixCommands(enableXmppInPolicy(identity), grantPolicyToAllUsers(grantInstead)),
      runOn: 'front-end',
      changesServer: true,
    }
  }
  return {
    description: text(
      `Enable XMPP access in ${identity}, the policy these users get (or grant them a policy that allows it).`,
      `在這些使用者所套用的原則 ${identity} 中啟用 XMPP 存取（或授與允許 XMPP 的原則）。`,
    ),
    ...fixCommands(enableXmppInPolicy(identity)),
    runOn: 'front-end',
    changesServer: true,
  }
}

function groupEvidence(group: EffectivePolicyGroup): EvidenceItem {
  const pool = group.registrarPool ? ` RegistrarPool=${group.registrarPool}` : ''
  const policy = group.policy ? `${group.policy.identity} (EnableXmppAccess=${group.policy.enableXmppAccess})` : 'unknown'
  return { source: 'policy-grants.json', text: `${group.users} user(s)${pool} → ${policy} [${sourceWords(group.source)}]` }
}

function sourceWords(source: PolicySource): string {
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
