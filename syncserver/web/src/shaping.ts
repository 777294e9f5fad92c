// Data shaping for the pages: pure functions from what the API returns to what a page shows, so
// they are tested without a browser (tests/shaping.test.ts). No rule is decided here that the
// server does not enforce: statuses, scores and conflicts are the server's.

export type BoardStatus = 'not_started' | 'in_progress' | 'submitted' | 'returned' | 'approved'

export interface ProgressMember {
  username: string
  last_push: number
  last_pull: number
}
export interface Progress {
  id: string
  draw?: number | null // the draw (campaign) it was created from
  operations: number
  first_change: number
  last_change: number
  members: ProgressMember[]
  photos_expected: number
  photos_received: number
  conflicts: number
}

export interface AssignmentLike {
  id: string
  institution: string
  institution_name?: string
  template: { id: string; version: string }
  status: string
  planned_date: string
  team: { username: string; role: string; display_name?: string }[]
  created_at: number
}

export interface BoardRow {
  id: string
  draw: number | null
  institution: string
  template: string
  status: BoardStatus
  lead: string
  team: string
  lastSync: number // ms, 0: never
  memberSync: { name: string; at: number }[] // each member's latest push or pull (0: never)
  photosExpected: number
  photosReceived: number
  conflicts: number
  daysSinceStart: number | null // from the first recorded change
  plannedDate: string
}

const DAY = 24 * 3600 * 1000

// The board's status: the server's workflow status, with a draft split by whether any work arrived.
export function boardStatus(status: string, operations: number): BoardStatus {
  if (status === 'submitted' || status === 'returned' || status === 'approved') return status
  return operations > 0 ? 'in_progress' : 'not_started'
}

export function boardRows(list: AssignmentLike[], progress: Progress[], now: number): BoardRow[] {
  const byId = new Map(progress.map((p) => [p.id, p]))
  return list.map((a) => {
    const p = byId.get(a.id)
    const lead = a.team.find((m) => m.role === 'lead')
    const lastSync = p ? Math.max(0, ...p.members.map((m) => Math.max(m.last_push, m.last_pull))) : 0
    return {
      id: a.id,
      draw: p?.draw ?? null,
      institution: a.institution_name || a.institution,
      template: `${a.template.id}@${a.template.version}`,
      status: boardStatus(a.status, p?.operations ?? 0),
      lead: lead ? lead.display_name || lead.username : '',
      team: a.team.map((m) => m.display_name || m.username).join('、'),
      lastSync,
      memberSync: a.team.map((m) => {
        const s = p?.members.find((x) => x.username === m.username)
        return { name: m.display_name || m.username, at: s ? Math.max(s.last_push, s.last_pull) : 0 }
      }),
      photosExpected: p?.photos_expected ?? 0,
      photosReceived: p?.photos_received ?? 0,
      conflicts: p?.conflicts ?? 0,
      daysSinceStart: p && p.first_change > 0 ? Math.floor((now - p.first_change) / DAY) : null,
      plannedDate: a.planned_date,
    }
  })
}

export interface BoardFilter {
  draw?: number | '' // a campaign: only the inspections created from this draw
  text: string
  status: BoardStatus | ''
  sort: keyof BoardRow | ''
  descending: boolean
}

export function filterBoard(rows: BoardRow[], f: BoardFilter): BoardRow[] {
  const q = f.text.trim().toLowerCase()
  let out = rows.filter(
    (r) => (!f.draw || r.draw === f.draw) && (!f.status || r.status === f.status) && (!q || r.institution.toLowerCase().includes(q) || r.id.toLowerCase().includes(q) || r.team.toLowerCase().includes(q)),
  )
  if (f.sort) {
    const key = f.sort
    const dir = f.descending ? -1 : 1
    out = [...out].sort((a, b) => {
      const x = a[key] ?? -Infinity
      const y = b[key] ?? -Infinity
      return (x < y ? -1 : x > y ? 1 : 0) * dir
    })
  }
  return out
}

export function statusCounts(rows: BoardRow[]): Record<BoardStatus, number> {
  const c: Record<BoardStatus, number> = { not_started: 0, in_progress: 0, submitted: 0, returned: 0, approved: 0 }
  for (const r of rows) c[r.status]++
  return c
}

// ---- An inspection, step by step -------------------------------------------------------------

