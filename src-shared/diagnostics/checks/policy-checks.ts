/**
 * Federation on the Access Edge and the external access policy that lets users talk to XMPP partners.
 * DOC-GTALK step 5 (AllowFederatedUsers), DOC-SETUP step 24 (EnableXmppAccess — written there with typos that
 * we correct), PS/Grant-CsExternalAccessPolicy (precedence: per-user > site > global).
 */
import type { CheckDefinition, EvidenceItem } from '../check-types'
import type { ExternalAccessPolicy } from '../../evidence/evidence-model'
import { text } from '../../i18n/localized'
import { fixCommands } from '../../commands/command-model'
import { allowFederatedUsers, countUsersWithPolicy, enableXmppInPolicy, grantPolicyToAllUsers } from '../../commands/fix-commands'
import { unknownBecause, valueOf } from '../evidence-access'

function policyEvidence(policy: ExternalAccessPolicy): EvidenceItem {
  return {
    source: 'external-access-policies.json',
    text: `Identity=${policy.identity}  EnableFederationAccess=${policy.enableFederationAccess}  EnableXmppAccess=${policy.enableXmppAccess}`,
  }
}

type PolicyScope = 'global' | 'site' | 'user'

/** Global, site:<name>, or a per-user policy (tag:<name>, or a bare name as New-CsExternalAccessPolicy -Identity FedPic creates). */
function scopeOf(identity: string): PolicyScope {
  const lower = identity.trim().toLowerCase()
  if (lower === 'global') return 'global'
  if (lower.startsWith('site:')) return 'site'
  return 'user'
}

/** The name Grant-CsExternalAccessPolicy -PolicyName takes: the identity without "tag:". */
function grantName(identity: string): string {
  return identity.replace(/^tag:/i, '')
}

export const accessEdgeFederationEnabled: CheckDefinition = {
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

export const xmppAccessPolicyEnabled: CheckDefinition = {
  id: 'xmpp-access-policy-enabled',
  group: 'policies',
  title: text('External access policy allows XMPP', '外部存取原則允許 XMPP'),
  explanation: text(
    'Users can reach XMPP partners only when the external access policy that applies to them has EnableXmppAccess = True. The default is False. A per-user policy applies only to users it was granted to.',
    '只有當套用到使用者的外部存取原則 EnableXmppAccess 為 True 時，使用者才能與 XMPP 夥伴通訊。預設值為 False。個別使用者原則只套用到已授與的使用者。',
  ),
  reads: ['external-access-policies.json', 'policy-grants.json'],
  source: 'DOC-SETUP step 24; PS2017/New-CsExternalAccessPolicy; PS/Grant-CsExternalAccessPolicy',
  evaluate: ({ evidence }) => {
    if (evidence.externalAccessPolicies.state !== 'collected') {
      return unknownBecause('external-access-policies.json', evidence.externalAccessPolicies)
    }
    const policies = evidence.externalAccessPolicies.value
    const items = policies.map(policyEvidence)
    const enabled = policies.filter((p) => p.enableXmppAccess === true)
    const globalPolicy = policies.find((p) => scopeOf(p.identity) === 'global')
    const enableGlobalFix = {
      description: text(
        'Enable XMPP access in the policy your users get (global here; use the site or per-user policy name instead if that is the one that applies).',
        '在使用者所套用的原則中啟用 XMPP 存取（此處為全域原則；若套用的是站台或個別使用者原則，請改用該原則名稱）。',
      ),
      ...fixCommands(enableXmppInPolicy('Global')),
      runOn: 'front-end' as const,
      changesServer: true,
    }
    if (enabled.length === 0) {
      return {
        status: 'fail',
        summary: text(
          `No external access policy has EnableXmppAccess = True (${policies.length} checked).`,
          `沒有任何外部存取原則的 EnableXmppAccess 為 True（已檢查 ${policies.length} 個）。`,
        ),
        evidence: items,
        fix: enableGlobalFix,
      }
    }
    if (globalPolicy?.enableXmppAccess === true) {
      return {
        status: 'pass',
        summary: text('The global policy allows XMPP for everyone without a more specific policy.', '全域原則允許所有未套用更特定原則的使用者使用 XMPP。'),
        evidence: items,
        fix: null,
      }
    }
    const site = enabled.filter((p) => scopeOf(p.identity) === 'site')
    const perUser = enabled.filter((p) => scopeOf(p.identity) === 'user')
    const grants = valueOf(evidence.policyGrants)
    if (perUser.length > 0 && grants) {
      const granted = perUser
        .map((p) => ({ policy: p, users: grants.filter((g) => g.policy && grantName(g.policy).toLowerCase() === grantName(p.identity).toLowerCase()).reduce((n, g) => n + g.userCount, 0) }))
      const grantItems = granted.map((g) => ({ source: 'policy-grants.json', text: `${g.policy.identity}: ${g.users} user(s)` }))
      if (granted.every((g) => g.users === 0) && site.length === 0) {
        const identity = perUser[0]?.identity ?? null
        return {
          status: 'fail',
          summary: text(
            `XMPP is enabled only in per-user policy ${perUser.map((p) => p.identity).join(', ')}, which is granted to no user.`,
            `XMPP 只在個別使用者原則 ${perUser.map((p) => p.identity).join('、')} 中啟用，但該原則未授與任何使用者。`,
          ),
          evidence: [...items, ...grantItems],
          fix: {
            description: text('Grant the policy to the users who need XMPP (here: every user), or enable XMPP in the global policy.', '將此原則授與需要 XMPP 的使用者（此處為所有使用者），或在全域原則中啟用 XMPP。'),
            ...fixCommands(...(identity === null ? [] : [grantPolicyToAllUsers(identity)]), enableXmppInPolicy('Global')),
            runOn: 'front-end',
            changesServer: true,
          },
        }
      }
      return {
        status: 'warn',
        summary: text(
          `XMPP is allowed only for users of ${enabled.map((p) => p.identity).join(', ')}; others get the global policy, which denies it.`,
          `只有套用 ${enabled.map((p) => p.identity).join('、')} 的使用者可以使用 XMPP；其他使用者套用全域原則，無法使用。`,
        ),
        evidence: [...items, ...grantItems],
        fix: enableGlobalFix,
      }
    }
    return {
      status: 'warn',
      summary: text(
        `XMPP is allowed only in ${enabled.map((p) => p.identity).join(', ')}; the global policy denies it.${perUser.length > 0 ? ' Grants of per-user policies were not collected (run the collector on a Front End).' : ''}`,
        `只有 ${enabled.map((p) => p.identity).join('、')} 允許 XMPP；全域原則不允許。${perUser.length > 0 ? '未收集個別使用者原則的授與情況（請在前端伺服器上執行收集程式）。' : ''}`,
      ),
      evidence: items,
      fix: perUser.length > 0
        ? {
            description: text('Check who has the per-user policy.', '檢查哪些使用者套用了此個別使用者原則。'),
            ...fixCommands(...perUser.slice(0, 1).map((p) => countUsersWithPolicy(p.identity))),
            runOn: 'front-end',
            changesServer: false,
          }
        : enableGlobalFix,
    }
  },
}
