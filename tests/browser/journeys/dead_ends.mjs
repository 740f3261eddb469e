// Dead ends closed: what a person could see but not change, changed from the page itself.
//   - the officer changes an activity's counts from its page and archives it (and back);
//   - the analyst adds a survey from the surveys page (Surveys is in their navigation),
//     adds questions from its page, moves one up and removes one before responses exist;
//   - the manager asks for changes at the tasking meeting and finds it in the minutes,
//     on the page and in the CSV;
//   - the administrator changes a scoring scheme's factors in the form's rows.
// They follow the core journeys (journeys.mjs), whose activities and scheme they change.
import {
  checkPage, clickAndWait, currentPath, expectPath, signInAs, url,
} from '../lib.mjs'

async function officerChangesAndArchivesAnActivity (t) {
  const { page } = t
  await signInAs(page, 'officer')
  let path = ''
  await t.step("the activity's page offers to change it", async () => {
    await page.goto(url('/activities?q=Briefing+for+station+staff%2C+Leicester'))
    await clickAndWait(page, page.getByRole('link', { name: 'Briefing for station staff, Leicester' }))
    path = currentPath(page)
    await clickAndWait(page, page.getByRole('button', { name: 'Change the activity' }))
    expectPath(page, `${path}/edit`, 'after choosing to change the activity')
  })
  await t.step('the form is the recording form, filled in, the reach grid too', async () => {
    const count = await page.getByLabel('Transport operator', { exact: true }).inputValue()
    if (count !== '9') throw new Error(`the reach grid came prefilled with ${JSON.stringify(count)}, not "9"`)
    const title = await page.getByLabel('Title').inputValue()
    if (title !== 'Briefing for station staff, Leicester') throw new Error(`the title came as ${JSON.stringify(title)}`)
    await checkPage(page, 'activity-change-form')
  })
  await t.step('a mistake keeps every value, and a changed count is saved', async () => {
    await page.getByLabel('Transport operator', { exact: true }).fill('eleven')
    await page.getByLabel('Young people', { exact: true }).fill('25')
    await page.getByLabel('Estimated (Young people)').check()
    await clickAndWait(page, page.getByRole('button', { name: 'Save the activity' }))
    await page.locator('.govuk-error-summary').getByText(/Transport operator: enter how many people/).waitFor()
    if (await page.getByLabel('Young people', { exact: true }).inputValue() !== '25') {
      throw new Error('the young people counted were not kept after the mistake')
    }
    if (!await page.getByLabel('Estimated (Young people)').isChecked()) {
      throw new Error('the "estimated" box was not kept after the mistake')
    }
    await checkPage(page, 'activity-change-form-error')
    await page.getByLabel('Transport operator', { exact: true }).fill('11')
    await clickAndWait(page, page.getByRole('button', { name: 'Save the activity' }))
    expectPath(page, path, 'after saving the change')
    await page.getByText('Activity "Briefing for station staff, Leicester" has been changed.').waitFor()
    await page.getByText('Who it reached: approximately 36').waitFor()
    await checkPage(page, 'activity-changed')
  })
  await t.step('the list of activities counts the change', async () => {
    await page.goto(url('/activities?q=Briefing+for+station+staff%2C+Leicester'))
    await page.getByRole('cell', { name: 'approx. 36' }).waitFor()
  })
  await t.step('archiving with a reason takes it out of the figures; restoring brings it back', async () => {
    await page.goto(url(path))
    await page.getByText('Archive', { exact: true }).click()
    await page.getByLabel('Reason (optional)').fill('Recorded twice by mistake')
    await clickAndWait(page, page.getByRole('button', { name: 'Archive it' }))
    await page.getByText('has been archived.').waitFor()
    await page.getByText('Its people reached are left out of every figure.').waitFor()
    await checkPage(page, 'activity-archived')
    await page.getByText('Restore', { exact: true }).click()
    await clickAndWait(page, page.getByRole('button', { name: 'Restore it' }))
    await page.getByText('has been restored.').waitFor()
  })
}

async function analystAddsASurveyAndItsQuestions (t) {
  const { page } = t
  await signInAs(page, 'analyst')
  await t.step("Surveys is in the analyst's navigation, and a survey is added there", async () => {
    await clickAndWait(page, page.getByRole('navigation').getByRole('link', { name: 'Surveys' }))
    expectPath(page, '/surveys', 'after following Surveys')
    await checkPage(page, 'survey-list')
    await clickAndWait(page, page.getByRole('button', { name: 'Add a survey' }))
    await page.getByLabel('Title').fill('Feedback after hotel staff training')
    await page.getByLabel('Post-session feedback').check()
    await page.getByLabel('Period').selectOption('2025-26')
    await clickAndWait(page, page.getByRole('button', { name: 'Save' }))
    if (!/^\/surveys\/\d+$/.test(currentPath(page))) throw new Error(`expected the survey's page, got ${page.url()}`)
    await page.getByText('No question yet.').waitFor()
  })
  const survey = currentPath(page)
  for (const text of ['I know the signs of exploitation.', 'I know whom to call.', 'I would act on a concern.']) {
    await t.step(`a question is added from the survey's page: ${text}`, async () => {
      await page.goto(url(survey))
      await clickAndWait(page, page.getByRole('button', { name: 'Add a question' }))
      await page.getByLabel('Question', { exact: true }).fill(text)
      await page.getByLabel('Five-point agreement').check()
      await clickAndWait(page, page.getByRole('button', { name: 'Save' }))
      expectPath(page, survey, 'after saving the question')
    })
  }
  await t.step('a question moves up, without JavaScript needed', async () => {
    await checkPage(page, 'survey-questions')
    // Each button says which question it moves: 'Up question 3' to a screen reader.
    const up = page.getByRole('button', { name: 'Up question 3', exact: true })
    await clickAndWait(page, up)
    await page.getByText('Question "I would act on a concern." is now question 2.').waitFor()
  })
  await t.step('a question is removed after asking', async () => {
    await clickAndWait(page, page.getByRole('link', { name: 'Remove question 1' }))
    await page.getByRole('heading', { name: 'Remove question 1?' }).waitFor()
    await checkPage(page, 'survey-question-remove')
    await clickAndWait(page, page.getByRole('button', { name: 'Remove the question' }))
    expectPath(page, survey, 'after removing the question')
    const places = await page.locator('table').first().locator('tbody tr').evaluateAll(rows =>
      rows.map(r => r.innerText.replace(/\s+/g, ' ').trim().slice(0, 40)))
    if (!places[0].startsWith('1 I would act') || !places[1].startsWith('2 I know whom')) {
      throw new Error(`the questions are not in their new places: ${JSON.stringify(places)}`)
    }
  })
}

