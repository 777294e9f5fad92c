// The console's figures (issue 17), printed, never asserted:
//   1. bytes transferred (gzip, as the server sends them) for the sign-in page: JavaScript + CSS;
//   2. the progress board with 1,500 inspections: from navigation to the table drawn with every
//      inspection counted, in headless Chromium (median of several loads), and the same after
//      switching to 200 rows per page.
// Usage: node e2e/bench.mjs [--inspections N] [--loads N]     (after scripts/web.sh and a build)
import { apiClient, launchBrowser, startServer } from './harness.mjs'

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const N = arg('--inspections', 1500)
const LOADS = arg('--loads', 7)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const server = await startServer({ demoWork: false, adminPassword: 'bench-admin-2026' })
const api = apiClient(server.base)
const { browser, close } = await launchBrowser()
try {
  // 1. The sign-in page, cold.
  const context = await browser.newContext()
  const page = await context.newPage()
  const sizes = []
  page.on('requestfinished', async (req) => {
    const s = await req.sizes()
    sizes.push({ url: req.url(), type: req.resourceType(), body: s.responseBodySize, headers: s.responseHeadersSize })
  })
  await page.goto(`${server.base}/login`, { waitUntil: 'networkidle' })
  await page.locator('[data-test=login]').waitFor()
  const jsCss = sizes.filter((s) => s.type === 'script' || s.type === 'stylesheet')
  const sum = (xs) => xs.reduce((n, s) => n + s.body, 0)
  console.log(`sign-in page: ${(sum(jsCss) / 1024).toFixed(1)} kB of JavaScript and CSS as transferred (gzip) in ${jsCss.length} files; ` +
    `${(sum(sizes) / 1024).toFixed(1)} kB in all (${sizes.length} responses, bodies only)`)
  for (const s of jsCss.sort((a, b) => b.body - a.body)) console.log(`  ${(s.body / 1024).toFixed(1).padStart(7)} kB  ${new URL(s.url).pathname}`)
  await context.close()

  // 2. The board with N inspections.
  const admin = await api.login('admin', 'bench-admin-2026')
  const t0 = Date.now()
  for (let i = 0; i < N; ++i) {
    const id = `bench-${String(i).padStart(5, '0')}`
    const r1 = await api.call('POST', '/institutions', { token: admin, json: { id, name: `测试养老机构${i}号`, region: `吉林省${['长春', '吉林', '四平', '延边'][i % 4]}市`, beds: 50 + (i % 200) } })
    const r2 = await api.call('POST', '/inspections', {
      token: admin,
      json: { id: `insp-${id}`, institution: id, template_id: 'resident-satisfaction', template_version: '1.2.0', planned_date: '2026-12-15', lead: 'li.hua', members: ['wang.fang', 'zhang.wei'] },
    })
    if (r1.status !== 200 || r2.status !== 201) throw new Error(`setup ${i}: ${r1.status} ${r2.status} ${JSON.stringify(r2.data)}`)
  }
  console.log(`setup: ${N} institutions and inspections through the API in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  const sup = await browser.newContext({ viewport: { width: 1366, height: 768 } })
  const p = await sup.newPage()
  await p.goto(`${server.base}/login`)
  await p.locator(':is(input)[data-test=username]').fill('chen.jing')
  await p.locator(':is(input)[data-test=password]').fill('demo-2025')
  await p.locator('[data-test=login]').click()
  await p.waitForURL(/\/board/)
  const total = N + 3
  const loads = []
  const apiTimes = []
  for (let i = 0; i < LOADS; ++i) {
    const start = Date.now()
    await p.goto(`${server.base}/board`)
    await p.locator('.muted', { hasText: `共 ${total} 项` }).waitFor()
    await p.locator('[data-test=board] tbody tr').nth(49).waitFor()
    loads.push(Date.now() - start)
    apiTimes.push(await p.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/api\/v1\/(inspections|progress)$/.test(e.name)).map((e) => e.duration)))
  }
  console.log(`board with ${total} inspections, 50 rows a page: ${median(loads)} ms median from navigation to the table drawn (${loads.join(', ')} ms); ` +
    `the two API calls ${median(apiTimes.map((a) => Math.max(...a))).toFixed(0)} ms median`)
  const switches = []
  for (let i = 0; i < 5; ++i) {
    await p.goto(`${server.base}/board`)
    await p.locator('[data-test=board] tbody tr').nth(49).waitFor()
    const ms = await p.evaluate(async () => {
      const t = performance.now()
      const select = document.querySelector('.el-pagination .el-select__wrapper')
      select.click()
      await new Promise((r) => setTimeout(r, 50))
      const option = [...document.querySelectorAll('.el-select-dropdown__item')].find((o) => o.textContent.includes('200'))
      const t1 = performance.now()
      option.click()
      await new Promise((r) => {
        const check = () => (document.querySelectorAll('[data-test=board] tbody tr').length >= 200 ? r() : requestAnimationFrame(check))
        check()
      })
      return performance.now() - t1 + 0 * t
    })
    switches.push(ms)
  }
  console.log(`board: switching to 200 rows a page draws them in ${median(switches).toFixed(0)} ms median (${switches.map((x) => x.toFixed(0)).join(', ')} ms)`)
} finally {
  await close()
  await server.stop()
}
