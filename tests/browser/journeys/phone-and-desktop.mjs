// What a person notices on a phone (320 px) and at a desk (1280 px), as each role: the
// navigation folded behind a menu button, tables whose rows stack on a phone (or that
// scroll with a cue), the
// officer's home listing each task once with overdue tasks marked, the assessment form
// explaining its scales, a proposal that starts from its insight, the audit trail in
// sentences, the icon, and the survey period chosen from the programme's periods.
import {
  checkAccessibility, checkNarrow, checkPage, clickAndWait, currentPath, screenshot, signInAs,
  signOut, url,
} from '../lib.mjs'

const PHONE = { width: 320, height: 800 }
const DESK = { width: 1280, height: 800 }

// The main pages of each role, as its navigation offers them.
const ROLE_PAGES = {
  admin: ['/', '/admin/users', '/admin/staff', '/admin', '/admin/audit'],
  manager: ['/', '/insight', '/tasks', '/tasking', '/activities', '/partners', '/evaluation', '/reports'],
  officer: ['/', '/insight', '/tasks', '/activities', '/campaigns', '/reports'],
  analyst: ['/', '/tasks', '/evaluation', '/surveys', '/reports'],
  funder: ['/', '/reports/published'],
}

function slug (path) {
  return path === '/' ? 'home' : path.slice(1).replace(/[^a-z0-9]+/gi, '-')
}

// The date `days` from today as the three boxes of a GOV.UK date input take it.
function dateParts (days) {
  const d = new Date(Date.now() + days * 86400000)
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) }
}

async function fillDate (page, legend, parts) {
  const group = page.getByRole('group', { name: legend })
  await group.getByLabel('Day').fill(parts.day)
  await group.getByLabel('Month').fill(parts.month)
  await group.getByLabel('Year').fill(parts.year)
}

// The page as it is, checked and screenshotted at 1280 px (NAME-1280) and then at 320 px
// (NAME-320: axe, the 320 px checks), and left at 1280 px.
async function checkBothWidths (page, name) {
  await page.setViewportSize(DESK)
  await checkPage(page, `${name}-1280`)
  await page.setViewportSize(PHONE)
  await checkAccessibility(page, `${name} at 320 px`)
  await checkNarrow(page, `${name} at 320 px`)
  await screenshot(page, `${name}-320`)
  await page.setViewportSize(DESK)
}

// Waits a moment for the state: GOV.UK Frontend shows or hides the menu button when the
// page's width crosses its breakpoint, just after the resize.
async function expectVisible (locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: 5000 })
  } catch {
    throw new Error(`${what} is not visible`)
  }
}

async function expectHidden (locator, what) {
  try {
    await locator.first().waitFor({ state: 'hidden', timeout: 5000 })
  } catch {
    throw new Error(`${what} is visible`)
  }
}

// Every role, at 1280 px and at 320 px: the navigation's links in a row at a desk and
// behind "Menu" on a phone; each of the role's main pages passes axe and the 320 px checks
// (tables included) at both widths and is screenshotted at both.
async function everyRoleAtPhoneAndDeskWidths (t) {
  const { page } = t
  for (const role of Object.keys(ROLE_PAGES)) {
    await t.step(`${role}: signs in`, async () => {
      await page.setViewportSize(DESK)
      await signInAs(page, role)
    })
    await t.step(`${role}: the navigation is a row of links at 1280 px`, async () => {
      await expectVisible(page.locator('#navigation'), 'the navigation at 1280 px')
      await expectHidden(page.locator('.govuk-service-navigation__toggle'), 'the menu button at 1280 px')
    })
    await t.step(`${role}: the navigation folds behind Menu at 320 px`, async () => {
      await page.setViewportSize(PHONE)
      const toggle = page.getByRole('button', { name: 'Menu' })
      await expectVisible(toggle, 'the menu button at 320 px')
      await expectHidden(page.locator('#navigation'), 'the navigation before Menu is pressed')
      if ((await toggle.getAttribute('aria-expanded')) !== 'false') throw new Error('Menu is not aria-expanded="false"')
      await screenshot(page, `${role}-menu-closed-320`)
      await toggle.click()
      await expectVisible(page.locator('#navigation'), 'the navigation after Menu is pressed')
      if ((await toggle.getAttribute('aria-expanded')) !== 'true') throw new Error('Menu is not aria-expanded="true" once open')
      await checkAccessibility(page, `${role} menu open at 320 px`)
      await screenshot(page, `${role}-menu-open-320`)
      // A link of the open menu goes to its page.
      const links = page.locator('#navigation a')
      const last = links.last()
      const href = await last.getAttribute('href')
      await clickAndWait(page, last)
      if (currentPath(page) !== href.split('?')[0]) throw new Error(`the menu's last link led to ${page.url()}, not ${href}`)
    })
    for (const path of ROLE_PAGES[role]) {
      await t.step(`${role}: ${path} at 1280 px and 320 px`, async () => {
        await page.setViewportSize(DESK)
        const response = await page.goto(url(path))
        if (response.status() !== 200) throw new Error(`${path} answered ${response.status()}`)
        await checkBothWidths(page, `${role}-${slug(path)}`)
      })
    }
    await t.step(`${role}: signs out`, async () => {
      await page.setViewportSize(DESK)
      await signOut(page)
    })
  }
}

