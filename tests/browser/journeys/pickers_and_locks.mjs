// Pickers, links, publishing and locks that people can see, as each role meets them:
//   - an officer finds a task by typing part of its name (the accessible autocomplete over
//     the select) and narrows a long list of partners with a search box; without
//     JavaScript the same choices are a plain select, and neither offers another region's
//     task;
//   - a manager publishes the year only after a page says what will be locked and who will
//     see it; the reports page then says who published it and offers Unlock instead;
//   - an officer's activity form says the date falls in the locked year before anything is
//     typed, and (with JavaScript) the banner follows the date as it is typed; without
//     JavaScript it shows on opening and after the refused save;
//   - the analyst and the funder see the published period; the manager unlocks it from the
//     reports page, with a reason.
// Every page is checked with axe, at 320 px, and screenshotted (1280 px and 320 px).
import {
  checkPage, clickAndWait, currentPath, expectPath, screenshot, signInAs, signOut, url,
} from '../lib.mjs'

// Screenshots of the page as it is now at 1280 px and at 320 px wide.
async function bothWidths (page, name) {
  await screenshot(page, `${name}-1280`)
  const previous = page.viewportSize()
  await page.setViewportSize({ width: 320, height: 800 })
  await screenshot(page, `${name}-320`)
  await page.setViewportSize(previous)
}

// The manager sets the scene: a task of another region (the officer's pickers must not
// offer it) and enough partners of the officer's region for the partner list to be long.
async function managerSetsUpAnotherRegionsTaskAndPartners (t) {
  const { page } = t
  await signInAs(page, 'manager')
  await t.step('a task of the North East, led by the manager', async () => {
    await page.goto(url('/tasks/new'))
    await page.getByLabel('Title').fill('Ferry terminal briefings, Tyneside')
    await page.getByLabel('Spotting the signs').check()
    await page.getByLabel('Child criminal exploitation (CCE)').check()
    await page.getByRole('group', { name: 'Regions' }).getByLabel('East Midlands').uncheck()
    await page.getByRole('group', { name: 'Regions' }).getByLabel('North East').check()
    await page.getByLabel('Lead officer').selectOption({ label: 'Mina Manager' })
    await page.getByLabel('High').check()
    await clickAndWait(page, page.getByRole('button', { name: 'Propose the task' }))
    await page.getByText(/has been proposed/).waitFor()
  })
  await t.step('ten partners of the East Midlands and one of the North East', async () => {
    const partners = ['Derby Midland Hotel', 'Leicester Bus Station', 'Nottingham Trams', 'Lincoln Youth Service',
      'Northampton Taxi Marshals', 'Chesterfield College', 'Mansfield Food Bank', 'Loughborough Lodge',
      'Kettering Rail Staff', 'Grantham Night Shelter']
    for (const [i, name] of [...partners, 'Tyne Ferries'].entries()) {
      await page.goto(url('/partners/new'))
      await page.getByLabel('Name').fill(name)
      await page.getByLabel('Sector').selectOption({ index: 1 + (i % 5) })
      await page.getByLabel('Region').selectOption(name === 'Tyne Ferries' ? 'NE' : 'EM')
      await page.getByLabel('Active').check()
      await clickAndWait(page, page.getByRole('button', { name: 'Save' }))
      await page.getByText(/has been saved/).waitFor()
    }
  })
}

