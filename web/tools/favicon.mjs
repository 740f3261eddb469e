// Makes Lookout's bitmap icons from web/images/favicon.svg, for the browsers and devices
// that do not take an SVG icon: favicon.ico (16 and 32 px PNGs in an ICO container) and
// apple-touch-icon.png (180 px, square and on the brand's teal: iOS rounds the corners
// itself and shows no transparency). The files are committed beside the SVG, so building
// Lookout needs no image tools; run this again after changing the SVG:
//   node web/tools/favicon.mjs
// It draws the SVG in Debian's chromium through playwright-core (the browser tests' tools,
// from scripts/install-deps.sh test).
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const images = path.join(here, '..', 'images')
const require = createRequire(path.join(here, '..', 'package.json'))
const { chromium } = require('playwright-core')

const svg = fs.readFileSync(path.join(images, 'favicon.svg'), 'utf8')

// The SVG drawn at `size` CSS pixels (device scale 1), as PNG bytes.
async function render (browser, size, background) {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 })
  const img = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
  await page.setContent(`<!doctype html><html><body style="margin:0;background:${background}">` +
    `<img src="${img}" width="${size}" height="${size}" style="display:block"></body></html>`)
  await page.locator('img').evaluate(img => img.decode())
  const png = await page.screenshot({ omitBackground: background === 'transparent', type: 'png' })
  await page.close()
  return png
}

// An ICO file holding PNG images (Windows Vista and every current browser read them).
function ico (entries) {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // type: icon
  header.writeUInt16LE(entries.length, 4)
  const directory = Buffer.alloc(16 * entries.length)
  let offset = header.length + directory.length
  entries.forEach(({ size, png }, i) => {
    const at = 16 * i
    directory.writeUInt8(size >= 256 ? 0 : size, at) // width
    directory.writeUInt8(size >= 256 ? 0 : size, at + 1) // height
    directory.writeUInt8(0, at + 2) // no palette
    directory.writeUInt8(0, at + 3) // reserved
    directory.writeUInt16LE(1, at + 4) // colour planes
    directory.writeUInt16LE(32, at + 6) // bits per pixel
    directory.writeUInt32LE(png.length, at + 8)
    directory.writeUInt32LE(offset, at + 12)
    offset += png.length
  })
  return Buffer.concat([header, directory, ...entries.map(e => e.png)])
}

const browser = await chromium.launch({
  executablePath: process.env.LOOKOUT_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
})
try {
  const small = await render(browser, 16, 'transparent')
  const large = await render(browser, 32, 'transparent')
  fs.writeFileSync(path.join(images, 'favicon.ico'), ico([{ size: 16, png: small }, { size: 32, png: large }]))
  fs.writeFileSync(path.join(images, 'apple-touch-icon.png'), await render(browser, 180, '#0b5563'))
  console.log(`favicon: wrote favicon.ico and apple-touch-icon.png in ${images}`)
} finally {
  await browser.close()
}
