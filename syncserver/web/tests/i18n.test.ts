import { describe, expect, it } from 'vitest'
import { en, zh } from '../src/i18n'

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))

describe('messages', () => {
  it('English has every Chinese key and no other', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort())
  })
  it('no message is empty, and none uses vue-i18n’s special characters unescaped', () => {
    for (const messages of [zh, en])
      for (const k of keys(messages)) {
        const text = k.split('.').reduce((o: Record<string, unknown>, part) => o[part] as Record<string, unknown>, messages as unknown as Record<string, unknown>) as unknown as string
        expect(text.length, k).toBeGreaterThan(0)
        expect(text.replace(/\{'[@|]'\}/g, ''), k).not.toMatch(/[@|]/)
      }
  })
})
