// The every-form walk: every form of Lookout, opened as the role that uses it, submitted
// with every field wrong or missing at once (dates that are not dates, numbers that are
// words, required text left empty) and every choice made (the last option of a select,
// the last radio, the first and last checkboxes), then checked:
//   - the form comes back (4xx) with an error summary that names every field made wrong
//     or left empty, all in the one round;
//   - each link of the summary lands on a control that takes the focus (a date's Day box,
//     a group's first radio, a reach grid cell);
//   - every value given comes back exactly as given;
//   - the page passes axe at WCAG 2.2 AA and does not scroll sideways at 320 px.
// tests/browser/form-walk.json lists every POST page route: the walk named for each
// "walked" route must have run here (the last journey checks), and
// tests/http/ui_forms_test.cc fails when the router has a POST page route the file lacks.
import fs from 'node:fs'

import {
  account, checkAccessibility, checkNarrow, clickAndWait, expectPath, screenshot, signIn, signInAs, url,
} from '../lib.mjs'

const manifest = JSON.parse(fs.readFileSync(new URL('../form-walk.json', import.meta.url), 'utf8'))
const walked = new Set()

// The id of the first record of an API list (`/api/v1/partners?limit=1`), as the signed-in
// browser may read it.
async function firstId (page, plural, query = '') {
  const response = await page.request.get(url(`/api/v1/${plural}?limit=1${query ? `&${query}` : ''}`))
  if (!response.ok()) throw new Error(`GET /api/v1/${plural} answered ${response.status()}`)
  const body = await response.json()
  const item = (body.items || body.data || [])[0]
  if (!item) throw new Error(`there is no ${plural} record to change`)
  return item.id
}

// In the page: fills the controls of `form` wrong or leaves them empty, as fits, and
// chooses every choice. Returns the ids the error summary must link to and the values
// that must come back.
function fillWrong (form, options) {
  const expected = new Set()
  const kept = []
  const labelText = (el) => {
    const label = el.id ? form.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null
    const legend = el.closest('fieldset')?.querySelector('legend')
    return `${label ? label.textContent : ''} ${legend ? legend.textContent : ''}`
  }
  const seen = new Set()
  let n = 0
  for (const el of [...form.elements]) {
    if (!el.name || ['hidden', 'submit', 'button', 'file'].includes(el.type) || el.disabled) continue
    if (el.name in options.fill) {
      el.value = options.fill[el.name]
      if (el.type !== 'password') kept.push({ name: el.name, kind: 'value', value: el.value })
      continue
    }
    if (el.type === 'password') {
      el.value = 'not-the-right-password'
      continue
    }
    const part = /-(day|month|year)$/.exec(el.name)
    if (part && el.closest('.govuk-date-input')) {
      el.value = { day: '31', month: '2', year: '2026' }[part[1]]
      kept.push({ name: el.name, kind: 'value', value: el.value })
      if (part[1] === 'day') expected.add(el.id)
      continue
    }
    if (el.tagName === 'SELECT') {
      const choices = [...el.options].filter(o => o.value !== '')
      if (choices.length) el.value = choices[choices.length - 1].value
      kept.push({ name: el.name, kind: 'value', value: el.value })
      continue
    }
    if (el.type === 'radio' || el.type === 'checkbox') {
      if (seen.has(el.name)) continue
      seen.add(el.name)
      const group = [...form.querySelectorAll(`input[name="${CSS.escape(el.name)}"]`)]
      group.forEach((box, i) => {
        box.checked = el.type === 'radio' ? i === group.length - 1 : i === 0 || i === group.length - 1
        kept.push({ name: el.name, kind: 'checked', value: box.value, checked: box.checked })
      })
      continue
    }
    if (el.getAttribute('inputmode') === 'numeric') {
      el.value = 'many'
      expected.add(el.id)
    } else if (/\(optional\)/.test(labelText(el))) {
      el.value = `Kept as typed ${++n}`
    } else {
      el.value = ''
      expected.add(el.id)
    }
    kept.push({ name: el.name, kind: 'value', value: el.value })
  }
  return { expected: options.expect || [...expected], kept }
}

