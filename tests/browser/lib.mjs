// The browser-test harness: Debian's chromium driven by playwright-core, the checks every
// page must pass (axe-core at WCAG 2.2 AA, no sideways scrolling at 320 px), screenshots,
// and a small runner of named journeys. run.sh starts the server and sets the environment:
//   LOOKOUT_BASE_URL     the server, e.g. http://127.0.0.1:41234
//   LOOKOUT_ACCOUNTS     JSON: { role: { email, password, role, mustChangePassword } }
//   LOOKOUT_BROWSER_OUT  the output folder (screenshots go to its screenshots/ folder)
//   LOOKOUT_CHROMIUM     the browser (default /usr/bin/chromium)
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

// The packages live in web/node_modules (pinned by web/package-lock.json), not beside the
// tests, so resolve them from there.
const require = createRequire(new URL('../../web/package.json', import.meta.url))
const { chromium } = require('playwright-core')
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export const baseUrl = requiredEnv('LOOKOUT_BASE_URL').replace(/\/$/, '')
export const accounts = JSON.parse(requiredEnv('LOOKOUT_ACCOUNTS'))
export const outDir = requiredEnv('LOOKOUT_BROWSER_OUT')
const screenshotDir = path.join(outDir, 'screenshots')

// WCAG 2.2 level AA, as axe-core 4 tags it: every A and AA rule of 2.0, 2.1 and 2.2.
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
export const NARROW_WIDTH = 320
const DESKTOP_VIEWPORT = { width: 1280, height: 800 }

// Headless chromium as root on a machine without a network: no sandbox (root), no GPU, and
// none of the background connections (updates, sync, safe browsing) that would only fail.
// playwright-core adds --headless and a fresh --user-data-dir of its own for each launch.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
]

function requiredEnv (name) {
  const value = process.env[name]
  if (!value) {
    throw new Error(`${name} is not set: run the journeys through tests/browser/run.sh`)
  }
  return value
}

export function url (pathAndQuery) {
  return baseUrl + pathAndQuery
}

export function account (role) {
  const found = accounts[role]
  if (!found) throw new Error(`no ${role} account in LOOKOUT_ACCOUNTS`)
  return found
}

export async function launchBrowser () {
  return chromium.launch({
    executablePath: process.env.LOOKOUT_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  })
}

// The path of the page the browser shows now.
export function currentPath (page) {
  return new URL(page.url()).pathname
}

export function expectPath (page, expected, what) {
  const actual = currentPath(page)
  if (actual !== expected) {
    throw new Error(`${what}: expected to be on ${expected}, but the browser is on ${page.url()}`)
  }
}

// The longest a journey may take (the longest, walking every form, takes under a minute).
const kJourneyTimeout = 240000

// Clicks something that submits a form or follows a link, and waits for the page that
// results (after any redirects) to load. Returns that page's response.
export async function clickAndWait (page, locator) {
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    locator.click(),
  ])
  return response
}

// Fills the sign-in form (fields named email and password) and presses "Sign in".
export async function signIn (page, email, password) {
  await page.locator('input[name="email"]').fill(email)
  await page.locator('input[name="password"]').fill(password)
  return clickAndWait(page, page.getByRole('button', { name: 'Sign in', exact: true }))
}

// A password that meets Lookout's policy and is new on every run.
export function newPassword () {
  return `Quiet-harbour-${crypto.randomBytes(9).toString('base64url')}`
}

// Fills the change-password form (fields current, new and confirm), presses "Change
// password" and records the new password in the account.
export async function changePassword (page, who, chosen = newPassword()) {
  await page.locator('input[name="current"]').fill(who.password)
  await page.locator('input[name="new"]').fill(chosen)
  await page.locator('input[name="confirm"]').fill(chosen)
  const response = await clickAndWait(page, page.getByRole('button', { name: 'Change password', exact: true }))
  if (currentPath(page) !== '/account/password') {
    who.password = chosen
    who.mustChangePassword = false
  }
  return response
}

