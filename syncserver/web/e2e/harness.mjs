// Shared by the browser test and the console bench: starts the real careeval-server on a free
// loopback port with a fresh data folder and the built console, and drives Debian's Chromium.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import net from 'node:net'
import { chromium } from 'playwright-core'

const here = dirname(fileURLToPath(import.meta.url))
export const repo = resolve(here, '..', '..', '..')
export const webDist = resolve(here, '..', 'dist')

function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => ok(port))
    })
    s.on('error', fail)
  })
}

export function serverBinary() {
  const candidates = [process.env.CAREEVAL_SERVER, join(repo, 'build', 'syncserver', 'careeval-server')].filter(Boolean)
  const found = candidates.find((p) => existsSync(p))
  if (!found) throw new Error(`careeval-server not built (looked at ${candidates.join(', ')}); set CAREEVAL_SERVER`)
  return found
}

export async function startServer({ demoWork = true, adminPassword = 'admin-e2e-2026' } = {}) {
  if (!existsSync(join(webDist, 'index.html'))) throw new Error(`the console is not built (${webDist}/index.html): run scripts/web.sh`)
  const port = await freePort()
  const data = mkdtempSync(join(tmpdir(), 'careeval-e2e-'))
  const args = ['--data', data, '--listen', `127.0.0.1:${port}`, '--admin-password', adminPassword, '--web', webDist]
  args.push(demoWork ? '--demo-work' : '--demo')
  const proc = spawn(serverBinary(), args, { stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  proc.stderr.on('data', (d) => (log += d))
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 200; ++i) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break
    } catch {
      /* not up yet */
    }
    if (proc.exitCode !== null) throw new Error(`careeval-server exited: ${log}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    base,
    log: () => log,
    async stop() {
      proc.kill('SIGTERM')
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r)))
      rmSync(data, { recursive: true, force: true })
    },
  }
}

// The API as a tablet or a script uses it.
export function apiClient(base) {
  const call = async (method, path, { token, json, body, raw } = {}) => {
    const headers = {}
    if (token) headers.Authorization = `Bearer ${token}`
    if (json !== undefined) headers['Content-Type'] = 'application/json'
    const res = await fetch(`${base}/api/v1${path}`, { method, headers, body: json !== undefined ? JSON.stringify(json) : body })
    const text = await res.text()
    let data = text
    if (!raw) try { data = JSON.parse(text) } catch { /* keep text */ }
    return { status: res.status, data }
  }
  return {
    call,
    async login(username, password = 'demo-2025') {
      const r = await call('POST', '/auth/login', { json: { username, password } })
      if (r.status !== 200) throw new Error(`sign-in of ${username}: ${r.status} ${JSON.stringify(r.data)}`)
      return r.data.token
    },
  }
}

export async function launchBrowser() {
  // Playwright gives every launch a fresh temporary profile of its own.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  })
  return {
    browser,
    async close() {
      await browser.close()
    },
  }
}
