// Reading an institution registry from a spreadsheet (rows of cells, from CSV or XLSX): each row is
// checked as the server will check it, and every problem is shown before anything is saved.

import type { Institution } from './api'

// An institution as the server takes it, with where it came from and what is wrong with it.
export interface RegistryRow extends Institution {
  line: number // the spreadsheet's row number (1 is the header)
  problems: string[]
}

// Column names accepted in the header row (Chinese or English, any case).
const columns: Record<string, keyof RegistryRow> = {
  id: 'id',
  编号: 'id',
  机构编号: 'id',
  name: 'name',
  名称: 'name',
  机构名称: 'name',
  region: 'region',
  district: 'region',
  地区: 'region',
  所在地区: 'region',
  type: 'type',
  类型: 'type',
  机构类型: 'type',
  机构性质: 'type',
  address: 'address',
  地址: 'address',
  beds: 'beds',
  床位: 'beds',
  床位数: 'beds',
  linked_inspectors: 'linked_inspectors',
  avoidance: 'linked_inspectors',
  回避人员: 'linked_inspectors',
}

export const utf8Length = (s: string) => new TextEncoder().encode(s).length

const validId = /^[A-Za-z0-9._-]{1,64}$/

export interface RegistryParse {
  rows: RegistryRow[]
  headerProblem: string | null
}

// The problems are keys into the messages plus values, formatted by the caller: kept as plain
// strings here (English) because they are data-shaping results tests read.
export function parseRegistry(table: string[][]): RegistryParse {
  const nonEmpty = table.filter((r) => r.some((c) => String(c ?? '').trim() !== ''))
  if (nonEmpty.length === 0) return { rows: [], headerProblem: 'the file is empty' }
  const header = nonEmpty[0].map((h) => String(h ?? '').trim().replace(/^\uFEFF/, ''))
  const map = header.map((h) => columns[h] ?? columns[h.toLowerCase()] ?? null)
  const missing = (['id', 'name'] as const).filter((c) => !map.includes(c))
  if (missing.length) return { rows: [], headerProblem: `the header row lacks the column(s) ${missing.join(', ')}` }
  const seen = new Map<string, number>()
  const rows: RegistryRow[] = []
  for (let i = table.indexOf(nonEmpty[0]) + 1; i < table.length; ++i) {
    const cells = table[i]
    if (!cells.some((c) => String(c ?? '').trim() !== '')) continue
    const row: RegistryRow = { line: i + 1, id: '', name: '', region: '', type: '', address: '', beds: 0, linked_inspectors: [], problems: [] }
    map.forEach((field, col) => {
      if (!field) return
      const text = String(cells[col] ?? '').trim()
      if (field === 'beds') {
        if (text === '') return
        const n = Number(text)
        if (!Number.isInteger(n) || n < 0 || n > 100000) row.problems.push(`beds "${text}" is not a whole number from 0 to 100000`)
        else row.beds = n
      } else if (field === 'linked_inspectors') {
        row.linked_inspectors = text.split(/[,，;；\s]+/).filter(Boolean)
      } else if (field !== 'line' && field !== 'problems') {
        ;(row[field] as string) = text
      }
    })
    if (!row.id) row.problems.push('id is empty')
    else if (!validId.test(row.id)) row.problems.push(`id "${row.id.slice(0, 80)}" may hold only letters, digits, ".", "_" and "-" (up to 64)`)
    if (!row.name) row.problems.push('name is empty')
    // The server's limits, in UTF-8 bytes (a Chinese character takes three).
    else if (utf8Length(row.name) > 200) row.problems.push(`name takes ${utf8Length(row.name)} bytes, more than 200 (about 66 Chinese characters)`)
    if (utf8Length(row.region) > 100) row.problems.push(`region takes ${utf8Length(row.region)} bytes, more than 100`)
    if (utf8Length(row.type) > 100) row.problems.push(`type takes ${utf8Length(row.type)} bytes, more than 100`)
    if (utf8Length(row.address) > 300) row.problems.push(`address takes ${utf8Length(row.address)} bytes, more than 300`)
    for (const who of row.linked_inspectors)
      if (!validId.test(who)) row.problems.push(`avoidance "${who.slice(0, 80)}" is not a username`)
    if (row.id) {
      const before = seen.get(row.id)
      if (before !== undefined) row.problems.push(`id ${row.id} repeats row ${before}`)
      else seen.set(row.id, row.line)
    }
    rows.push(row)
  }
  return { rows, headerProblem: rows.length ? null : 'the file has a header but no institutions' }
}

// RFC 4180 CSV: quoted fields with commas, doubled quotes and line breaks; CRLF or LF.
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const s = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < s.length; ++i) {
    const ch = s[i]
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"'
          ++i
        } else quoted = false
      } else field += ch
    } else if (ch === '"' && field === '') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') ++i
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

// A value of an ExcelJS cell as text (rich text, formulas' results, dates, hyperlinks).
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('')
    if ('result' in o) return cellText(o.result)
    if ('text' in o) return cellText(o.text)
    return ''
  }
  return String(v)
}
