/**
 * Certificates and PFX files made by the real openssl, with exactly what a test needs: key type and size,
 * signature hash, EKU, CRL distribution point, dates, a root and an intermediate, and PFX files exported the
 * Windows Server 2008 R2–2012 R2 way (RC2-40 certificates, 3DES key, SHA-1 MAC) or the OpenSSL 3 default way.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { requireBinary } from '../../probe/helpers/local-binaries'

export interface LeafSpec {
  /** subjectAltName in openssl syntax; null = none. */
  readonly san: string | null
  readonly commonName?: string
  /** openssl -newkey value; default rsa:2048. */
  readonly key?: string
  /** Signature digest; default sha256. */
  readonly md?: 'sha256' | 'sha1'
  /** extendedKeyUsage value; null = no EKU extension. Default serverAuth. */
  readonly eku?: string | null
  readonly crlDistributionPoint?: boolean
  readonly notBefore?: Date
  readonly notAfter?: Date
  /** Who signs: the intermediate (default), the root directly, or the leaf itself. */
  readonly issuer?: 'intermediate' | 'root' | 'self'
}

export interface MadeLeaf {
  readonly certFile: string
  readonly keyFile: string
  /** leaf + intermediate, PEM. */
  readonly chainFile: string
}

export interface PfxSpec {
  readonly password: string
  readonly style: 'windows-legacy' | 'openssl-default'
  readonly withKey?: boolean
  readonly withChain?: boolean
}

export interface CertFactory {
  readonly dir: string
  readonly rootFile: string
  readonly intermediateFile: string
  leaf(name: string, spec: LeafSpec): MadeLeaf
  pfx(name: string, leaf: MadeLeaf, spec: PfxSpec): string
}

const DAY = 24 * 60 * 60 * 1000
const opensslDate = (date: Date): string => `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`

/** A root CA ("Preflight Test Root") and an intermediate ("Preflight Test Issuing CA", SHA-1 when asked) in `dir`. */
export function createCertFactory(dir: string, options: { intermediateMd?: 'sha256' | 'sha1' } = {}): CertFactory {
  const openssl = requireBinary('openssl')
  const run = (args: string[]): void => {
    execFileSync(openssl, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 })
  }
  mkdirSync(join(dir, 'db'), { recursive: true })
  writeFileSync(join(dir, 'db', 'index.txt'), '')
  writeFileSync(join(dir, 'db', 'serial'), '1000\n')
  writeFileSync(
    join(dir, 'ca.cnf'),
    ['[ ca ]', 'default_ca = test_ca', '[ test_ca ]', 'database = db/index.txt', 'serial = db/serial', 'new_certs_dir = db', 'default_md = sha256',
      'policy = any_name', 'copy_extensions = none', 'unique_subject = no', '[ any_name ]', 'commonName = supplied',
      '[ v3_ca ]', 'basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign', ''].join('\n'),
  )
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'root.key', '-out', 'root.pem', '-days', '60', '-subj', '/CN=Preflight Test Root',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'])
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'intermediate.key', '-out', 'intermediate.csr', '-subj', '/CN=Preflight Test Issuing CA'])
  run(['ca', '-batch', '-notext', '-config', 'ca.cnf', '-cert', 'root.pem', '-keyfile', 'root.key', '-in', 'intermediate.csr', '-out', 'intermediate.pem',
    '-days', '50', '-md', options.intermediateMd ?? 'sha256', '-extensions', 'v3_ca', '-extfile', 'ca.cnf'])
  const rootFile = join(dir, 'root.pem')
  const intermediateFile = join(dir, 'intermediate.pem')

  return {
    dir,
    rootFile,
    intermediateFile,
    leaf(name, spec) {
      const keyFile = join(dir, `${name}.key`)
      const certFile = join(dir, `${name}.pem`)
      const ext = join(dir, `${name}.ext`)
      const lines = ['[ leaf ]', 'basicConstraints = CA:FALSE']
      if (spec.san) lines.push(`subjectAltName = ${spec.san}`)
      const eku = spec.eku === undefined ? 'serverAuth' : spec.eku
      if (eku) lines.push(`extendedKeyUsage = ${eku}`)
      if (spec.crlDistributionPoint !== false) lines.push('crlDistributionPoints = URI:http://crl.preflight.test/issuing.crl')
      writeFileSync(ext, `${lines.join('\n')}\n`)
      const subject = `/CN=${spec.commonName ?? name}`
      const key = spec.key ?? 'rsa:2048'
      const keyArgs = key === 'ec' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', key]
      const md = spec.md ?? 'sha256'
      const notBefore = spec.notBefore ?? new Date(Date.now() - DAY)
      const notAfter = spec.notAfter ?? new Date(Date.now() + 40 * DAY)
      if (spec.issuer === 'self') {
        const days = String(Math.max(1, Math.round((notAfter.getTime() - Date.now()) / DAY)))
        run(['req', '-x509', ...keyArgs, '-nodes', '-keyout', keyFile, '-out', certFile, '-days', days, `-${md}`, '-subj', subject, '-extensions', 'leaf', '-config', ext])
      } else {
        const csr = join(dir, `${name}.csr`)
        const [caCert, caKey] = spec.issuer === 'root' ? ['root.pem', 'root.key'] : ['intermediate.pem', 'intermediate.key']
        run(['req', ...keyArgs, '-nodes', '-keyout', keyFile, '-out', csr, '-subj', subject])
        run(['ca', '-batch', '-notext', '-config', 'ca.cnf', '-cert', caCert, '-keyfile', caKey, '-in', csr, '-out', certFile, '-md', md,
          '-startdate', opensslDate(notBefore), '-enddate', opensslDate(notAfter), '-extfile', ext, '-extensions', 'leaf'])
      }
      const chainFile = join(dir, `${name}-chain.pem`)
      execFileSync('sh', ['-c', `cat "${certFile}" "${intermediateFile}" > "${chainFile}"`])
      return { certFile, keyFile, chainFile }
    },
    pfx(name, leaf, spec) {
      const out = join(dir, `${name}.pfx`)
      const args = ['pkcs12', '-export', '-in', spec.withChain === false ? leaf.certFile : leaf.chainFile, '-out', out, '-passout', `pass:${spec.password}`]
      if (spec.withKey === false) args.push('-nokeys')
      else args.push('-inkey', leaf.keyFile)
      // What Windows Server 2008 R2–2012 R2 write: certificates under 40-bit RC2, the key under 3DES, a SHA-1 MAC.
      if (spec.style === 'windows-legacy') args.push('-legacy', '-certpbe', 'PBE-SHA1-RC2-40', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1')
      run(args)
      return out
    },
  }
}