// Without JavaScript the menu button never shows and every link is there, at any width.
async function navigationWithoutJavaScript (t) {
  const { page } = t
  await signInAs(page, 'manager')
  await page.setViewportSize(PHONE)
  await expectHidden(page.locator('.govuk-service-navigation__toggle'), 'the menu button without JavaScript')
  for (const name of ['Home', 'Insight', 'Tasks', 'Activities', 'Reports', 'Tasking']) {
    await expectVisible(page.locator('#navigation').getByRole('link', { name, exact: true }), `the ${name} link without JavaScript`)
  }
  await checkNarrow(page, 'manager home without JavaScript at 320 px')
  await screenshot(page, 'manager-home-no-javascript-320')
}
navigationWithoutJavaScript.contextOptions = { javaScriptEnabled: false }

// On a phone a table's rows stack, each cell under its column's name; a table still wider
// than its box scrolls inside it, says so above it, and can be scrolled with the keyboard.
async function tablesOnAPhoneAndAtADesk (t) {
  const { page } = t
  await signInAs(page, 'manager')
  await t.step('at 320 px the rows of the task list stack under their column names', async () => {
    await page.setViewportSize(PHONE)
    await page.goto(url('/tasks'))
    const table = page.locator('main table').first()
    const stacked = await table.evaluate(el => {
      const cell = el.querySelector('tbody td:nth-child(2)')
      return {
        fits: el.getBoundingClientRect().width <= el.parentElement.clientWidth + 1,
        label: getComputedStyle(cell, '::before').content,
        display: getComputedStyle(el.querySelector('tbody tr')).display,
      }
    })
    if (!stacked.fits) throw new Error('the stacked table is wider than the screen')
    if (stacked.display !== 'block') throw new Error(`a row displays as ${stacked.display}, not stacked`)
    if (!stacked.label.includes('Regions')) throw new Error(`a cell is not labelled with its column: ${stacked.label}`)
    if ((await table.getAttribute('role')) !== 'table') throw new Error('the stacked table lost its role')
    await screenshot(page, 'tasks-stacked-320')
  })
  await t.step('a table wider than its box scrolls with a cue and the keyboard', async () => {
    await page.setViewportSize(DESK)
    await page.goto(url('/tasks'))
    const box = page.locator('.lookout-table-scroll').first()
    const hint = page.locator('.lookout-table-scroll__hint').first()
    // The list fits at 1280 px: no cue, and no tab stop on a box that does not scroll.
    await page.waitForFunction(() => !document.querySelector('.lookout-table-scroll').hasAttribute('tabindex'))
    await expectHidden(hint, 'the cue on a table that fits')
    // Made wider than the screen (as a table of many columns would be), it says so.
    await box.locator('table').evaluate(el => { el.style.minWidth = '2400px' })
    await hint.waitFor()
    if ((await hint.innerText()).trim() !== 'Scroll the table sideways to see every column') {
      throw new Error(`the cue says "${await hint.innerText()}"`)
    }
    await page.waitForFunction(() => document.querySelector('.lookout-table-scroll').getAttribute('tabindex') === '0')
    await box.focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.waitForFunction(() => document.querySelector('.lookout-table-scroll').scrollLeft > 0)
    await screenshot(page, 'tasks-wide-table-1280')
  })
}

