import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { gzipSync } from 'node:zlib'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

// Every text file of the build also as name.gz: careeval-server sends it when the browser takes
// gzip (the server compresses nothing at run time).
function precompress(): Plugin {
  return {
    name: 'careeval-precompress',
    apply: 'build',
    // From the files as written: earlier hooks still see placeholders Vite fills in later.
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(name)) continue
        const path = join(options.dir!, name)
        writeFileSync(path + '.gz', gzipSync(readFileSync(path), { level: 9 }))
      }
    },
  }
}

export default defineConfig({
  plugins: [vue(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline scripts or styles: the server's Content-Security-Policy forbids inline script.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
  },
})