// With JavaScript: a task is found by typing part of its name, and the partners narrowed by
// a search; what is sent is the select's value.
async function officerSearchesThePickers (t) {
  const { page } = t
  await signInAs(page, 'officer')
  await page.goto(url('/activities/new'))
  await t.step('the task picker is an autocomplete that finds the officer\'s task', async () => {
    const input = page.locator('input#field-task')
    await input.waitFor()
    if ((await input.getAttribute('role')) !== 'combobox') throw new Error('the task picker is not a combobox')
    const described = await input.getAttribute('aria-describedby')
    if (!/field-task-hint/.test(described || '')) throw new Error(`the picker lost its hint: aria-describedby="${described}"`)
    await input.fill('station staff')
    const option = page.getByRole('option', { name: /Station staff briefings/ }).first()
    await option.waitFor()
    await bothWidths(page, 'picker-task-autocomplete')
    if (await page.getByRole('option', { name: /Ferry terminal/ }).count()) {
      throw new Error('the officer is offered the North East\'s task')
    }
    await option.click()
    const chosen = await page.locator('select[name="task"]').evaluate(s => s.selectedOptions[0]?.textContent || '')
    if (!/Station staff briefings/.test(chosen)) throw new Error(`the select holds "${chosen}", not the task picked`)
    // Typing something that is no task chooses nothing: what is sent is what is seen.
    await input.fill('no such task')
    const none = await page.locator('select[name="task"]').evaluate(s => s.value)
    if (none !== '') throw new Error(`a name that matches no task left the select on ${none}`)
  })
  await t.step('the partners are narrowed by a search, ticked ones kept in sight', async () => {
    await page.getByLabel('Derby Midland Hotel').check()
    await page.getByLabel('Search partners').fill('bus')
    await page.getByText(/\d+ of \d+ shown/).waitFor()
    if (!(await page.getByLabel('Leicester Bus Station').isVisible())) throw new Error('the matching partner is hidden')
    if (await page.getByLabel('Nottingham Trams').isVisible()) throw new Error('a partner that does not match is shown')
    if (!(await page.getByLabel('Derby Midland Hotel').isVisible())) throw new Error('a ticked partner was hidden')
    if (await page.getByLabel('Tyne Ferries').count()) throw new Error('the officer is offered the North East\'s partner')
    await checkPage(page, 'picker-partners-search')
    await bothWidths(page, 'picker-partners-search')
  })
  await t.step('an activity saved with the picked task names and links it', async () => {
    await page.getByLabel('Search partners').fill('')
    await page.locator('input#field-task').fill('Station staff briefings')
    await page.getByRole('option', { name: /Station staff briefings/ }).first().click()
    await page.getByLabel('Type', { exact: true }).selectOption('workshop')
    await page.getByLabel('Title').fill('Workshop for hotel night staff, Derby')
    await page.getByLabel('Hospitality and hotels', { exact: true }).fill('11')
    await clickAndWait(page, page.getByRole('button', { name: 'Save the activity' }))
    if (!/^\/activities\/\d+$/.test(currentPath(page))) throw new Error(`not saved: ${page.url()}`)
    await page.getByRole('link', { name: /Station staff briefings/ }).first().waitFor()
    await page.getByRole('link', { name: 'Derby Midland Hotel' }).waitFor()
    await checkPage(page, 'activity-with-links')
  })
}

// Without JavaScript the pickers are plain selects with the same choices.
async function officerPicksWithoutJavaScript (t) {
  const { page } = t
  await signInAs(page, 'officer')
  await t.step('the task is a plain select of the officer\'s tasks', async () => {
    await page.goto(url('/quotes/new'))
    const select = page.getByLabel('Task (optional)')
    if ((await select.evaluate(el => el.tagName)) !== 'SELECT') throw new Error('the task picker is not a select')
    const texts = await select.locator('option').allTextContents()
    if (!texts.some(text => /Station staff briefings/.test(text))) throw new Error(`the officer's task is not offered: ${texts}`)
    if (texts.some(text => /Ferry terminal/.test(text))) throw new Error('the North East\'s task is offered')
    await checkPage(page, 'picker-no-javascript')
    await bothWidths(page, 'picker-no-javascript')
  })
  await t.step('the partners are all there, without a search box', async () => {
    await page.goto(url('/activities/new'))
    if (await page.getByLabel('Search partners').count()) throw new Error('a search box without JavaScript')
    await page.getByLabel('Grantham Night Shelter').waitFor()
  })
}
officerPicksWithoutJavaScript.contextOptions = { javaScriptEnabled: false }