// Without JavaScript a table does not stack: it scrolls inside its labelled, focusable box
// with a shadow at the hidden edge (checkNarrow checks each such table).
async function tablesWithoutJavaScript (t) {
  const { page } = t
  await signInAs(page, 'manager')
  await page.setViewportSize(PHONE)
  await page.goto(url('/tasks'))
  const overflows = await page.locator('.lookout-table-scroll').first()
    .evaluate(el => el.scrollWidth > el.clientWidth)
  if (!overflows) throw new Error('the task list fits a phone without stacking: the test shows nothing')
  await checkNarrow(page, 'the task list without JavaScript at 320 px')
  await screenshot(page, 'tasks-no-javascript-320')
}
tablesWithoutJavaScript.contextOptions = { javaScriptEnabled: false }

// The manager proposes a task for the officer, due ten days ago, and approves it; the
// officer's home lists it once, marked overdue by ten days, at both widths.
async function officersHomeListsEachTaskOnce (t) {
  const { page } = t
  const title = 'Late-night takeaway staff briefings'
  await signInAs(page, 'manager')
  await t.step('the manager proposes a task due ten days ago for the officer', async () => {
    await page.goto(url('/tasks/new'))
    await page.getByLabel('Title').fill(title)
    await page.getByLabel('Spotting the signs').check()
    await page.getByLabel('Child criminal exploitation (CCE)').check()
    await page.getByLabel('East Midlands').check()
    await page.getByLabel('Lead officer').selectOption({ label: 'Olu Officer' })
    await page.getByLabel('High').check()
    await fillDate(page, 'Due date (optional)', dateParts(-10))
    await clickAndWait(page, page.getByRole('button', { name: 'Propose the task' }))
    await page.getByText(/has been proposed\./).waitFor()
  })
  await t.step('the manager approves it at the tasking meeting', async () => {
    await page.goto(url('/tasking'))
    const proposal = page.locator('section.lookout-proposal', { has: page.getByRole('link', { name: title }) })
    await proposal.getByLabel('Approve').check()
    await proposal.getByLabel(/Reason, conditions/).fill('Approved late: start this week.')
    await clickAndWait(page, proposal.getByRole('button', { name: /Record the decision/ }))
    await signOut(page)
  })
  await t.step('the officer sees it once, overdue by ten days', async () => {
    await signInAs(page, 'officer')
    const rows = page.locator('main tr', { hasText: title })
    if ((await rows.count()) !== 1) throw new Error(`the task is in ${await rows.count()} rows of the officer's home`)
    await expectVisible(rows.first().getByText('Overdue by 10 days'), 'the overdue tag')
    await checkBothWidths(page, 'officer-home-overdue')
  })
}

// The assessment form says what each factor's scores mean and what the risk score means.
async function assessFormExplainsItsScales (t) {
  const { page } = t
  await signInAs(page, 'officer')
  await page.goto(url('/insight'))
  await clickAndWait(page, page.locator('main table a').first())
  await clickAndWait(page, page.getByRole('button', { name: 'Assess and score' }))
  await expectVisible(page.getByText('= serious harm to several children'), "the harm factor's scale")
  await expectVisible(page.getByRole('heading', { name: 'What the risk score means' }), 'the risk score explained')
  await expectVisible(page.getByRole('cell', { name: 'Medium: weigh it at the next tasking meeting' }), 'the risk bands')
  await checkBothWidths(page, 'assess-scales')
}

// A task proposed from insight starts with the insight's themes, county-lines flag and
// region.
async function proposalStartsFromItsInsight (t) {
  const { page } = t
  await signInAs(page, 'officer')
  await t.step('the officer records insight about county lines', async () => {
    await page.goto(url('/insight/new'))
    await page.getByLabel('Officer observation').check()
    await page.getByLabel('Child criminal exploitation (CCE)').check()
    await page.getByLabel('Online harm').check()
    await page.getByLabel('County lines').check()
    await page.getByLabel('Train station').check()
    await page.getByLabel('Summary').fill('Teenagers from out of the area travel in on the last train and are met at the station.')
    await clickAndWait(page, page.getByRole('button', { name: 'Save insight' }))
    await page.getByText(/has been recorded\./).waitFor()
  })
  await t.step('the proposal starts with its themes, county lines and region', async () => {
    await clickAndWait(page, page.getByRole('button', { name: 'Propose a task answering this insight' }))
    for (const label of ['Child criminal exploitation (CCE)', 'Online harm', 'County lines', 'East Midlands']) {
      if (!(await page.getByLabel(label, { exact: true }).isChecked())) throw new Error(`${label} is not ticked`)
    }
    if (await page.getByLabel('Child sexual exploitation (CSE)').isChecked()) throw new Error('CSE is ticked')
    await checkBothWidths(page, 'task-form-from-insight')
  })
}