// Signs in as the account of a role from the sign-in page, changing a one-time password
// first when the account still has one, so a journey can start from any role's home.
export async function signOut (page) {
  await clickAndWait(page, page.getByRole('button', { name: 'Sign out' }))
}

// Signs in as the account of `role`, signing out first whoever is signed in on the page.
export async function signInAs (page, role) {
  const who = account(role)
  if (await page.getByRole('button', { name: 'Sign out' }).count() > 0) await signOut(page)
  await page.goto(url('/sign-in'))
  await signIn(page, who.email, who.password)
  if (currentPath(page) === '/account/password') await changePassword(page, who)
  expectPath(page, '/', `signing in as ${role}`)
  return who
}

// Runs axe-core in the page and fails with each violation's rule, impact and the elements
// it found. axe's source is evaluated through the DevTools protocol, which the page's
// Content-Security-Policy (script-src 'self') does not govern; the page itself keeps its
// CSP, so the check sees exactly what a user gets, and an inline script in a template still
// shows up as a CSP violation (see the runner's console watch).
// The page templates checked so far, by the data-template attribute the layout puts on
// <main>: everyTemplateChecked() compares them with the templates Lookout has.
export const checkedTemplates = new Set()

// Whether the page runs scripts' timers: not in a context with JavaScript turned off, where
// a promise waiting on a timer or a frame never settles (axe waits on timers).
async function timersRun (page) {
  let timer
  const late = new Promise(resolve => { timer = setTimeout(() => resolve(false), 1000) })
  const ran = await Promise.race([page.evaluate(() => new Promise(resolve => setTimeout(() => resolve(true), 0))), late])
  clearTimeout(timer)
  return ran
}

// Without JavaScript axe cannot run in the page; the same templates are checked with it in
// the journeys that run scripts.
export async function checkAccessibility (page, name) {
  const template = await page.evaluate(() => document.querySelector('main')?.dataset.template)
  if (!(await timersRun(page))) return
  if (template) checkedTemplates.add(template)
  const hasAxe = await page.evaluate(() => typeof window.axe === 'object')
  if (!hasAxe) await page.evaluate(axeSource)
  const results = await page.evaluate(
    (tags) => window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    }),
    WCAG_TAGS)
  if (results.violations.length === 0) return
  const lines = []
  for (const v of results.violations) {
    lines.push(`  ${v.id} (${v.impact}): ${v.help}`)
    for (const node of v.nodes.slice(0, 10)) {
      lines.push(`      at ${node.target.join(' ')}`)
    }
    if (v.nodes.length > 10) lines.push(`      ... and ${v.nodes.length - 10} more`)
  }
  throw new Error(`${name}: ${results.violations.length} accessibility violation(s) at WCAG 2.2 ` +
    `AA on ${page.url()}:\n${lines.join('\n')}`)
}