// Publishing asks first: what will be locked, who will see it; then the reports page says
// who published it and offers Unlock instead.
async function managerPublishesAfterSeeingWhatWillBeLocked (t) {
  const { page } = t
  await signInAs(page, 'manager')
  await t.step('the confirmation page says what will be locked and who will see it', async () => {
    await page.goto(url('/reports'))
    await clickAndWait(page, page.getByRole('button', { name: 'Publish this report' }))
    expectPath(page, '/reports/publish', 'after choosing to publish')
    await page.getByRole('heading', { name: /^Publish the Impact report \d{4}-\d{2}\?$/ }).waitFor()
    await page.getByRole('heading', { name: 'What will be locked' }).waitFor()
    await page.getByRole('rowheader', { name: 'Activities' }).waitFor()
    await page.getByText(/Funders \(1 funder's account now\)/).waitFor()
    await checkPage(page, 'publish-confirm-manager')
    await bothWidths(page, 'publish-confirm-manager')
  })
  await t.step('published, the reports page says by whom and offers Unlock', async () => {
    await clickAndWait(page, page.getByRole('button', { name: 'Publish and lock the period' }))
    await page.getByText(/is published, and its period's records are locked\./).waitFor()
    await page.goto(url('/reports'))
    await page.getByText(/Published on \d+ \w+ \d{4} by Mina Manager; the period is locked\./).waitFor()
    await page.getByRole('button', { name: 'Unlock' }).waitFor()
    if (await page.getByRole('button', { name: 'Publish this report' }).count()) {
      throw new Error('the reports page still offers Publish')
    }
    await checkPage(page, 'reports-published-manager')
    await bothWidths(page, 'reports-published-manager')
  })
}

// With JavaScript the banner follows the date as it is typed.
async function officerSeesTheLockFollowTheDate (t) {
  const { page } = t
  await signInAs(page, 'officer')
  await page.goto(url('/activities/new'))
  const banner = page.locator('[data-lookout-period-locks] .govuk-notification-banner').first()
  await t.step('the form opens on today, in the locked year: the banner says so', async () => {
    await banner.waitFor({ state: 'visible' })
    await page.getByText(/Locked, as their reports are published:/).waitFor()
    await checkPage(page, 'activity-form-locked')
    await bothWidths(page, 'activity-form-locked')
  })
  await t.step('a date of another year hides it; back in the year, it shows again', async () => {
    await page.locator('input[name="start_on-year"]').fill('2020')
    await banner.waitFor({ state: 'hidden' })
    await page.locator('input[name="start_on-year"]').fill(String(new Date().getFullYear()))
    await banner.waitFor({ state: 'visible' })
  })
}

// Without JavaScript the banner shows on opening and after the refused save.
async function officerSeesTheLockWithoutJavaScript (t) {
  const { page } = t
  await signInAs(page, 'officer')
  await page.goto(url('/activities/new'))
  const banner = page.locator('[data-lookout-period-locks] .govuk-notification-banner').first()
  await t.step('on opening', async () => {
    await banner.waitFor({ state: 'visible' })
  })
  await t.step('after the refused save, with the refusal and every value kept', async () => {
    await page.getByLabel('Task').selectOption({ label: (await page.getByLabel('Task').locator('option').nth(1).textContent()).trim() })
    await page.getByLabel('Type', { exact: true }).selectOption('workshop')
    await page.getByLabel('Title').fill('A late workshop')
    await page.getByLabel('Young people', { exact: true }).fill('25')
    const response = await clickAndWait(page, page.getByRole('button', { name: 'Save the activity' }))
    if (!response || response.status() !== 409) throw new Error(`the save answered ${response && response.status()}, not 409`)
    await page.locator('.govuk-error-summary', { hasText: 'locked' }).waitFor()
    await banner.waitFor({ state: 'visible' })
    if ((await page.getByLabel('Title').inputValue()) !== 'A late workshop') throw new Error('the title was lost')
    await checkPage(page, 'activity-form-locked-no-javascript')
    await bothWidths(page, 'activity-form-locked-no-javascript')
  })
}
officerSeesTheLockWithoutJavaScript.contextOptions = { javaScriptEnabled: false }

async function analystAndFunderSeeThePublishedPeriod (t) {
  const { page } = t
  await signInAs(page, 'analyst')
  await t.step('the analyst reads who published it, and is offered neither', async () => {
    await page.goto(url('/reports'))
    await page.getByText(/Published on \d+ \w+ \d{4} by Mina Manager; the period is locked\./).waitFor()
    if (await page.getByRole('button', { name: /^(Unlock|Publish this report)$/ }).count()) {
      throw new Error('the analyst is offered to publish or unlock')
    }
    await checkPage(page, 'reports-published-analyst')
    await bothWidths(page, 'reports-published-analyst')
  })
  await signOut(page)
  await signInAs(page, 'funder')
  await t.step('the funder finds it among the published reports', async () => {
    await page.goto(url('/reports/published'))
    await clickAndWait(page, page.getByRole('link', { name: /Impact report/ }).first())
    await page.getByText(/Locked: they cannot be changed/).waitFor()
    await checkPage(page, 'published-report-funder')
    await bothWidths(page, 'published-report-funder')
  })
}

async function managerUnlocksFromTheReportsPage (t) {
  const { page } = t
  await signInAs(page, 'manager')
  await page.goto(url('/reports'))
  await t.step('without a reason, the reports page says it is needed', async () => {
    await clickAndWait(page, page.getByRole('button', { name: 'Unlock' }))
    await page.locator('.govuk-error-summary', { hasText: 'Say why the period' }).waitFor()
    await checkPage(page, 'reports-unlock-no-reason')
  })
  await t.step('with a reason, the period is unlocked and Publish offered again', async () => {
    await page.getByLabel(/why must its records change/).fill('A late workshop must be recorded.')
    await clickAndWait(page, page.getByRole('button', { name: 'Unlock' }))
    await page.getByText(/is unlocked: its records can change again\./).waitFor()
    await page.getByRole('button', { name: 'Publish this report' }).waitFor()
    await bothWidths(page, 'reports-unlocked')
  })
}

export const journeys = [
  managerSetsUpAnotherRegionsTaskAndPartners,
  officerSearchesThePickers,
  officerPicksWithoutJavaScript,
  managerPublishesAfterSeeingWhatWillBeLocked,
  officerSeesTheLockFollowTheDate,
  officerSeesTheLockWithoutJavaScript,
  analystAndFunderSeeThePublishedPeriod,
  managerUnlocksFromTheReportsPage,
]
