// The numbers people see: a funder's dashboard under the disclosure rule, survey results
// across surveys, and a quote approved for publication by a manager who did not record it.
import {
  checkPage, clickAndWait, currentPath, screenshot, signInAs, url,
} from '../lib.mjs'

// An officer records a session that reached two parents; the funder's dashboard shows
// "fewer than 5" for them, never the 2, and says why; its CSV says the same.
async function funderSeesCountsUnderTheDisclosureRule (t) {
  const { page } = t
  await t.step('an officer records a small session', async () => {
    await signInAs(page, 'officer')
    await page.goto(url('/tasks?q=Station+staff+briefings'))
    await clickAndWait(page, page.getByRole('link', { name: /^T-\d{4}-\d{4}$/ }).first())
    await clickAndWait(page, page.getByRole('button', { name: 'Record an activity' }))
    await page.getByLabel('Type', { exact: true }).selectOption('workshop')
    await page.getByLabel('Title').fill('Evening session for parents, Derby')
    await page.getByLabel('Parents and carers', { exact: true }).fill('2')
    await clickAndWait(page, page.getByRole('button', { name: 'Save the activity' }))
    if (!/^\/activities\/\d+$/.test(currentPath(page))) {
      throw new Error(`expected the new activity's page, got ${page.url()}: ${await page.locator('main').innerText()}`)
    }
  })
  await t.step('the funder sees "fewer than 5", with the rule', async () => {
    await page.context().clearCookies()
    await signInAs(page, 'funder')
    await page.goto(url('/'))
    const parents = page.locator('.govuk-summary-list__row', { hasText: 'Parents and carers' })
    const shown = (await parents.locator('dd').innerText()).trim()
    if (shown !== 'fewer than 5') throw new Error(`the funder's dashboard shows parents and carers as "${shown}"`)
    await page.getByText(/not shown under the disclosure rule/).first().waitFor()
    await checkPage(page, 'home-funder-withheld')
    const csv = await page.request.get(url('/?format=csv'))
    const text = await csv.text()
    if (!text.includes('fewer than 5')) throw new Error(`the CSV does not withhold the 2: ${text}`)
  })
  await t.step('the API answers the funder the same, null with a flag', async () => {
    const answer = await (await page.request.get(url('/api/v1/reach'))).json()
    if (!answer.disclosure.controlled) throw new Error('the funder\'s reach is not under the rule')
    const parents = answer.totals.find(x => x.group === 'parents_carers')
    if (parents.count !== null || parents.suppressed !== true) {
      throw new Error(`the API gives the funder parents and carers ${JSON.stringify(parents)}`)
    }
  })
}

// The analyst reads the survey's question pooled across its surveys (where a report's
// survey figure links), and the survey's results with its exact counts.
async function analystReadsResultsAcrossSurveys (t) {
  const { page } = t
  await signInAs(page, 'analyst')
  await t.step('the pooled results of a question', async () => {
    await page.goto(url('/surveys/results?question=1'))
    await page.getByRole('heading', { name: 'What was asked' }).waitFor()
    await checkPage(page, 'survey-results-pooled')
  })
  await t.step('the exact counts, for the analyst, say not to share them', async () => {
    await page.goto(url('/surveys/1?counts=exact'))
    await page.getByText(/Do not share or show this page/).waitFor()
    await checkPage(page, 'survey-results-exact')
  })
}

// An officer records a quote (there is nothing to tick to approve it); the manager, who
// did not record it, approves it from its page, and the page says who and when.
async function managerApprovesAQuote (t) {
  const { page } = t
  let path = ''
  await t.step('the officer records a quote, unapproved', async () => {
    await signInAs(page, 'officer')
    await page.goto(url('/quotes/new'))
    if (await page.getByLabel('Approved for publication').count() > 0) {
      throw new Error('the quote form offers its author the approval')
    }
    await page.getByLabel('Quote').fill('The briefing changed how our night staff look at lone young travellers.')
    await page.getByLabel('Stakeholder type').selectOption('transport')
    await page.getByLabel('Source').selectOption('feedback_form')
    await page.getByLabel('Day').first().fill('3')
    await page.getByLabel('Month').first().fill('11')
    await page.getByLabel('Year').first().fill('2026')
    await page.getByLabel('Consent given').check()
    await page.getByLabel('Day').nth(1).fill('3')
    await page.getByLabel('Month').nth(1).fill('11')
    await page.getByLabel('Year').nth(1).fill('2026')
    await clickAndWait(page, page.getByRole('button', { name: 'Save' }))
    path = currentPath(page)
    if (!/^\/quotes\/\d+$/.test(path)) throw new Error(`expected the quote's page, got ${page.url()}: ${await page.locator('main').innerText()}`)
    await page.getByText('Not approved for publication').waitFor()
    if (await page.getByRole('button', { name: 'Approve for publication' }).count() > 0) {
      throw new Error('the officer is offered to approve the quote')
    }
  })
  await t.step('the manager approves it', async () => {
    await page.context().clearCookies()
    await signInAs(page, 'manager')
    await page.goto(url(path))
    await checkPage(page, 'quote-to-approve')
    await clickAndWait(page, page.getByRole('button', { name: 'Approve for publication' }))
    await page.getByText(/Approved for publication by Mina Manager on/).waitFor()
    await page.locator('.govuk-notification-banner--success', { hasText: /is approved for publication\./ }).waitFor()
    await screenshot(page, 'quote-approved')
  })
}

export const journeys = [funderSeesCountsUnderTheDisclosureRule, analystReadsResultsAcrossSurveys, managerApprovesAQuote]