async function managerAsksForChangesAndTheMinutesSaySo (t) {
  const { page } = t
  await signInAs(page, 'officer')
  await t.step('the officer proposes a task', async () => {
    await page.goto(url('/tasks/new'))
    await page.getByLabel('Title').fill('Fast food staff awareness, Nottingham')
    await page.getByLabel('Description').fill('Short briefings for night shift staff.')
    await page.locator('input[name="objectives"]').first().check()
    await page.getByLabel('Child criminal exploitation (CCE)').check()
    await clickAndWait(page, page.getByRole('button', { name: /Propose/ }))
    await page.getByText(/has been proposed/).waitFor()
  })
  await signInAs(page, 'manager')
  await t.step('the manager asks for changes at the meeting', async () => {
    await page.goto(url('/tasking'))
    const proposal = page.locator('section.lookout-proposal', {
      has: page.getByRole('link', { name: 'Fast food staff awareness, Nottingham' }),
    })
    await proposal.getByLabel('Ask for changes').check()
    await proposal.getByLabel(/Reason, conditions/).fill('Name the outlets and the shifts first.')
    await clickAndWait(page, proposal.getByRole('button', { name: /Record the decision/ }))
    await page.getByText(/is recorded: changes asked for\./).waitFor()
  })
  await t.step('the minutes record the changes asked, on the page and in the CSV', async () => {
    await page.goto(url('/tasking/minutes'))
    const row = page.locator('tr', { hasText: 'Fast food staff awareness, Nottingham' })
    await row.getByText('Changes asked').waitFor()
    await row.getByText('Name the outlets and the shifts first.').waitFor()
    await checkPage(page, 'tasking-minutes-changes-asked')
    const csv = await (await page.request.get(url(await page.getByRole('link', { name: /Download the minutes/ }).getAttribute('href')))).text()
    // The title holds a comma, so the CSV quotes it.
    if (!/"Fast food staff awareness, Nottingham",Changes asked,Name the outlets and the shifts first\./.test(csv)) {
      throw new Error(`the CSV minutes lack the changes asked:\n${csv}`)
    }
  })
}

async function adminChangesAScoringSchemesFactors (t) {
  const { page } = t
  await signInAs(page, 'admin')
  await t.step("the scheme's factors are rows of its form", async () => {
    await page.goto(url('/admin/scoring-schemes'))
    await clickAndWait(page, page.getByRole('link', { name: '1' }).first())
    await clickAndWait(page, page.getByRole('button', { name: 'Change' }))
    await page.getByRole('group', { name: 'Factor 1' }).waitFor()
    await checkPage(page, 'scoring-scheme-factors')
  })
  await t.step('another row, every problem of every row at once', async () => {
    await clickAndWait(page, page.getByRole('button', { name: 'Add another factor' }))
    const rows = page.getByRole('group', { name: /^Factor \d+$/ })
    const count = await rows.count()
    const last = page.getByRole('group', { name: `Factor ${count}` })
    const before = page.getByRole('group', { name: `Factor ${count - 1}` })
    await before.getByLabel('Code').fill('ownership')
    await before.getByLabel('Label').fill('No other agency owns it')
    await before.getByLabel('Group').selectOption('position')
    await before.getByLabel('Weight').fill('heavy')
    await before.getByLabel('Lowest score').fill('0')
    await before.getByLabel('Highest score').fill('2')
    await last.getByLabel('Code').fill('reach')
    await last.getByLabel('Group').selectOption('harm')
    await last.getByLabel('Weight').fill('1')
    await last.getByLabel('Lowest score').fill('1')
    await last.getByLabel('Highest score').fill('lots')
    await clickAndWait(page, page.getByRole('button', { name: 'Save' }))
    const summary = page.locator('.govuk-error-summary')
    await summary.getByText(`Factor ${count - 1}: Weight`).waitFor()
    await summary.getByText(`Factor ${count}: label is required`).waitFor()
    await summary.getByText(`Factor ${count}: Highest score must be a whole number`).waitFor()
    await checkPage(page, 'scoring-scheme-factors-errors')
    if (await before.getByLabel('Weight').inputValue() !== 'heavy') throw new Error('the weight typed was not kept')
    await before.getByLabel('Weight').fill('0.5')
    await last.getByLabel(`Remove factor ${count}`).check()
    await clickAndWait(page, page.getByRole('button', { name: 'Save' }))
    await page.getByText(/has been (saved|made from version 1)/).waitFor()
    await page.getByRole('cell', { name: 'No other agency owns it' }).waitFor()
    await checkPage(page, 'scoring-scheme-saved')
  })
}

export const journeys = [
  officerChangesAndArchivesAnActivity,
  analystAddsASurveyAndItsQuestions,
  managerAsksForChangesAndTheMinutesSaySo,
  adminChangesAScoringSchemesFactors,
]