// The administrator reads the audit trail as sentences, filters it by person and by a
// task's reference, and opens an entry as recorded.
async function auditTrailReadsAsSentences (t) {
  const { page } = t
  // The task's reference, as a manager finds it (administrators do not read tasks).
  await signInAs(page, 'manager')
  await page.goto(url('/tasks?q=takeaway'))
  const reference = (await page.locator('main table a').first().innerText()).trim()
  await signInAs(page, 'admin')
  await t.step('entries read as sentences with names', async () => {
    await page.goto(url('/admin/audit'))
    await page.locator('.lookout-audit__sentence', { hasText: /^Olu Officer (signed in|changed|added)/ }).first().waitFor()
    await checkBothWidths(page, 'audit')
  })
  await t.step('filtered by a person chosen by name', async () => {
    await page.getByLabel('Who').selectOption({ label: 'Mina Manager' })
    await clickAndWait(page, page.getByRole('button', { name: 'Apply filters' }))
    const sentences = await page.locator('.lookout-audit__sentence').allInnerTexts()
    if (!sentences.length || sentences.some(s => !s.startsWith('Mina Manager'))) {
      throw new Error(`not only Mina Manager's entries: ${sentences.slice(0, 5).join(' | ')}`)
    }
  })
  await t.step("filtered by a task's reference, and an entry opened as recorded", async () => {
    await page.goto(url('/admin/audit'))
    await page.getByLabel('Record', { exact: true }).fill(reference)
    await clickAndWait(page, page.getByRole('button', { name: 'Apply filters' }))
    const sentences = await page.locator('.lookout-audit__sentence').allInnerTexts()
    if (!sentences.length || sentences.some(s => !s.includes(reference))) {
      throw new Error(`not only ${reference}'s entries: ${sentences.slice(0, 5).join(' | ')}`)
    }
    await page.locator('.lookout-audit__raw summary').first().click()
    await expectVisible(page.locator('.lookout-audit__json').first(), 'the entry as recorded')
    if (!(await page.locator('.lookout-audit__json').first().innerText()).includes('"hash"')) {
      throw new Error('the entry as recorded has no hash')
    }
    await checkBothWidths(page, 'audit-filtered')
  })
}

// Lookout's icon is linked from every page and served where browsers look for it.
async function theIconIsThere (t) {
  const { page } = t
  await page.goto(url('/sign-in'))
  for (const [selector, type] of [['link[rel="icon"][type="image/svg+xml"]', 'image/svg+xml'],
    ['link[rel="icon"][sizes="32x32"]', 'image/x-icon'], ['link[rel="apple-touch-icon"]', 'image/png']]) {
    const href = await page.locator(selector).getAttribute('href')
    const response = await page.request.get(url(href))
    if (response.status() !== 200) throw new Error(`${href} answered ${response.status()}`)
    if (response.headers()['content-type'] !== type) throw new Error(`${href} is ${response.headers()['content-type']}`)
    if ((await response.body()).length < 100) throw new Error(`${href} is too small to be an icon`)
  }
  const root = await page.request.get(url('/favicon.ico'))
  if (root.status() !== 200) throw new Error(`/favicon.ico answered ${root.status()}`)
}

// A survey's period is chosen from the programme's periods.
async function surveyPeriodIsAChoice (t) {
  const { page } = t
  await signInAs(page, 'analyst')
  await page.goto(url('/surveys/new'))
  const period = page.getByLabel('Period')
  if ((await period.evaluate(el => el.tagName)) !== 'SELECT') throw new Error('the period is not a choice')
  const labels = await period.locator('option').allInnerTexts()
  const quarter = labels.find(l => / Q2 \(/.test(l))
  if (!quarter) throw new Error(`no quarter among the periods: ${labels.join(', ')}`)
  await page.getByLabel('Title').fill('Partner survey, summer')
  await page.getByLabel('Stakeholder survey').check()
  await period.selectOption({ label: quarter })
  await checkBothWidths(page, 'survey-form')
  await clickAndWait(page, page.getByRole('button', { name: /Save/ }))
  await page.getByText(quarter.split(' (')[0]).first().waitFor()
}

export const journeys = [
  everyRoleAtPhoneAndDeskWidths,
  navigationWithoutJavaScript,
  tablesOnAPhoneAndAtADesk,
  tablesWithoutJavaScript,
  officersHomeListsEachTaskOnce,
  assessFormExplainsItsScales,
  proposalStartsFromItsInsight,
  auditTrailReadsAsSentences,
  theIconIsThere,
  surveyPeriodIsAChoice,
]