export interface Text {
  zh: string
  en: string
}
export interface TemplateItem {
  id: string
  type: string
  label: Text
  weight?: number
  options?: { value: string; label: Text }[]
}
export interface TemplateDoc {
  id: string
  version: string
  title: Text
  steps: { key: string; title: Text; sections: { id: string; title: Text; items: TemplateItem[] }[] }[]
  indicators?: { id: string; label: Text; formula?: string; target?: string }[]
}
export interface AuthoredValue {
  author: string
  value: unknown
  time: number
}
export interface ItemSlot {
  status: string
  value?: unknown
  values: AuthoredValue[]
}
export interface StateDoc {
  inspection: AssignmentLike
  members: { username: string; role: string; operations: number; last_change: number; last_push: number; last_pull: number; pushes: number; steps: string[] }[]
  photos: { expected: number; received: number; missing: string[] }
  score: {
    total: number
    max: number
    percent: number | null
    grade: string | null
    conclusion: { status: string; failures: { code: string; subject: string; detail?: string }[]; incomplete: { code: string; subject: string; detail?: string }[] }
    indicators: { id: string; status: string; target?: string; value: number | null }[]
    sections: { id: string; step: string; points: number; max: number; answered: number; items: number }[]
    survey?: { enabled: boolean; rate?: number; responses?: number; valid?: number; satisfied?: number; sample_size?: number; question_means?: Record<string, number> }
  }
  state: {
    status: string
    items: Record<string, ItemSlot>
    conflicts: string[]
    findings: { id: string; item?: string; hazard?: string; closed: boolean; author: string; fields: Record<string, ItemSlot> }[]
    photos: { sha256: string; thumb?: string; caption?: string; target: string; author: string; taken_at?: number }[]
    notes: { target: string; text: string; author: string }[]
    history?: { kind: string; author: string; time: number; comment?: string }[]
  }
}

export function tr(t: Text | undefined, locale: string): string {
  if (!t) return ''
  return (locale === 'en' ? t.en : t.zh) || t.zh || t.en || ''
}

// A stored value as a person reads it: option labels for choices, dates as they are, photos and
// signatures by what they are.
export function displayValue(v: unknown, item: TemplateItem | undefined, locale: string): string {
  if (v === null || v === undefined) return ''
  if (Array.isArray(v)) return v.map((x) => displayValue(x, item, locale)).join('、')
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    if (typeof o.sha256 === 'string') return o.signer ? `✍ ${String(o.signer)}` : '🖼'
    if ('status' in o && typeof o.status === 'string') return displayValue(o.status, item, locale) + (o.note ? ` — ${String(o.note)}` : '')
    return JSON.stringify(v)
  }
  const s = String(v)
  const opt = item?.options?.find((o) => o.value === s)
  if (opt) return tr(opt.label, locale)
  const words: Record<string, Text> = {
    compliant: { zh: '符合', en: 'Compliant' },
    noncompliant: { zh: '不符合', en: 'Non-compliant' },
    not_applicable: { zh: '不适用', en: 'Not applicable' },
    partial: { zh: '部分符合', en: 'Partly compliant' },
  }
  return words[s] ? tr(words[s], locale) : s
}

export interface ItemView {
  id: string
  label: string
  value: string
  conflict: boolean
  authors: { author: string; value: string }[]
  notes: string[]
}
export interface StepView {
  key: string
  title: string
  owner: string
  sections: { id: string; title: string; points: number; max: number; items: ItemView[] }[]
}

export function stepViews(tpl: TemplateDoc, st: StateDoc, locale: string): StepView[] {
  const conflicts = new Set(st.state.conflicts)
  const notes = new Map<string, string[]>()
  for (const n of st.state.notes ?? []) notes.set(n.target, [...(notes.get(n.target) ?? []), `${n.author}: ${n.text}`])
  const sectionScore = new Map(st.score.sections.map((s) => [s.id, s]))
  const owners = new Map<string, string>()
  for (const m of st.members) for (const s of m.steps) owners.set(s, m.username)
  return tpl.steps.map((step) => ({
    key: step.key,
    title: tr(step.title, locale),
    owner: owners.get(step.key) ?? '',
    sections: step.sections.map((sec) => ({
      id: sec.id,
      title: tr(sec.title, locale),
      points: sectionScore.get(sec.id)?.points ?? 0,
      max: sectionScore.get(sec.id)?.max ?? 0,
      items: sec.items.map((item) => {
        const slot = st.state.items[item.id]
        const perAuthor = new Map<string, string>()
        for (const v of slot?.values ?? []) perAuthor.set(v.author, displayValue(v.value, item, locale))
        return {
          id: item.id,
          label: tr(item.label, locale),
          value: slot && slot.status !== 'conflict' ? displayValue(slot.value, item, locale) : '',
          conflict: conflicts.has(item.id) || slot?.status === 'conflict',
          authors: [...perAuthor].map(([author, value]) => ({ author, value })),
          notes: notes.get(item.id) ?? [],
        }
      }),
    })),
  }))
}

export interface FindingView {
  id: string
  item: string
  hazard: string
  closed: boolean
  problem: string
  responsible: string
  suggestion: string
  deadline: string
}

export function findingViews(tpl: TemplateDoc, st: StateDoc, locale: string): FindingView[] {
  const labels = new Map<string, string>()
  for (const s of tpl.steps) for (const sec of s.sections) for (const i of sec.items) labels.set(i.id, tr(i.label, locale))
  const field = (f: Record<string, ItemSlot>, k: string) => (f[k] && f[k].status !== 'conflict' ? String(f[k].value ?? '') : '')
  return st.state.findings.map((f) => ({
    id: f.id,
    item: f.item ? labels.get(f.item) ?? f.item : '',
    hazard: f.hazard ?? '',
    closed: f.closed,
    problem: field(f.fields, 'title') || (f.item ? labels.get(f.item) ?? f.item : ''),
    responsible: field(f.fields, 'responsible'),
    suggestion: field(f.fields, 'suggestion'),
    deadline: field(f.fields, 'deadline'),
  }))
}