// In the page, after the form came back: what is wrong with it.
function problemsAfter ({ action, expected, kept }) {
  const problems = []
  const summary = document.querySelector('.govuk-error-summary')
  if (!summary) return ['the form came back without an error summary']
  const hrefs = [...summary.querySelectorAll('a')].map(a => a.getAttribute('href'))
  for (const href of hrefs) {
    const target = href && href.startsWith('#') ? document.getElementById(href.slice(1)) : null
    if (!target) {
      problems.push(`the summary links to ${href}, which is not on the page`)
    } else if (!['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(target.tagName)) {
      problems.push(`the summary's link ${href} lands on a ${target.tagName}, not a control that takes the focus`)
    } else if (!target.closest('.govuk-form-group--error') && target.tagName !== 'BUTTON') {
      problems.push(`the control ${href} links to shows no error beside it`)
    }
  }
  for (const id of expected) {
    if (!hrefs.includes(`#${id}`)) problems.push(`the summary names no problem for #${id}, which was wrong or empty`)
  }
  const form = document.querySelector(`form[action="${CSS.escape(action)}"]`)
  if (!form) return [...problems, `the form of ${action} is not on the page again`]
  for (const k of kept) {
    if (k.kind === 'value') {
      const el = form.querySelector(`[name="${CSS.escape(k.name)}"]`)
      if (!el) problems.push(`${k.name} is missing from the form`)
      else if (el.value !== k.value) problems.push(`${k.name} came back as ${JSON.stringify(el.value)}, not ${JSON.stringify(k.value)}`)
    } else {
      const el = [...form.querySelectorAll(`input[name="${CSS.escape(k.name)}"]`)].find(b => b.value === k.value)
      if (!el) problems.push(`${k.name}=${k.value} is missing from the form`)
      else if (el.checked !== k.checked) problems.push(`${k.name}=${k.value} came back ${el.checked ? 'ticked' : 'not ticked'}`)
    }
  }
  return problems
}

// Walks one form: `open` brings the page with the form; `form` chooses the form on it
// (default: the page's form that has a submit button, but the header's sign-out);
// `fill` gives values of particular fields; `expect` the ids the summary must name (by
// default those made wrong or left empty).
async function walk (t, { route, name, open, form, fill = {}, expect, button }) {
  const { page } = t
  await t.step(`${name}: every field wrong or missing at once`, async () => {
    await open()
    const chosen = form ? form(page) : page.locator('main form[method="post"]').first()
    const action = await chosen.getAttribute('action')
    const filled = await chosen.evaluate(fillWrong, { fill, expect })
    const submit = button ? chosen.getByRole('button', { name: button }) : chosen.locator('button[type="submit"]').first()
    const response = await clickAndWait(page, submit)
    if (!response || response.status() < 400) {
      throw new Error(`${name}: the form was accepted (${response && response.status()}) with every field wrong or missing`)
    }
    const problems = await page.evaluate(problemsAfter, { action, ...filled })
    if (problems.length) throw new Error(`${name} (${action}):\n  ${problems.join('\n  ')}`)
    const shot = `form-walk-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`
    await checkAccessibility(page, shot)
    await checkNarrow(page, shot)
    await screenshot(page, shot)
    walked.add(route)
  })
}

// The add and change forms of a kind with pages of its own (pages_records.cc).
async function walkKind (t, path, plural, { add = true, query = '' } = {}) {
  const { page } = t
  if (add) {
    await walk(t, { route: `POST ${path}/new`, name: `add ${path}`, open: () => page.goto(url(`${path}/new`)) })
  }
  await walk(t, {
    route: `POST ${path}/{id}/edit`,
    name: `change ${path}`,
    open: async () => page.goto(url(`${path}/${await firstId(page, plural, query)}/edit`)),
  })
}

async function managerWalksEveryForm (t) {
  const { page } = t
  await signInAs(page, 'manager')
  await walk(t, { route: 'POST /tasks/new', name: 'propose a task', open: () => page.goto(url('/tasks/new')) })
  await walk(t, { route: 'POST /insight/new', name: 'record insight', open: () => page.goto(url('/insight/new')) })
  await walk(t, { route: 'POST /activities/new', name: 'record an activity', open: () => page.goto(url('/activities/new')) })
  await walk(t, {
    route: 'POST /insight/{id}/assess',
    name: 'assess insight',
    open: async () => page.goto(url(`/insight/${await firstId(page, 'insights')}/assess`)),
  })
  await walk(t, {
    route: 'POST /tasks/{id}/move',
    name: 'move a task',
    open: async () => page.goto(url(`/tasks/${await firstId(page, 'tasks', 'status=approved')}`)),
    form: (p) => p.locator('form[action$="/move"]'),
  })
  await walk(t, {
    route: 'POST /tasking/{id}',
    name: 'decide at the tasking meeting',
    open: () => page.goto(url('/tasking')),
    form: (p) => p.locator('section.lookout-proposal form').first(),
  })
  for (const [path, plural] of [['/partners', 'partners'], ['/campaigns', 'campaigns'],
    ['/outcomes', 'outcomes'], ['/indicators', 'indicators'], ['/quotes', 'quotes'],
    ['/case-studies', 'case-studies'], ['/outcome-events', 'outcome-events'],
    ['/objectives', 'objectives'], ['/surveys', 'surveys'], ['/survey-questions', 'survey-questions']]) {
    await walkKind(t, path, plural)
  }
  await walkKind(t, '/insight', 'insights', { add: false })
  await walkKind(t, '/tasks', 'tasks', { add: false, query: 'status=approved' })
  // Last: publishing locks the year, and the unlock form asks why (it is unlocked again).
  await t.step('publish, to walk the unlock form', async () => {
    await page.goto(url('/reports'))
    await clickAndWait(page, page.getByRole('button', { name: 'Publish this report' }))
    if (!/^\/reports\/published\/\d+$/.test(new URL(page.url()).pathname)) {
      throw new Error(`publishing did not lead to the published report: ${page.url()}`)
    }
  })
  const published = new URL(page.url()).pathname
  await walk(t, {
    route: 'POST /reports/published/{id}/unlock',
    name: 'unlock a published period',
    open: () => page.goto(url(published)),
    form: (p) => p.locator('form[action$="/unlock"]'),
  })
  await t.step('the period is unlocked again', async () => {
    await page.getByLabel('Why must the records change?').fill('The walk of every form goes on.')
    await clickAndWait(page, page.getByRole('button', { name: 'Unlock the period' }))
    await page.getByText(/is unlocked: its records can change again/).waitFor()
  })
}

async function adminWalksEveryForm (t) {
  const { page } = t
  const admin = account('admin')
  await page.goto(url('/sign-in'))
  await signIn(page, admin.email, admin.password)
  expectPath(page, '/', 'signing in as the administrator')
  await walk(t, {
    route: 'POST /admin/users',
    name: 'add a user',
    open: () => page.goto(url('/admin/users')),
    form: (p) => p.locator('form[action="/admin/users"]'),
  })
  await walk(t, {
    route: 'POST /account/tokens',
    name: 'make an API token',
    open: () => page.goto(url('/account/tokens')),
    form: (p) => p.locator('form[action="/account/tokens"]'),
  })
  await t.step('disabling a user asks first', async () => {
    await page.goto(url('/admin/users'))
    await clickAndWait(page, page.getByRole('button', { name: 'Disable Fen Funder' }))
    await page.getByRole('heading', { name: 'Disable Fen Funder?' }).waitFor()
    await checkAccessibility(page, 'user-confirm')
    await checkNarrow(page, 'user-confirm')
    await screenshot(page, 'user-confirm')
    await clickAndWait(page, page.getByRole('link', { name: 'Cancel' }))
  })
  for (const [path, plural] of [['/admin/staff', 'staff'], ['/admin/regions', 'regions'],
    ['/admin/police-forces', 'police-forces'], ['/admin/sectors', 'sectors']]) {
    await walkKind(t, path, plural)
  }
  await walkKind(t, '/admin/scoring-schemes', 'scoring-schemes', { add: false })
}

async function analystWalksEveryForm (t) {
  const { page } = t
  await signInAs(page, 'analyst')
  await walk(t, {
    route: 'POST /surveys/{id}/import',
    name: 'import survey responses',
    open: async () => page.goto(url(`/surveys/${await firstId(page, 'surveys')}/import`)),
    fill: { mapping: '{"questions": ' },
    // Without a file there is nothing to read the mapping against: the file is named.
    expect: ['field-file'],
  })
  await walk(t, {
    route: 'POST /account/password',
    name: 'change password',
    open: () => page.goto(url('/account/password')),
    expect: ['field-current'],
  })
}

async function anyoneSignsIn (t) {
  const { page } = t
  await walk(t, { route: 'POST /sign-in', name: 'sign in', open: () => page.goto(url('/sign-in')) })
}

// Last: every form the manifest says is walked was walked above.
async function everyListedFormWasWalked (t) {
  await t.step('every walked route of form-walk.json was walked', async () => {
    const missing = Object.keys(manifest.walked).filter(route => !walked.has(route))
    if (missing.length) throw new Error(`form-walk.json lists walks that did not run: ${missing.join(', ')}`)
  })
}

export const journeys = [
  managerWalksEveryForm,
  adminWalksEveryForm,
  analystWalksEveryForm,
  anyoneSignsIn,
  everyListedFormWasWalked,
]