// At 320 CSS pixels wide (WCAG 1.4.10 Reflow) the page must not scroll sideways. Restores
// the viewport afterwards; on failure names the elements that stick out.
export async function checkNarrow (page, name) {
  const previous = page.viewportSize() || DESKTOP_VIEWPORT
  await page.setViewportSize({ width: NARROW_WIDTH, height: 800 })
  try {
    const { scrollWidth, wide } = await page.evaluate((limit) => {
      const scrollWidth = document.documentElement.scrollWidth
      if (scrollWidth <= limit) return { scrollWidth, wide: [] }
      // How far right an element or its overflowing content reaches, unless it clips it.
      const reach = (el) => {
        const box = el.getBoundingClientRect()
        const clips = getComputedStyle(el).overflowX !== 'visible'
        return box.left + (clips ? box.width : Math.max(box.width, el.scrollWidth))
      }
      const insideClip = (el) => {
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          if (getComputedStyle(a).overflowX !== 'visible') return true
        }
        return false
      }
      const wide = []
      for (const el of document.body.querySelectorAll('*')) {
        if (reach(el) <= limit + 0.5 || insideClip(el)) continue
        // Only the innermost offenders: an element whose child also sticks out is not one.
        if ([...el.children].some(c => reach(c) > limit + 0.5)) continue
        const id = el.id ? `#${el.id}` : ''
        const cls = typeof el.className === 'string' && el.className.trim()
          ? '.' + el.className.trim().split(/\s+/).join('.')
          : ''
        wide.push(`${el.tagName.toLowerCase()}${id}${cls} (reaches ${Math.round(reach(el))} px)`)
      }
      return { scrollWidth, wide: wide.slice(0, 10) }
    }, NARROW_WIDTH)
    if (scrollWidth > NARROW_WIDTH) {
      throw new Error(`${name}: at ${NARROW_WIDTH} px wide ${page.url()} scrolls sideways ` +
        `(content is ${scrollWidth} px wide); sticking out:\n  ${wide.join('\n  ')}`)
    }
    const tables = await narrowTableProblems(page)
    if (tables.length) {
      throw new Error(`${name}: at ${NARROW_WIDTH} px wide on ${page.url()}, a table that does ` +
        `not fit gives no way or no sign to see the rest:\n  ${tables.join('\n  ')}`)
    }
  } finally {
    await page.setViewportSize(previous)
  }
}

// Every table wider than the space it has (on a phone lookout.mjs stacks a table's rows, so
// this is a table without the script, or one too wide even stacked) must sit in Lookout's
// scrolling box (.lookout-table-scroll, web/scss/lookout.scss): a labelled region a keyboard
// can reach (tabindex 0) that shows its edge shadows, and, when the page runs lookout.mjs,
// the visible line above it saying the table scrolls. Returns what is wrong, one line per
// table.
async function narrowTableProblems (page) {
  // The boxes' resize observers run after the next layout: two frames on, they have. A
  // context without JavaScript has no observers, and no frame callbacks: nothing to wait for.
  if (await timersRun(page)) {
    await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  }
  return page.evaluate(() => {
    const problems = []
    const scripted = document.body.classList.contains('js-enabled')
    document.querySelectorAll('table').forEach((table, i) => {
      const box = table.parentElement
      const caption = table.querySelector('caption')?.textContent.trim() || `table ${i + 1}`
      const what = `"${caption}"`
      const isBox = box && box.classList.contains('lookout-table-scroll')
      const fits = isBox ? box.scrollWidth <= box.clientWidth + 1 : table.scrollWidth <= table.parentElement.clientWidth + 1
      if (fits) return
      if (!isBox) {
        problems.push(`${what} is not inside a .lookout-table-scroll box`)
        return
      }
      if (box.getAttribute('role') !== 'region' || !(box.getAttribute('aria-label') || '').trim()) {
        problems.push(`${what}: its box is not a labelled region (role="region" aria-label="...")`)
      }
      if (box.tabIndex !== 0) problems.push(`${what}: its box cannot be reached with the keyboard (tabindex="0")`)
      if (!getComputedStyle(box).backgroundImage.includes('gradient')) {
        problems.push(`${what}: its box shows no shadow at the hidden edge`)
      }
      const hint = box.previousElementSibling
      const hintShown = hint && hint.classList.contains('lookout-table-scroll__hint') &&
        !hint.hidden && hint.getBoundingClientRect().height > 0
      if (scripted && !hintShown) problems.push(`${what}: no visible line says that it scrolls sideways`)
    })
    return problems
  })
}

