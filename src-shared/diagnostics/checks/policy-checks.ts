/**
 * Federation on the Access Edge and the external access policy that lets users talk to XMPP partners.
 * DOC-GTALK step 5 (AllowFederatedUsers), DOC-SETUP step 24 (EnableXmppAccess — written there with typos that
 * we correct), PS/Grant-CsExternalAccessPolicy (precedence: per-user > site > global).
 */
import type { CheckDefinition, CheckOutcome, EvidenceItem, Fix } from '../check-types'
import type { ExternalAccessPolicy, LyncSite, PolicyGrantCount } from '../../evidence/evidence-model'
import { fixCommands } from '../../commands/command-model'
import { allowFederatedUsers, countUsersWithPolicy, enableXmppInPolicy, grantPolicyToAllUsers } from '../../commands/fix-commands'
import { unknownBecause, valueOf } from '../evidence-access'
import { denyingPolicies, effectivePolicyGroups, scopeOf, totalsOf, type EffectivePolicyGroup } from '../policy-precedence'
import { ACCESS_EDGE_FEDERATION_MESSAGES as EDGE, XMPP_POLICY_MESSAGES as POLICY, sourceWords } from './policy-messages'

function policyEvidence(policy: ExternalAccessPolicy): EvidenceItem {
  return {
    source: 'external-access-policies.json',
    text: `Identity=${policy.identity}  EnableFederationAccess=${policy.enableFederationAccess}  EnableXmppAccess=${policy.enableXmppAccess}`,
  }
}

export const accessEdgeFederationEnabled: CheckDefinition<'access-edge-federation-enabled'> = {
  id: 'access-edge-federation-enabled',
  group: 'policies',
  title: EDGE.title,
  explanation: EDGE.explanation,
  reads: ['access-edge.json'],
  source: 'DOC-GTALK step 5; PS/Set-CsAccessEdgeConfiguration',
  evaluate: ({ evidence }) => {
    if (evidence.accessEdge.state !== 'collected') return unknownBecause('access-edge.json', evidence.accessEdge)
    const config = evidence.accessEdge.value
    const item = { source: 'access-edge.json', text: `Identity=${config.identity}  AllowFederatedUsers=${config.allowFederatedUsers}` }
    if (config.allowFederatedUsers === true) {
      return { status: 'pass', summary: EDGE.federationOn, evidence: [item], fix: null }
    }
    if (config.allowFederatedUsers === null) {
      return { status: 'unknown', summary: EDGE.noValue, evidence: [item], fix: null }
    }
    return {
      status: 'fail',
      summary: EDGE.federationOff,
      evidence: [item],
      fix: {
        description: EDGE.allowFix,
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
  title: POLICY.title,
  explanation: POLICY.explanation,
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
  // A per-user policy that allows XMPP but is granted to nobody is the other way out: grant it.
  const unusedEnabling = policies.find((p) => scopeOf(p.identity) === 'user' && p.enableXmppAccess === true && !groups.some((g) => g.policy === p && g.users > 0))
  const fix = denying[0] ? enableFixFor(denying[0].policy.identity, unusedEnabling?.identity) : null
  if (totals.denied === 0 && totals.undetermined === 0) {
    return { status: 'pass', summary: POLICY.allUsersAllowed(totals), evidence, fix: null }
  }
  if (totals.allowed === 0 && totals.undetermined === 0) return { status: 'fail', summary: POLICY.noUserAllowed(denying), evidence, fix }
  if (totals.denied * 2 > totals.total) return { status: 'fail', summary: POLICY.mostUsersDenied(totals, denying), evidence, fix }
  if (totals.denied > 0) return { status: 'warn', summary: POLICY.someUsersDenied(totals, denying), evidence, fix }
  return { status: 'unknown', summary: POLICY.undetermined(totals), evidence, fix: null }
}

/** An Edge's view (users are not visible there): every policy that could apply, judged by what it would deny. */
function judgePolicies(policies: readonly ExternalAccessPolicy[], items: EvidenceItem[]): CheckOutcome {
  const enabled = policies.filter((p) => p.enableXmppAccess === true)
  const globalPolicy = policies.find((p) => scopeOf(p.identity) === 'global')
  if (enabled.length === 0) {
    return { status: 'fail', summary: POLICY.noPolicyEnabled(policies.length), evidence: items, fix: enableFixFor('Global') }
  }
  const deniedSites = policies.filter((p) => scopeOf(p.identity) === 'site' && p.enableXmppAccess !== true)
  const deniedUsers = policies.filter((p) => scopeOf(p.identity) === 'user' && p.enableXmppAccess !== true)
  if (globalPolicy?.enableXmppAccess === true && deniedSites.length === 0 && deniedUsers.length === 0) {
    return { status: 'pass', summary: POLICY.everyPolicyAllows, evidence: items, fix: null }
  }
  if (globalPolicy?.enableXmppAccess === true) {
    // The global policy alone proves nothing for users of a site or per-user policy that denies XMPP.
    return {
      status: 'warn',
      summary: POLICY.globalAllowsOthersDeny(deniedSites, deniedUsers),
      evidence: items,
      fix: enableFixFor((deniedSites[0] ?? deniedUsers[0])?.identity ?? 'Global'),
    }
  }
  const perUser = enabled.filter((p) => scopeOf(p.identity) === 'user')
  return {
    status: 'warn',
    summary: POLICY.onlySomeAllow(enabled, perUser.length > 0),
    evidence: items,
    fix:
      perUser.length > 0
        ? {
            description: POLICY.countPerUserFix,
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
      description: POLICY.enableOrGrantFix(identity, grantInstead),
      ...fixCommands(enableXmppInPolicy(identity), grantPolicyToAllUsers(grantInstead)),
      runOn: 'front-end',
      changesServer: true,
    }
  }
  return {
    description: POLICY.enableFix(identity),
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
