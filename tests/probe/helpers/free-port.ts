/** Free loopback ports for servers the tests start (TCP and UDP both free, for DNS). */
import dgram from 'node:dgram'
import net from 'node:net'

/** A TCP port nothing listens on right now. */
export async function freeTcpPort(host = '127.0.0.1'): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, () => resolve())
  })
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** A port free for both UDP and TCP on 127.0.0.1 (dnsmasq listens on both). */
export async function freeDnsPort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const socket = dgram.createSocket('udp4')
    const port = await new Promise<number>((resolve, reject) => {
      socket.once('error', reject)
      socket.bind(0, '127.0.0.1', () => resolve(socket.address().port))
    })
    await new Promise<void>((resolve) => socket.close(() => resolve()))
    const tcp = net.createServer()
    const tcpFree = await new Promise<boolean>((resolve) => {
      tcp.once('error', () => resolve(false))
      tcp.listen(port, '127.0.0.1', () => resolve(true))
    })
    if (tcpFree) {
      await new Promise<void>((resolve) => tcp.close(() => resolve()))
      return port
    }
  }
  throw new Error('no free UDP+TCP port found in 20 attempts')
}

/** Resolves once something accepts TCP on host:port; rejects after `timeoutMs`. */
export async function waitForTcp(host: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port })
      const done = (result: boolean): void => {
        socket.destroy()
        resolve(result)
      }
      socket.once('connect', () => done(true))
      socket.once('error', () => done(false))
      socket.setTimeout(500, () => done(false))
    })
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`nothing listened on ${host}:${port} within ${timeoutMs} ms`)
}
