// The office console end to end in Debian's Chromium, against the real careeval-server:
// an administrator imports institutions from an XLSX file (after a CSV whose problems are shown),
// uploads a template (after a broken one whose errors are shown with their JSON pointers), runs a
// double-random draw and creates the inspections; the tablets' work arrives through the API; a
// supervisor opens the board, reviews the inspection and approves it; the tablet sees the approval.
// Hostile names show as text. Screenshots (Chinese and English, 1366×768 and 1920×1080) go to
// e2e/output/. Exit code 0 only when every check held.
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { apiClient, launchBrowser, repo, startServer } from './harness.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const out = join(here, 'output')
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

let failures = 0
function check(cond, what) {
  if (cond) console.log(`ok   ${what}`)
  else {
    console.log(`FAIL ${what}`)
    failures++
  }
}

const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">养老院 🏥'
const LONG = '长'.repeat(60) + '🌸' // 184 UTF-8 bytes: near the server's 200-byte limit

const server = await startServer()
const api = apiClient(server.base)
const { browser, close } = await launchBrowser()
const cspErrors = []
const pageErrors = []

async function newPage(locale = 'zh', viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true })
  await context.addInitScript((l) => localStorage.setItem('careeval.locale', l), locale)
  const page = await context.newPage()
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text())
  })
  page.on('pageerror', (e) => pageErrors.push(String(e)))
  page.on('dialog', (d) => {
    pageErrors.push(`unexpected dialog: ${d.message()}`)
    d.dismiss()
  })
  return { context, page }
}

// An Element Plus field's own input, wherever the component put the data-test attribute.
const field = (name) => `:is(input,textarea)[data-test=${name}], [data-test=${name}] :is(input,textarea)`