// Saves a full-page screenshot as OUT_DIR/screenshots/NAME.png.
export async function screenshot (page, name) {
  fs.mkdirSync(screenshotDir, { recursive: true })
  const file = path.join(screenshotDir, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

// A page's accessibility, 320 px and screenshot checks in one call.
export async function checkPage (page, name) {
  await checkAccessibility(page, name)
  await checkNarrow(page, name)
  await screenshot(page, name)
}

// Runs journeys, each `async function name(t)` in a fresh browser context (no cookies),
// where t = { page, context, step }. `await t.step('what happens', async () => ...)` names
// the step a failure is reported at. A journey also fails when the page throws an uncaught
// error or breaks the Content-Security-Policy. `only` limits the run to journeys by name.
// Prints a summary and returns the process exit code: 0 when every journey passed.
export async function runJourneys (journeys, only = []) {
  const selected = only.length ? journeys.filter(j => only.includes(j.name)) : journeys
  const unknown = only.filter(name => !journeys.some(j => j.name === name))
  if (unknown.length) {
    console.error(`browser: no journey named ${unknown.join(', ')}; there are: ` +
      journeys.map(j => j.name).join(', '))
    return 2
  }
  const browser = await launchBrowser()
  const failures = []
  try {
    for (const journey of selected) {
      // A journey may ask for its own browser settings: journey.contextOptions = {
      // javaScriptEnabled: false } walks it as someone whose browser runs no script.
      const context = await browser.newContext({ viewport: DESKTOP_VIEWPORT, ...(journey.contextOptions || {}) })
      const page = await context.newPage()
      const pageProblems = []
      page.on('pageerror', (error) => pageProblems.push(`uncaught error on ${page.url()}: ${error.message}`))
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
          pageProblems.push(`CSP violation on ${page.url()}: ${message.text()}`)
        }
      })
      let current = '(start)'
      const t = {
        page,
        context,
        async step (name, fn) {
          current = name
          return fn()
        },
      }
      const started = Date.now()
      let timer
      try {
        // A journey that waits on something that never comes fails on its own, named, and
        // the run goes on: every wait of playwright's has a timeout, but not every promise.
        await Promise.race([
          journey(t),
          new Promise((resolve, reject) => {
            timer = setTimeout(() => reject(new Error(`the journey took more than ${kJourneyTimeout / 1000} s`)), kJourneyTimeout)
          }),
        ])
        current = '(browser console)'
        if (pageProblems.length) throw new Error(pageProblems.join('\n'))
        console.log(`ok   ${journey.name} (${Date.now() - started} ms)`)
      } catch (error) {
        failures.push(journey.name)
        console.log(`FAIL ${journey.name}\n  at step: ${current}\n  ${indent(error.message || String(error))}`)
        try {
          console.log(`  the browser shows ${page.url()}: ${await describePage(page)}`)
          const file = await screenshot(page, `FAILED-${journey.name}`)
          console.log(`  screenshot of the failure: ${file}`)
        } catch {
          // The page may be gone (a crash); the failure is already reported.
        }
      } finally {
        clearTimeout(timer)
        await context.close()
      }
    }
  } finally {
    await browser.close()
  }
  const passed = selected.length - failures.length
  if (failures.length) console.log(`browser: failed journeys: ${failures.join(', ')}`)
  console.log(`browser: ${passed} passed, ${failures.length} failed`)
  return failures.length ? 1 : 0
}

// The page's title and the start of its main text, to tell what a failure landed on.
async function describePage (page) {
  const title = await page.title()
  const main = await page.evaluate(() =>
    (document.querySelector('main') || document.body || { innerText: '' }).innerText)
  const text = main.replace(/\s+/g, ' ').trim().slice(0, 200)
  return `"${title}" ${text ? `(${text})` : ''}`
}

function indent (text) {
  return text.split('\n').join('\n  ')
}

// Fails unless every page template of Lookout (src/http/ui/templates/*.mustache, but the
// layout and the partials, whose names start with '_') was checked with axe by some
// journey: a new page cannot go unchecked. Meant to run after every other journey.
export function everyTemplateChecked () {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/http/ui/templates')
  const templates = fs.readdirSync(dir)
    .filter(f => f.endsWith('.mustache') && !f.startsWith('_') && f !== 'layout.mustache')
    .map(f => f.slice(0, -'.mustache'.length))
  const missing = templates.filter(t => !checkedTemplates.has(t))
  if (missing.length) {
    throw new Error(`no journey checked these page templates with axe: ${missing.join(', ')}`)
  }
}