// ---- The dashboard -------------------------------------------------------------------------------

export interface DashboardInput {
  region: string
  state: StateDoc
}
export interface Dashboard {
  passRates: { indicator: string; pass: number; fail: number; rate: number }[]
  scoreBins: { bin: string; count: number }[]
  findingsByCategory: { category: string; count: number }[]
  hazards: { level: string; count: number }[]
  byRegion: { region: string; count: number }[]
}

export function dashboard(inputs: DashboardInput[], itemCategory: (item: string) => string): Dashboard {
  const pass = new Map<string, { pass: number; fail: number }>()
  const bins = Array.from({ length: 10 }, (_, i) => ({ bin: `${i * 10}–${i === 9 ? 100 : i * 10 + 9}`, count: 0 }))
  const categories = new Map<string, number>()
  const hazards = new Map<string, number>()
  const regions = new Map<string, number>()
  for (const { region, state } of inputs) {
    regions.set(region || '—', (regions.get(region || '—') ?? 0) + 1)
    for (const ind of state.score.indicators) {
      if (ind.status !== 'pass' && ind.status !== 'fail') continue
      const p = pass.get(ind.id) ?? { pass: 0, fail: 0 }
      p[ind.status === 'pass' ? 'pass' : 'fail']++
      pass.set(ind.id, p)
    }
    if (state.score.percent !== null && state.score.percent !== undefined && state.score.max > 0)
      bins[Math.min(9, Math.max(0, Math.floor(state.score.percent / 10)))].count++
    for (const f of state.state.findings) {
      const c = itemCategory(f.item ?? '')
      categories.set(c, (categories.get(c) ?? 0) + 1)
      const h = f.hazard || 'general'
      hazards.set(h, (hazards.get(h) ?? 0) + 1)
    }
  }
  const sorted = <T>(m: Map<string, number>, make: (k: string, n: number) => T) =>
    [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => make(k, n))
  return {
    passRates: [...pass]
      .map(([indicator, p]) => ({ indicator, pass: p.pass, fail: p.fail, rate: p.pass / (p.pass + p.fail) }))
      .sort((a, b) => a.indicator.localeCompare(b.indicator)),
    scoreBins: bins,
    findingsByCategory: sorted(categories, (category, count) => ({ category, count })),
    hazards: sorted(hazards, (level, count) => ({ level, count })),
    byRegion: sorted(regions, (region, count) => ({ region, count })),
  }
}

// A table as CSV (RFC 4180, with a BOM so spreadsheet programs read the Chinese right). Cells that
// a spreadsheet would run as a formula are quoted with a leading apostrophe.
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const cell = (v: string | number | null) => {
    let s = v === null || v === undefined ? '' : String(v)
    if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}

// ---- The draw ------------------------------------------------------------------------------------

// How many institutions a draw by ratio picks: rounded up, at least one, at most all.
export function drawCount(by: 'count' | 'ratio', count: number, ratioPercent: number, pool: number): number {
  if (pool <= 0) return 0
  const n = by === 'count' ? Math.floor(count) : Math.ceil((pool * ratioPercent) / 100)
  return Math.max(1, Math.min(pool, n))
}

// Inspection ids made from a draw: campaign prefix, institution, and the draw number.
export function inspectionIdFor(drawId: number, institution: string): string {
  return `draw${drawId}-${institution}`.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64)
}

// ---- Templates -----------------------------------------------------------------------------------

export interface TemplateProblem {
  pointer: string
  message: string
}

// The server's validation message: one problem per line, "pointer: message".
export function templateProblems(message: string): TemplateProblem[] {
  return message
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const m = /^(\/[^:\s]*|\(root\)|):\s?(.*)$/.exec(l)
      return m ? { pointer: m[1] || '/', message: m[2] } : { pointer: '', message: l }
    })
}

export interface TemplateDiffRow {
  step: string
  item: string
  label: string
  left: string
  right: string
}

// Items of two template versions side by side: what one has and the other lacks, and changed
// labels, types or weights.
export function templateDiff(a: TemplateDoc, b: TemplateDoc, locale: string): TemplateDiffRow[] {
  const flat = (t: TemplateDoc) => {
    const m = new Map<string, { step: string; item: TemplateItem }>()
    for (const s of t.steps) for (const sec of s.sections) for (const i of sec.items) m.set(i.id, { step: tr(s.title, locale), item: i })
    return m
  }
  const fa = flat(a)
  const fb = flat(b)
  const describe = (i: TemplateItem | undefined) => (i ? `${tr(i.label, locale)} · ${i.type}${i.weight !== undefined ? ` · ${i.weight}` : ''}` : '')
  const out: TemplateDiffRow[] = []
  for (const id of new Set([...fa.keys(), ...fb.keys()])) {
    const x = fa.get(id)
    const y = fb.get(id)
    const left = describe(x?.item)
    const right = describe(y?.item)
    if (left !== right) out.push({ step: (x ?? y)!.step, item: id, label: tr((x ?? y)!.item.label, locale), left, right })
  }
  return out
}