async function signIn(page, username, password) {
  await page.goto(`${server.base}/login`)
  await page.locator(field('username')).fill(username)
  await page.locator(field('password')).fill(password)
  await page.locator('[data-test=login]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}

try {
  // ---- Served as the issue asks: CSP, caching ---------------------------------------------------
  const index = await fetch(`${server.base}/`)
  check(/script-src 'self'/.test(index.headers.get('content-security-policy') ?? ''), 'index.html carries a strict Content-Security-Policy')
  check(index.headers.get('cache-control') === 'no-cache', 'index.html is not cached')
  const html = await index.text()
  check(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'index.html has no inline script')
  const asset = html.match(/\/assets\/[^"]+\.js/)[0]
  const assetRes = await fetch(server.base + asset, { headers: { 'Accept-Encoding': 'gzip' } })
  check(/immutable/.test(assetRes.headers.get('cache-control') ?? ''), 'hashed assets are cached for long')

  // ---- Administrator: sign-in, registry import ------------------------------------------------------
  const admin = await newPage('zh')
  await admin.page.goto(`${server.base}/board`)
  await admin.page.waitForURL(/\/login/)
  check(true, 'an unsigned visitor is sent to sign-in')
  await admin.page.screenshot({ path: join(out, 'login-zh-1366.png') })
  await admin.page.locator(field('username')).fill('admin')
  await admin.page.locator(field('password')).fill('wrong-password')
  await admin.page.locator('[data-test=login]').click()
  await admin.page.locator('[data-test=login-error]').waitFor()
  check((await admin.page.locator('[data-test=login-error]').innerText()).includes('wrong username or password'), 'a wrong password is shown as the server says it')
  await signIn(admin.page, 'admin', 'admin-e2e-2026')

  await admin.page.goto(`${server.base}/institutions`)
  const badCsv = join(out, 'registry-bad.csv')
  writeFileSync(badCsv, `\uFEFF编号,机构名称,地区,床位\nbad id!,某养老院,吉林省长春市,12\ntest-ok,好的养老院,吉林省长春市,十二\ntest-ok,重复,吉林省长春市,3\ntest-long,${'长'.repeat(70)},吉林省长春市,3\n`)
  await admin.page.locator('[data-test=registry-file]').setInputFiles(badCsv)
  await admin.page.locator('[data-test=import-problems]').waitFor()
  const previewText = await admin.page.locator('[data-test=import-preview]').innerText()
  check(previewText.includes('may hold only letters') && previewText.includes('is not a whole number') && previewText.includes('repeats row') && previewText.includes('more than 200'), 'every bad row of the CSV is named before anything is saved')
  check(await admin.page.locator('[data-test=import-save]').isDisabled(), 'a registry with problems cannot be saved')
  await admin.page.screenshot({ path: join(out, 'import-problems-zh-1366.png'), fullPage: true })

  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('名录')
  sheet.addRow(['编号', '机构名称', '地区', '地址', '床位', '回避人员', '机构类型'])
  sheet.addRow(['e2e-hostile', HOSTILE, '吉林省辽源市', '<b>粗体</b> & "引号"', 40, ''])
  sheet.addRow(['e2e-long', LONG, '吉林省辽源市', '龙山区', 55, 'zhou.jie'])
  sheet.addRow(['e2e-plain', '辽源市福康养老院', '吉林省辽源市', '西安区人民大街1号', 120, 'he.mei, wu.hao', '公建民营'])
  const xlsx = join(out, 'registry.xlsx')
  await book.xlsx.writeFile(xlsx)
  await admin.page.locator('[data-test=registry-file]').setInputFiles(xlsx)
  await admin.page.locator('[data-test=import-save]:not([disabled])').waitFor()
  await admin.page.locator('[data-test=import-save]').click()
  await admin.page.locator('[data-test=import-preview]').waitFor({ state: 'detached' })
  const reg = await api.call('GET', '/institutions', { token: await api.login('chen.jing') })
  const hostile = reg.data.institutions.find((i) => i.id === 'e2e-hostile')
  check(hostile && hostile.name === HOSTILE, 'the XLSX rows reached the server as written (hostile name kept as text)')
  const plain = reg.data.institutions.find((i) => i.id === 'e2e-plain')
  check(plain?.linked_inspectors.join(',') === 'he.mei,wu.hao' && plain?.type === '公建民营', 'avoidance links and the type from the file are saved')
  await admin.page.locator(field('inst-search')).fill('e2e')
  const names = await admin.page.locator('[data-test=inst-name]').allInnerTexts()
  check(names.includes(HOSTILE), 'a name with <script> and HTML shows as the same text')
  check(names.includes(LONG), 'a very long name with an emoji shows whole')
  check((await admin.page.evaluate(() => window.__pwned)) === undefined, 'no injected script ran')
  await admin.page.screenshot({ path: join(out, 'institutions-zh-1366.png'), fullPage: true })

  // ---- Templates ------------------------------------------------------------------------------------
  await admin.page.goto(`${server.base}/templates`)
  const tpl = JSON.parse(readFileSync(join(repo, 'assets', 'templates', 'resident-satisfaction.json'), 'utf8'))
  const broken = structuredClone(tpl)
  broken.version = '1.9.0'
  broken.steps[0].sections[0].items[0].type = 'chek'
  delete broken.steps[1].title
  const brokenFile = join(out, 'broken-template.json')
  writeFileSync(brokenFile, JSON.stringify(broken))
  await admin.page.locator('[data-test=template-file]').setInputFiles(brokenFile)
  await admin.page.locator('[data-test=template-problems]').waitFor()
  const problems = await admin.page.locator('[data-test=template-problems]').innerText()
  check(problems.includes('/steps/0/sections/0/items/0/type') && problems.includes('/steps/1/title'), 'each template error is shown with its JSON pointer')
  await admin.page.screenshot({ path: join(out, 'template-errors-zh-1366.png'), fullPage: true })
  const next = structuredClone(tpl)
  next.version = '1.3.0'
  next.title.zh += '（2026版）'
  const nextFile = join(out, 'template-1.3.0.json')
  writeFileSync(nextFile, JSON.stringify(next))
  await admin.page.locator('[data-test=template-file]').setInputFiles(nextFile)
  await admin.page.locator('[data-test=templates]').getByText('1.3.0').waitFor()
  check(true, 'a valid template version is uploaded and listed')

  // ---- The draw and the inspections -------------------------------------------------------------------
  await admin.page.goto(`${server.base}/draw`)
  await admin.page.locator('[data-test=draw-template]').click()
  await admin.page.getByRole('option', { name: /1\.3\.0/ }).click()
  await admin.page.locator(field('draw-count')).fill('2')
  await admin.page.locator(field('seed')).fill('20261202')
  await admin.page.locator('[data-test=run-draw]').click()
  await admin.page.locator('[data-test=draw-record]').waitFor()
  check((await admin.page.locator('[data-test=draw-seed]').innerText()) === '20261202', 'the draw shows its seed')
  await admin.page.locator('[data-test=create-inspections]').click()
  await admin.page.locator('[data-test=created]').waitFor()
  await admin.page.screenshot({ path: join(out, 'draw-zh-1366.png'), fullPage: true })
  await admin.page.goto(`${server.base}/draws/1`)
  await admin.page.locator('[data-test=draw-record]').waitFor()
  const [published] = await Promise.all([admin.page.waitForEvent('download'), admin.page.locator('[data-test=publish]').click()])
  const publishedRecord = JSON.parse(readFileSync(await published.path(), 'utf8'))
  check(publishedRecord.seed === 20261202 && publishedRecord.reproduced === true && publishedRecord.assignments.length === 2, 'the draw record downloads for publication, with its seed and the re-run check')
  const adminToken = await api.login('admin', 'admin-e2e-2026')
  const draws = await api.call('GET', '/draws/1', { token: adminToken })
  check(draws.status === 200 && draws.data.reproduced === true && draws.data.campaign?.includes('养老机构服务质量检查'), 'the draw is stored with its campaign and reproduces from its seed')
  for (const a of draws.data.assignments) {
    const avoided = draws.data.links.filter((l) => l[0] === a.institution).map((l) => l[1])
    check(a.team.length === 3 && a.team.includes(a.lead), `team for ${a.institution}: 3 inspectors with the lead`)
    check(!a.team.some((m) => avoided.includes(m)), `nobody linked to ${a.institution} is on its team (${avoided.join(', ') || 'no links'})`)
  }
  const first = draws.data.assignments[0]
  const inspectionId = `draw1-${first.institution}`
  const created = await api.call('GET', `/inspections/${inspectionId}`, { token: adminToken })
  check(created.status === 200 && created.data.template.version === '1.3.0', 'the inspection was created from the draw on the chosen template')

  // ---- The tablets' work arrives (as the simulated tablets push it) ----------------------------------
  const [lead, m1, m2] = [first.lead, ...first.team.filter((m) => m !== first.lead)]
  const who = { 'li.hua': lead, 'wang.fang': m1, 'zhang.wei': m2 }
  const devices = { 'li.hua': 'e2e-tab-lead', 'wang.fang': 'e2e-tab-2', 'zhang.wei': 'e2e-tab-3' }
  const log = readFileSync(join(repo, 'assets', 'demo', 'satisfaction.ops.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
  const tokens = {}
  let batch = []
  const flush = async () => {
    if (!batch.length) return
    const author = batch[0].author
    tokens[author] ??= await api.login(author)
    const r = await api.call('POST', `/inspections/${inspectionId}/ops`, { token: tokens[author], json: { ops: batch } })
    check(r.status === 200 && r.data.refused === 0, `push of ${batch.length} operations by ${author} accepted`)
    batch = []
  }
  for (const op of log) {
    const o = { ...op, inspection: inspectionId, author: who[op.author], device: devices[op.author], id: 'e2e00000' + op.id.slice(8) }
    if (batch.length && batch[0].author !== o.author) await flush()
    batch.push(o)
  }
  await flush()
  const tabletView = await api.call('GET', `/inspections/${inspectionId}`, { token: tokens[lead] })
  check(tabletView.data.status === 'submitted', 'the lead’s tablet submitted the inspection')

  // ---- Supervisor: board, review, approval ------------------------------------------------------------
  const sup = await newPage('zh')
  await signIn(sup.page, 'chen.jing', 'demo-2025')
  await sup.page.locator('[data-test=board]').getByText(inspectionId).waitFor()
  const row = sup.page.locator('[data-test=board] tr', { hasText: inspectionId })
  check((await row.locator('[data-test=status]').innerText()).includes('已提交'), 'the board shows the inspection as submitted')
  await sup.page.screenshot({ path: join(out, 'board-zh-1366.png'), fullPage: true })
  // The campaign narrows the board to the inspections created from its draw.
  await sup.page.locator('[data-test=board-campaign]').click()
  await sup.page.getByRole('option', { name: /养老机构服务质量检查 · #1/ }).click()
  await sup.page.waitForFunction(() => document.querySelectorAll('[data-test=board] tbody tr').length === 2)
  const campaignRows = await sup.page.locator('[data-test=board] tbody tr').allInnerTexts()
  check(campaignRows.length === 2 && campaignRows.every((r) => r.includes('draw1-')), 'the campaign filter shows only the draw’s two inspections')
  await row.click()
  await sup.page.locator('[data-test=review]').waitFor()
  await sup.page.screenshot({ path: join(out, 'inspection-zh-1366.png'), fullPage: true })
  await sup.page.locator(field('review-comment')).fill('资料齐全，同意通过。<i>not italic</i>')
  await sup.page.locator('[data-test=approve]').click()
  await sup.page.locator('[data-test=review]').waitFor({ state: 'detached' })
  check((await sup.page.locator('[data-test=inspection-status]').innerText()).includes('已通过'), 'the inspection page shows the approval')

  // ---- The tablet sees the approval ---------------------------------------------------------------------
  const after = await api.call('GET', `/inspections/${inspectionId}`, { token: tokens[lead] })
  check(after.data.status === 'approved', 'the tablet’s assignment list says approved')
  const pulled = await api.call('GET', `/inspections/${inspectionId}/ops?after=0&limit=2000`, { token: tokens[lead] })
  const approve = (pulled.data.ops ?? []).find((o) => o.kind === 'approve')
  check(approve && approve.author === 'chen.jing' && approve.value?.comment?.includes('<i>not italic</i>'), 'the tablet pulls the approval with its comment as text')

  // ---- Roles: the menu shows what a role may do; the pages it may not open send it elsewhere --------
  const evaluator = await newPage('zh')
  await signIn(evaluator.page, 'wang.fang', 'demo-2025')
  await evaluator.page.waitForURL(/\/account/)
  const evalMenu = await evaluator.page.locator('.el-menu-item').allInnerTexts()
  check(evalMenu.length === 1 && evalMenu[0].includes('我的账号'), `an evaluator sees only their account (${evalMenu.join(', ')})`)
  await evaluator.page.goto(`${server.base}/users`)
  await evaluator.page.waitForURL(/\/account/)
  check(true, 'an evaluator sent to /users lands on their account')
  await sup.page.goto(`${server.base}/users`)
  await sup.page.waitForURL(/\/board/)
  check(true, 'a supervisor sent to /users lands on the board')
  await sup.page.goto(`${server.base}/institutions`)
  await sup.page.locator('[data-test=institutions]').waitFor()
  check((await sup.page.locator('[data-test=registry-file]').count()) === 0, 'a supervisor reads the registry without the import')
  // A session the server ended (here: signed out elsewhere) sends the page to sign-in, saying why.
  const supToken = await sup.page.evaluate(() => sessionStorage.getItem('careeval.token'))
  await api.call('POST', '/auth/logout', { token: supToken })
  // The next request the page makes — this click, or one the page made by itself first — finds the
  // session ended.
  if (!/\/login/.test(sup.page.url())) await sup.page.locator('[data-nav=board]').click({ timeout: 5000 }).catch(() => {})
  await sup.page.waitForURL(/\/login/)
  await sup.page.locator('[data-test=login-error]').waitFor()
  check((await sup.page.locator('[data-test=login-error]').innerText()).includes('登录已过期'), 'an ended session returns to sign-in with a message')
  await evaluator.context.close()

  // ---- Screenshots: Chinese and English at both sizes ----------------------------------------------------
  for (const [locale, viewport] of [['zh', { width: 1920, height: 1080 }], ['en', { width: 1366, height: 768 }], ['en', { width: 1920, height: 1080 }]]) {
    const v = await newPage(locale, viewport)
    await signIn(v.page, 'chen.jing', 'demo-2025')
    const tag = `${locale}-${viewport.width}`
    await v.page.locator('[data-test=board] tbody tr').first().waitFor()
    await v.page.screenshot({ path: join(out, `board-${tag}.png`), fullPage: true })
    await v.page.goto(`${server.base}/inspections/demo-safety-jilin-02`)
    await v.page.locator('[data-test=inspection-title]').waitFor()
    await v.page.screenshot({ path: join(out, `inspection-${tag}.png`), fullPage: true })
    if (tag === 'zh-1920') {
      // The photos come through the API with the session's token and show as images.
      await v.page.getByRole('tab', { name: '照片与签名' }).click()
      await v.page
        .waitForFunction(() => {
          const imgs = [...document.querySelectorAll('[data-test=photo] img')]
          return imgs.length >= 8 && imgs.every((i) => i.complete && i.naturalWidth > 0)
        }, null, { timeout: 10000 })
        .catch(() => {})
      const shown = await v.page.locator('[data-test=photo] img').count()
      check(shown === 8, `the safety check's 5 photos and 3 signatures show (${shown})`)
      await v.page.screenshot({ path: join(out, `photos-${tag}.png`), fullPage: true })
      await v.page.locator('[data-test=photo]').first().click()
      await v.page.locator('.el-image-viewer__wrapper img').first().waitFor()
      check(true, 'a photo opens full size in the viewer')
      await v.page.waitForTimeout(600) // the viewer fades in
      await v.page.screenshot({ path: join(out, `photo-viewer-${tag}.png`) })
      await v.page.keyboard.press('Escape')
    }
    await v.page.goto(`${server.base}/dashboard`)
    await v.page.locator('[data-test=dashboard] canvas').first().waitFor()
    await v.page.waitForTimeout(400)
    await v.page.screenshot({ path: join(out, `dashboard-${tag}.png`), fullPage: true })
    await v.page.goto(`${server.base}/audit`)
    await v.page.locator('[data-test=audit] tbody tr').first().waitFor()
    await v.page.screenshot({ path: join(out, `audit-${tag}.png`), fullPage: true })
    if (locale === 'en') {
      const text = await v.page.locator('body').innerText()
      check(text.includes('Audit log') && text.includes('Sign out'), `the console speaks English (${tag})`)
    }
    await v.context.close()
  }
  const adminEn = await newPage('en', { width: 1366, height: 768 })
  await signIn(adminEn.page, 'admin', 'admin-e2e-2026')
  for (const p of ['users', 'institutions', 'templates', 'draw']) {
    await adminEn.page.goto(`${server.base}/${p}`)
    await adminEn.page.waitForLoadState('networkidle')
    await adminEn.page.screenshot({ path: join(out, `${p}-en-1366.png`), fullPage: true })
  }

  check(cspErrors.length === 0, `no Content-Security-Policy violations (${cspErrors.slice(0, 3).join(' | ')})`)
  check(pageErrors.length === 0, `no script errors or dialogs (${pageErrors.slice(0, 3).join(' | ')})`)
} catch (e) {
  console.log(`FAIL ${e.stack || e}`)
  failures++
  let n = 0
  for (const c of browser.contexts()) for (const p of c.pages()) await p.screenshot({ path: join(out, `failure-${++n}.png`), fullPage: true }).catch(() => {})
  console.log(`pages at the failure: e2e/output/failure-*.png; server log:\n${server.log().split("\n").slice(-12).join('\n')}`)
} finally {
  await close()
  await server.stop()
}
console.log(failures ? `${failures} check(s) failed` : 'all checks passed; screenshots in e2e/output/')
process.exit(failures ? 1 : 0)
