#!/usr/bin/env node
// A stand-in for powershell.exe that speaks node-powershell 5.0.1's stdin protocol, so tests run the
// real node-powershell code path on a machine without PowerShell.
//
// Protocol: node-powershell writes lines to stdin: `[Console]::Error.WriteLine("DELIM")`,
// `[Console]::Out.WriteLine("DELIM")`, the command, then the two marker lines again; it reads stdout
// and stderr until each shows DELIM twice. This fake echoes the markers and answers the collector's
// one-line invocations (`$XedInput = ...FromBase64String('<data>')...; & ([ScriptBlock]::Create(...
// FromBase64String('<script>')))`) from canned data in ./fake-powershell-data, printing
// `XED-RESULT:ok:<base64 UTF-8>` as the real script would.
//
// Environment:
//   FAKE_PS_LOG       file to append one JSON line per event (start, invoke, unknown line)
//   FAKE_PS_SCENARIO  JSON file: { "role": "Edge"|"FrontEnd"|"Unknown", "host": "<detect-role's Host>",
//                     "commands": { "<step name>": "ok"|"fail"|"hang"|"crash"|"no-result" },
//                     "failMessage": "...", "dataDir": "<folder of canned files>" }
import { appendFileSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const scenario = process.env.FAKE_PS_SCENARIO ? JSON.parse(readFileSync(process.env.FAKE_PS_SCENARIO, 'utf8')) : {}
// A test may point the fake at its own copy of the canned files ("dataDir" in the scenario).
const DATA_DIR = scenario.dataDir ?? join(dirname(fileURLToPath(import.meta.url)), 'fake-powershell-data')

function log(entry) {
  if (process.env.FAKE_PS_LOG) appendFileSync(process.env.FAKE_PS_LOG, `${JSON.stringify({ pid: process.pid, ...entry })}\n`)
}

const ERROR_MARKER = /^\[Console\]::Error\.WriteLine\("([0-9A-Za-z]+)"\)$/
const OUTPUT_MARKER = /^\[Console\]::Out\.WriteLine\("([0-9A-Za-z]+)"\)$/
const INVOCATION =
  /^\$XedInput = \[Text\.Encoding\]::UTF8\.GetString\(\[Convert\]::FromBase64String\('([A-Za-z0-9+/=]*)'\)\) \| ConvertFrom-Json; .*; & \(\[ScriptBlock\]::Create\(\[Text\.Encoding\]::UTF8\.GetString\(\[Convert\]::FromBase64String\('([A-Za-z0-9+/=]*)'\)\)\)\)$/

const fromBase64 = (value) => Buffer.from(value, 'base64').toString('utf8')
const toBase64 = (value) => Buffer.from(value, 'utf8').toString('base64')
/** PowerShell on Windows ends lines with CRLF. */
const toWindowsLines = (value) => value.replace(/\r?\n/g, '\r\n')

function readData(name) {
  return readFileSync(join(DATA_DIR, name), 'utf8')
}

/** What the real step would print for this file, given the data the invocation carried. */
function cannedText(step, data) {
  switch (step) {
    case 'detect-role': {
      const info = JSON.parse(readData('detect-role.json'))
      if (scenario.role) info.Role = scenario.role
      if (typeof scenario.host === 'string') info.Host = scenario.host
      return JSON.stringify(info, null, 4)
    }
    case 'netstat.txt': {
      // netstat writes CP950 on a zh-TW server; PowerShell decodes it with the console code page and
      // `Out-String` joins the lines again.
      const bytes = readFileSync(join(DATA_DIR, 'netstat.big5.txt'))
      const lines = new TextDecoder('big5').decode(bytes).split(/\r?\n/)
      if (lines.at(-1) === '') lines.pop()
      return `${lines.join('\r\n')}\r\n`
    }
    case 'dns-srv.json':
    case 'dns-a.json': {
      const entry = readData(step === 'dns-srv.json' ? 'dns-srv.entry.json' : 'dns-a.entry.json').trimEnd()
      // As the real step (Get-XedDnsDomains): the domains, then the SIP domains the server read, each once.
      const names = [...new Set([...data.domains, ...(data.sipDomains ?? [])].map((domain) => domain.toLowerCase()))]
      const entries = names.map((domain) => entry.replaceAll('{{domain}}', domain))
      return `[\n${entries.join(',\n')}\n]`
    }
    default:
      return readData(step)
  }
}

let hanging = false
const stdin = createInterface({ input: process.stdin, crlfDelay: Infinity })

function answer(step, data) {
  const behaviour = scenario.commands?.[step] ?? 'ok'
  log({ event: 'behaviour', step, behaviour })
  if (behaviour === 'hang') {
    // Like a cmdlet that never returns: stop reading, never print the closing markers.
    hanging = true
    stdin.pause()
    setInterval(() => undefined, 60_000) // a paused stdin alone would let the process end
    return
  }
  if (behaviour === 'crash') process.exit(1)
  if (behaviour === 'no-result') {
    // A non-terminating error printed by PowerShell, and no result line.
    process.stderr.write(`${step} : Access is denied.\r\n`)
    return
  }
  if (behaviour === 'fail') {
    const message = scenario.failMessage ?? 'The fake was told to fail.'
    process.stdout.write(`XED-RESULT:error:${toBase64(message)}\r\n`)
    return
  }
  // Console output PowerShell would print in the OEM code page (CP950 bytes), which node-powershell
  // decodes as UTF-8; the collector must ignore it and read only its result line.
  if (step === 'netstat.txt') process.stdout.write(Buffer.from([0xa8, 0xcf, 0xa5, 0xce, 0xa4, 0xa4, 0x0d, 0x0a]))
  process.stdout.write(`XED-RESULT:ok:${toBase64(toWindowsLines(cannedText(step, data)))}\r\n`)
}

function handle(line) {
  let match = ERROR_MARKER.exec(line)
  if (match) return void process.stderr.write(`${match[1]}\n`)
  match = OUTPUT_MARKER.exec(line)
  if (match) return void process.stdout.write(`${match[1]}\n`)
  match = INVOCATION.exec(line)
  if (!match) {
    // Like PowerShell given a line it cannot run.
    log({ event: 'unknown', line })
    process.stderr.write(`${line.slice(0, 40)} : The term is not recognized as the name of a cmdlet.\r\n`)
    return
  }
  const data = JSON.parse(fromBase64(match[1]))
  const script = fromBase64(match[2])
  const step = /^# xed-command: (\S+)$/m.exec(script)?.[1] ?? '(none)'
  log({ event: 'invoke', step, line, data, script })
  answer(step, data)
}

log({ event: 'start', argv: process.argv.slice(2) })
stdin.on('line', (line) => {
  if (!hanging) handle(line)
})
process.on('SIGTERM', () => {
  log({ event: 'sigterm' })
  process.exit(0)
})
