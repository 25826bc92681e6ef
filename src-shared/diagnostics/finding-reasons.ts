/**
 * Every finding code (`reason` on a check outcome) each check can produce. The tree branches on them
 * (`onReason`), failure-titles.ts words some of them more precisely and the setup checklist reads two: typed
 * here, a misspelt or misattributed code on either side is a type error, and tests/diagnostics/finding-reasons
 * runs the checks to prove each code the tree or the titles name is one a check really produces.
 */
import type { CheckId } from './check-ids'
import type { ProbeErrorCode } from '../probe/probe-types'

/** The fixed codes, per check (a check absent here never sets `reason`). Stable like check ids. */
export const FINDING_REASONS = {
  'xmpp-external-port-listening': ['port-not-listening', 'port-held-by-other-process'],
  'xmpp-internal-port-listening': ['port-not-listening', 'port-held-by-other-process'],
  'edge-certificate-valid': ['proxy-started-before-certificate', 'proxy-started-after-certificate'],
  's2s-dns-srv': [
    'srv-service-refused',
    'srv-lookup-failed',
    'srv-missing',
    'srv-missing-fallback-used',
    'srv-resolver-unanswered',
    'srv-equal-priority',
    'srv-port-mismatch',
    'srv-resolvers-disagree',
  ],
  's2s-target-resolves': ['target-lookup-cut', 'target-lookup-failed', 'target-no-address'],
  's2s-stream-opens': ['stream-header-unusual'],
  's2s-starttls-offered': [
    'starttls-failure',
    'tls-handshake-failed',
    'starttls-partial',
    'partner-requires-tls-entry-not-supported',
    'starttls-not-offered-ours',
    'starttls-not-offered-allowed',
    'starttls-not-offered-entry-requires-tls',
    'starttls-not-offered-default-requires-tls',
  ],
  's2s-certificate-names': ['certificate-name-mismatch', 'certificate-cn-only'],
  's2s-certificate-trusted': ['certificate-self-signed', 'certificate-untrusted'],
  's2s-certificate-not-expiring': ['certificate-expired', 'certificate-not-yet-valid', 'certificate-expiring-soon'],
  's2s-auth-available': [
    'no-auth-method',
    'dialback-only-entry-disables-dialback',
    'client-certificate-refused',
    'client-certificate-not-accepted',
    'client-certificate-unproven',
    'client-certificate-accepted',
  ],
} as const satisfies { readonly [C in CheckId]?: readonly string[] }

/**
 * Codes that carry what the network said: the probe's error code of a connection or TLS step, or the condition
 * of a <stream:error/> (RFC 6120 §4.9.3; a server may send a name of its own).
 */
interface OpenFindingReasons {
  's2s-port-reachable': `connect-${ProbeErrorCode | 'failed'}`
  's2s-stream-opens': `stream-error-${string}` | `stream-${ProbeErrorCode | 'failed'}`
  's2s-starttls-offered': `tls-${ProbeErrorCode}`
}

/** The prefixes of the open codes, per check (what a test can match a produced code against). */
export const OPEN_FINDING_REASON_PREFIXES: { readonly [C in keyof OpenFindingReasons]: readonly string[] } = {
  's2s-port-reachable': ['connect-'],
  's2s-stream-opens': ['stream-error-', 'stream-'],
  's2s-starttls-offered': ['tls-'],
}

type FixedFindingReasons = typeof FINDING_REASONS

/** The finding codes check `C` can produce. */
export type FindingReasonOf<C extends CheckId> =
  | (C extends keyof FixedFindingReasons ? FixedFindingReasons[C][number] : never)
  | (C extends keyof OpenFindingReasons ? OpenFindingReasons[C] : never)

/** Any check's finding code. */
export type FindingReason = FindingReasonOf<CheckId>

