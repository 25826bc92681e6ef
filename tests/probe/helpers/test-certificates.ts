/**
 * A throw-away PKI made with the real openssl: a test CA and leaf certificates with exactly the names
 * and dates a test needs (expired ones included, via `openssl ca -startdate/-enddate`).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { requireBinary } from './local-binaries'

export interface IssuedCertificate {
  readonly certFile: string
  readonly keyFile: string
}

export interface LeafOptions {
  /** subjectAltName value in openssl syntax, e.g. "DNS:a.test,otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server.a.test"; null = no SAN. */
  readonly san: string | null
  readonly commonName?: string
  readonly notBefore?: Date
  readonly notAfter?: Date
}

export interface TestPki {
  readonly caFile: string
  issue(name: string, options: LeafOptions): IssuedCertificate
  selfSigned(name: string, san: string): IssuedCertificate
}

const DAY = 24 * 60 * 60 * 1000

function opensslDate(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`
}

/** Creates the CA in `dir` (which must exist and be empty). */
export function createTestPki(dir: string): TestPki {
  const openssl = requireBinary('openssl')
  const run = (args: string[]): void => {
    execFileSync(openssl, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000 })
  }
  mkdirSync(join(dir, 'db'), { recursive: true })
  writeFileSync(join(dir, 'db', 'index.txt'), '')
  writeFileSync(join(dir, 'db', 'serial'), '1000\n')
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ ca ]',
      'default_ca = test_ca',
      '[ test_ca ]',
      'database = db/index.txt',
      'serial = db/serial',
      'new_certs_dir = db',
      'default_md = sha256',
      'policy = any_name',
      'copy_extensions = none',
      'unique_subject = no',
      '[ any_name ]',
      'commonName = supplied',
      '',
    ].join('\n'),
  )
  const caFile = join(dir, 'ca.pem')
  run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', caFile, '-days', '30', '-subj', '/CN=Probe Test CA'])

  return {
    caFile,
    issue(name, options) {
      const keyFile = join(dir, `${name}.key`)
      const certFile = join(dir, `${name}.pem`)
      const csr = join(dir, `${name}.csr`)
      const ext = join(dir, `${name}.ext`)
      writeFileSync(ext, options.san ? `[ leaf ]\nsubjectAltName = ${options.san}\n` : '[ leaf ]\nbasicConstraints = CA:FALSE\n')
      run(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', keyFile, '-out', csr, '-subj', `/CN=${options.commonName ?? name}`])
      const notBefore = options.notBefore ?? new Date(Date.now() - DAY)
      const notAfter = options.notAfter ?? new Date(Date.now() + 365 * DAY)
      run(['ca', '-batch', '-notext', '-config', 'ca.cnf', '-cert', caFile, '-keyfile', 'ca.key', '-in', csr, '-out', certFile,
        '-startdate', opensslDate(notBefore), '-enddate', opensslDate(notAfter), '-extfile', ext, '-extensions', 'leaf'])
      return { certFile, keyFile }
    },
    selfSigned(name, san) {
      const keyFile = join(dir, `${name}.key`)
      const certFile = join(dir, `${name}.pem`)
      run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '30', '-subj', `/CN=${name}`, '-addext', `subjectAltName=${san}`])
      return { certFile, keyFile }
    },
  }
}
