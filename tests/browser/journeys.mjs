// The browser journeys: each is a named async function that walks one path through
// Lookout's pages as a person would. Run through run.sh (which starts the server):
//   tests/browser/run.sh build/debug/lookout build/debug/browser [JOURNEY...]
import fs from 'node:fs'

import {
  account, changePassword, checkAccessibility, checkPage, clickAndWait, currentPath, expectPath,
  everyTemplateChecked, runJourneys, signIn, signInAs, url,
} from './lib.mjs'

// An officer's first visit: sent to sign in, a wrong password refused with the GOV.UK error
// summary, then the one-time password forces a change of password before home.
async function officerFirstSignIn (t) {
  const { page } = t
  const officer = account('officer')

  await t.step('GET / without a session redirects to /sign-in', async () => {
    const response = await page.goto(url('/'))
    expectPath(page, '/sign-in', 'GET / without a session')
    if (!response || !response.request().redirectedFrom()) {
      throw new Error('/sign-in was not reached through a redirect from /')
    }
    if (response.status() !== 200) {
      throw new Error(`/sign-in answered ${response.status()}`)
    }
  })

  await t.step('the sign-in page passes axe and the 320 px check', async () => {
    await checkPage(page, 'sign-in')
  })

  await t.step('a wrong password shows the error summary', async () => {
    await signIn(page, officer.email, `${officer.password}-wrong`)
    expectPath(page, '/sign-in', 'after a wrong password')
    const summary = page.locator('.govuk-error-summary')
    if (!(await summary.isVisible())) {
      throw new Error('no visible .govuk-error-summary after a wrong password')
    }
    await checkAccessibility(page, 'sign-in with an error')
  })

  await t.step('the one-time password leads to a forced change of password', async () => {
    await signIn(page, officer.email, officer.password)
    expectPath(page, '/account/password', 'after signing in with a one-time password')
    await checkPage(page, 'account-password')
  })

  await t.step('choosing a new password lands on home', async () => {
    await changePassword(page, officer)
    expectPath(page, '/', 'after changing the password')
  })

  await t.step('home passes axe and the 320 px check', async () => {
    await checkPage(page, 'home-officer')
  })
}

// The officer records insight (first with a mistake, shown with the GOV.UK error pattern)
// and proposes a task answering it.
async function officerRecordsInsightAndProposesATask (t) {
  const { page } = t
  await signInAs(page, 'officer')

  await t.step('a form with a mistake names it and keeps what was typed', async () => {
    await page.goto(url('/insight/new'))
    await checkPage(page, 'insight-form')
    await page.getByLabel('Officer observation').check()
    await page.getByLabel('Child criminal exploitation (CCE)').check()
    await page.getByLabel('Train station').check()
    await clickAndWait(page, page.getByRole('button', { name: 'Save insight' }))
    expectPath(page, '/insight/new', 'after saving without a summary')
    const summary = page.locator('.govuk-error-summary')
    if (!(await summary.isVisible())) throw new Error('no error summary for the missing summary')
    if (!(await summary.innerText()).includes('Summary')) {
      throw new Error(`the error summary does not name the summary: ${await summary.innerText()}`)
    }
    if (!(await page.getByLabel('Train station').isChecked())) {
      throw new Error('the location type ticked before the error was lost')
    }
    await checkPage(page, 'insight-form-with-errors')
  })

  await t.step('the insight is recorded', async () => {
    await page.getByLabel('Summary').fill(
      'Older teenagers meet younger ones off the last train and hand them parcels.')
    await clickAndWait(page, page.getByRole('button', { name: 'Save insight' }))
    if (!/^\/insight\/\d+$/.test(currentPath(page))) {
      throw new Error(`expected the new insight's page, got ${page.url()}`)
    }
    await page.getByText(/Insight \d+ has been recorded\./).waitFor()
    await checkPage(page, 'insight')
  })

  await t.step('the insight is assessed and scored', async () => {
    await clickAndWait(page, page.getByRole('button', { name: 'Assess and score' }))
    await checkPage(page, 'insight-assess')
    await page.getByLabel(/Harm to children/).fill('4')
    await page.getByLabel(/Likelihood/).fill('3')
    await page.getByLabel(/Our capacity to act/).fill('9')
    await page.getByLabel('High').check()
    await clickAndWait(page, page.getByRole('button', { name: 'Save the assessment' }))
    await page.locator('.govuk-error-summary', { hasText: 'Our capacity to act' }).waitFor()
    await page.getByLabel(/Our capacity to act/).fill('1')
    await clickAndWait(page, page.getByRole('button', { name: 'Save the assessment' }))
    await page.getByText(/The assessment of insight \d+ is saved\./).waitFor()
    // 2x4 / 2 (harm) x 3 (likelihood) + 1 (position) = 13
    await page.getByText('13').first().waitFor()
  })

  await t.step('a task answering it is proposed', async () => {
    await clickAndWait(page, page.getByRole('button', { name: 'Propose a task answering this insight' }))
    expectPath(page, '/tasks/new', 'after choosing to propose a task')
    await checkPage(page, 'task-form')
    await page.getByLabel('Title').fill('Station staff briefings on criminal exploitation')
    await page.getByLabel('Spotting the signs').check()
    await page.getByLabel('High').check()
    await clickAndWait(page, page.getByRole('button', { name: 'Propose the task' }))
    if (!/^\/tasks\/\d+$/.test(currentPath(page))) {
      throw new Error(`expected the new task's page, got ${page.url()}`)
    }
    await page.getByText(/has been proposed\. It will be decided at the next tasking meeting\./).waitFor()
    await checkPage(page, 'task-proposed')
  })
}

// The manager approves the proposal at the tasking meeting, and the minutes record it.
async function managerApprovesAtTheTaskingMeeting (t) {
  const { page } = t
  await signInAs(page, 'manager')
  await checkPage(page, 'home-manager')

  await t.step('the proposal is at the tasking meeting with the insight it answers', async () => {
    await page.goto(url('/tasking'))
    await checkPage(page, 'tasking')
    await page.getByRole('link', { name: 'Station staff briefings on criminal exploitation' }).waitFor()
  })

  await t.step('the manager approves it', async () => {
    const proposal = page.locator('section.lookout-proposal', {
      has: page.getByRole('link', { name: 'Station staff briefings on criminal exploitation' }),
    })
    await proposal.getByLabel('Approve').check()
    await proposal.getByLabel(/Reason, conditions/).fill('Approved: start with the two busiest stations.')
    await clickAndWait(page, proposal.getByRole('button', { name: /Record the decision/ }))
    expectPath(page, '/tasking', 'after the decision')
    await page.getByText(/The decision on T-\d{4}-\d{4} .* is recorded: approved\./).waitFor()
  })

  await t.step('the reports page gives the headline figures', async () => {
    await page.goto(url('/reports'))
    await page.getByText(/Headline figures/).waitFor()
    await checkPage(page, 'reports')
  })

  await t.step('the minutes list the decision', async () => {
    await page.goto(url('/tasking/minutes'))
    await page.getByText('Approved: start with the two busiest stations.').waitFor()
    await checkPage(page, 'tasking-minutes')
  })

  await t.step('the task list and board show it approved', async () => {
    await page.goto(url('/tasks?status=approved'))
    await page.getByText('Station staff briefings on criminal exploitation').waitFor()
    await checkPage(page, 'task-list')
    await page.goto(url('/tasks?view=board'))
    await checkPage(page, 'task-board')
  })
}

// The officer records three activities with their reach under the approved task.
async function officerRecordsThreeActivities (t) {
  const { page } = t
  await signInAs(page, 'officer')
  await page.goto(url('/tasks?q=Station+staff+briefings'))
  await clickAndWait(page, page.getByRole('link', { name: /^T-\d{4}-\d{4}$/ }).first())
  const taskPath = currentPath(page)

  const activities = [
    { title: 'Briefing for station staff, Derby', transport: '14', young: '' },
    { title: 'Briefing for station staff, Leicester', transport: '9', young: '' },
    { title: 'Awareness stand at Nottingham station', transport: '', young: '40', estimated: true },
  ]
  for (const [i, a] of activities.entries()) {
    await t.step(`activity ${i + 1}: ${a.title}`, async () => {
      await page.goto(url(taskPath))
      await clickAndWait(page, page.getByRole('button', { name: 'Record an activity' }))
      expectPath(page, '/activities/new', 'after choosing to record an activity')
      if (i === 0) await checkPage(page, 'activity-form')
      await page.getByLabel('Type', { exact: true }).selectOption(a.young ? 'roadshow_event' : 'training_session')
      await page.getByLabel('Title').fill(a.title)
      if (a.transport) await page.getByLabel('Transport operator', { exact: true }).fill(a.transport)
      if (a.young) {
        await page.getByLabel('Young people', { exact: true }).fill(a.young)
        if (a.estimated) await page.getByLabel('Estimated (Young people)').check()
      }
      await clickAndWait(page, page.getByRole('button', { name: 'Save the activity' }))
      if (!/^\/activities\/\d+$/.test(currentPath(page))) {
        throw new Error(`expected the new activity's page, got ${page.url()}: ${await page.locator('main').innerText()}`)
      }
      if (i === 0) await checkPage(page, 'activity')
    })
  }

  await t.step('the task lists the three activities, and the activities list has them', async () => {
    await page.goto(url(taskPath))
    for (const a of activities) await page.getByRole('link', { name: a.title }).waitFor()
    await page.goto(url('/activities'))
    await checkPage(page, 'activity-list')
    await page.goto(url('/insight'))
    await checkPage(page, 'insight-list')
  })
}

// The analyst imports a file of survey responses (first one with mistakes, which imports
// nothing and names each by line and column) and reads the results.
async function analystImportsSurveyResponses (t) {
  const { page } = t
  await signInAs(page, 'analyst')
  const header = 'external_id,stakeholder_type,region,attended_training,responded_on,answers\n'
  const upload = async (name, text) => {
    await page.locator('input[type="file"][name="file"]').setInputFiles({
      name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8'),
    })
    await clickAndWait(page, page.getByRole('button', { name: 'Import the responses' }))
  }

  await t.step('a file with mistakes imports nothing and names them', async () => {
    await page.goto(url('/surveys'))
    await checkPage(page, 'survey-list')
    await clickAndWait(page, page.getByRole('link', { name: 'Stakeholder survey 2025-26' }))
    await clickAndWait(page, page.getByRole('button', { name: 'Import responses' }))
    await checkPage(page, 'survey-import')
    await upload('mistakes.csv', header +
      'R-1,police,EM,yes,2026-02-10,"question=1,answer=agree"\n' +
      'R-2,police,EM,maybe,2026-02-10,"question=1,answer=very much"\n')
    const problems = page.locator('#problems')
    await problems.waitFor()
    const text = await page.locator('main').innerText()
    for (const expected of ['line 3, attended_training', 'very much']) {
      if (!text.includes(expected)) throw new Error(`the problems do not mention ${expected}: ${text}`)
    }
    await checkPage(page, 'survey-import-with-errors')
  })

  await t.step('a good file is imported and the results show "x out of y"', async () => {
    await upload('responses.csv', header +
      'R-1,police,EM,yes,2026-02-10,"question=1,answer=strongly_agree | question=2,answer=Training"\n' +
      'R-2,local_authority,EM,yes,2026-02-11,"question=1,answer=agree | question=2,answer=Training;Workshop"\n' +
      'R-3,education,WM,no,2026-02-12,"question=1,answer=disagree"\n' +
      'R-4,police,WM,no,2026-02-12,"question=1,answer=dont_know"\n')
    if (!/^\/surveys\/\d+$/.test(currentPath(page))) throw new Error(`expected the survey's page, got ${page.url()}`)
    await page.getByText(/4 responses imported into/).waitFor()
    // So few answers are withheld from what everyone sees; the analyst may see them exactly.
    await page.getByText(/results are not shown/).first().waitFor()
    await checkPage(page, 'survey-results')
    await clickAndWait(page, page.getByRole('link', { name: /Show the exact counts/ }))
    await page.getByText(/2 out of 3 respondents agreed or strongly agreed/).waitFor()
  })

  await t.step('the results of those who attended training', async () => {
    await page.getByLabel('Attended training').selectOption('yes')
    await clickAndWait(page, page.getByRole('button', { name: 'Show their results' }))
    await page.getByText(/2 out of 2 respondents agreed or strongly agreed/).waitFor()
  })
}

// The manager keeps the partner directory and the evaluation records: the generic list,
// record and form pages, with a case study's Markdown previewed before it is saved.
async function managerKeepsPartnersAndEvaluation (t) {
  const { page } = t
  await signInAs(page, 'manager')

  await t.step('a partner is added to the directory', async () => {
    await page.goto(url('/partners'))
    await checkPage(page, 'partner-list')
    await clickAndWait(page, page.getByRole('button', { name: 'Add a partner organisation' }))
    await checkPage(page, 'partner-form')
    await page.getByLabel('Name').fill('Derby Station Hotel')
    await page.getByLabel('Sector').selectOption('hospitality')
    await page.getByLabel('Region').selectOption('EM')
    await clickAndWait(page, page.getByRole('button', { name: 'Save' }))
    await page.getByText(/has been saved\./).waitFor()
    await checkPage(page, 'partner')
  })

  await t.step('a case study is previewed, then saved', async () => {
    await page.goto(url('/evaluation'))
    await checkPage(page, 'evaluation')
    await page.goto(url('/case-studies/new'))
    await page.getByLabel('Title').fill('Station staff who now know the signs')
    await page.getByLabel('Summary').fill('Briefings changed what station staff do when they worry about a young person.')
    await page.getByLabel('Body').fill('## What we did\n\n- briefings at **three** stations\n- a leaflet for night staff\n')
    await page.getByLabel('Period').selectOption({ index: 1 }) // the first of the programme's periods
    await clickAndWait(page, page.getByRole('button', { name: 'Preview' }))
    await page.locator('.lookout-preview strong', { hasText: 'three' }).waitFor()
    await checkPage(page, 'case-study-preview')
    await clickAndWait(page, page.getByRole('button', { name: 'Save' }))
    await page.getByText(/has been saved\./).waitFor()
    await page.locator('.lookout-markdown h2', { hasText: 'What we did' }).waitFor()
    await checkPage(page, 'case-study')
  })
}

// The administrator's reference data and audit trail.
async function adminReferenceDataAndAudit (t) {
  const { page } = t
  const admin = account('admin')
  await page.goto(url('/sign-in'))
  await signIn(page, admin.email, admin.password)
  for (const [path, name] of [['/admin', 'admin-reference-data'], ['/admin/staff', 'admin-staff'],
    ['/admin/regions', 'admin-regions'], ['/admin/scoring-schemes/1', 'admin-scoring-scheme'],
    ['/admin/audit', 'admin-audit']]) {
    await t.step(`the page ${path}`, async () => {
      const response = await page.goto(url(path))
      if (response.status() !== 200) throw new Error(`${path} answered ${response.status()}`)
      await checkPage(page, name)
    })
  }
  await t.step('the users page', async () => {
    await page.goto(url('/admin/users'))
    await checkPage(page, 'admin-users')
  })
  await t.step('the administrator makes an API token, shown once', async () => {
    await page.goto(url('/account/tokens'))
    await page.getByLabel('What it is for').fill('browser test')
    const nextYear = new Date(Date.now() + 200 * 86400000).toISOString().slice(0, 10)
    await page.getByLabel('Last day it works').fill(nextYear)
    await clickAndWait(page, page.getByRole('button', { name: 'Make the token' }))
    await page.getByText('Your new API token').waitFor()
    await checkPage(page, 'account-tokens')
  })
  await t.step('the audit trail filters by action', async () => {
    await page.goto(url('/admin/audit?action=sign_in'))
    await page.getByText(/Showing 1 to/).waitFor()
  })
}

// A funder sees the dashboard and cannot open a record page.
async function funderSeesOnlyAggregates (t) {
  const { page } = t
  await signInAs(page, 'funder')
  await checkPage(page, 'home-funder')
  await t.step('a record page is refused', async () => {
    const response = await page.goto(url('/tasks/1'))
    if (response.status() !== 403) throw new Error(`/tasks/1 answered ${response.status()} to a funder`)
    await page.getByRole('heading', { name: 'You cannot see this page' }).waitFor()
    await checkPage(page, 'forbidden')
  })
}

// The analyst's and the administrator's home pages.
async function otherHomes (t) {
  const { page } = t
  await signInAs(page, 'analyst')
  await checkPage(page, 'home-analyst')
  await page.goto(url('/sign-out'))
  const admin = account('admin')
  await t.step('the administrator sees the users', async () => {
    await page.context().clearCookies()
    await page.goto(url('/sign-in'))
    await signIn(page, admin.email, admin.password)
    expectPath(page, '/', 'signing in as the administrator')
    await page.getByText('Olu Officer').waitFor()
    await checkPage(page, 'home-admin')
  })
}

// The core journey with JavaScript switched off: every form is a plain HTML form, so
// recording insight (its grading fields simply all shown) and proposing a task still work.
async function officerWorksWithoutJavaScript (t) {
  const { page } = t
  await signInAs(page, 'officer')
  await t.step('insight is recorded without JavaScript', async () => {
    await page.goto(url('/insight/new'))
    if (!(await page.locator('#conditional-grading').isVisible())) {
      throw new Error('the grading fields are hidden without JavaScript')
    }
    await page.getByLabel('Partner observation').check()
    await page.getByLabel('Online harm').check()
    await page.getByLabel('Summary').fill('Young people approached through a gaming platform.')
    await clickAndWait(page, page.getByRole('button', { name: 'Save insight' }))
    await page.getByText(/Insight \d+ has been recorded\./).waitFor()
  })
  await t.step('a task is proposed without JavaScript', async () => {
    await clickAndWait(page, page.getByRole('button', { name: 'Propose a task answering this insight' }))
    await page.getByLabel('Title').fill('Online safety sessions for youth workers')
    await page.getByLabel('Spotting the signs').check()
    await clickAndWait(page, page.getByRole('button', { name: 'Propose the task' }))
    await page.getByText(/has been proposed\. It will be decided at the next tasking meeting\./).waitFor()
  })
}
officerWorksWithoutJavaScript.contextOptions = { javaScriptEnabled: false }

// The manager reads the year's impact report as a web page (axe, 320 px, screenshot),
// downloads it as a PDF, publishes it and unlocks its period again.
async function managerDownloadsTheImpactReport (t) {
  const { page } = t
  await signInAs(page, 'manager')
  await t.step('the reports page offers the report in every format', async () => {
    await page.goto(url('/reports'))
    await page.getByRole('heading', { name: 'The impact report' }).waitFor()
    await page.getByLabel(/Web page, with every figure linked/).check()
    await clickAndWait(page, page.getByRole('button', { name: 'Download the report' }))
    expectPath(page, '/reports/impact', 'after choosing the web page')
  })
  await t.step('the HTML report passes axe and the 320 px check', async () => {
    await page.getByRole('heading', { level: 1, name: /Impact report/ }).waitFor()
    await page.getByRole('heading', { name: 'Headline figures' }).waitFor()
    // Only the groups recorded are named: 'Reached 23 professionals and approximately 40 young people'.
    await page.getByText(/Reached \d+ professionals and approximately \d+ young people/).first().waitFor()
    await checkPage(page, 'impact-report-html')
  })
  await t.step('a figure links to the records it counts', async () => {
    const link = page.locator('#headlines a').first()
    const href = await link.getAttribute('href')
    if (!/\/activities\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/.test(href || '')) {
      throw new Error(`the first headline figure should link to its activities, not ${href}`)
    }
    await clickAndWait(page, link)
    expectPath(page, '/activities', 'after following a figure')
  })
  await t.step('the PDF downloads', async () => {
    await page.goto(url('/reports'))
    const downloading = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Download the report' }).click()
    const download = await downloading
    if (!/^impact-\d{4}-\d{2}\.pdf$/.test(download.suggestedFilename())) {
      throw new Error(`unexpected file name ${download.suggestedFilename()}`)
    }
    const file = await download.path()
    const head = (await import('node:fs')).readFileSync(file).subarray(0, 5).toString()
    if (head !== '%PDF-') throw new Error(`the download is not a PDF: starts ${JSON.stringify(head)}`)
  })
  await t.step('publishing freezes the report and locks its period', async () => {
    await page.goto(url('/reports'))
    await clickAndWait(page, page.getByRole('button', { name: 'Publish this report' }))
    await checkPage(page, 'publish-confirm')
    await clickAndWait(page, page.getByRole('button', { name: 'Publish and lock the period' }))
    if (!/^\/reports\/published\/\d+$/.test(currentPath(page))) {
      throw new Error(`expected the published report's page, got ${page.url()}`)
    }
    await page.getByText(/is published, and its period's records are locked\./).waitFor()
    await checkPage(page, 'published-report')
  })
  await t.step('the published reports are listed', async () => {
    const back = page.url()
    await page.goto(url('/reports/published'))
    await page.getByRole('link', { name: /Impact report/ }).first().waitFor()
    await checkPage(page, 'published-list')
    await page.goto(back)
  })
  await t.step('unlocking the period asks why', async () => {
    await clickAndWait(page, page.getByRole('button', { name: 'Unlock the period' }))
    await page.getByText('Say why the period\'s records must change').first().waitFor()
    await page.getByLabel('Why must the records change?').fill('The journeys go on recording activities this year.')
    await clickAndWait(page, page.getByRole('button', { name: 'Unlock the period' }))
    await page.getByText(/Unlocked: The journeys go on recording/).waitFor()
  })
}

// Last: every page template was checked with axe by one of the journeys above.
async function everyPageTemplateWasChecked (t) {
  await t.step('every page template was checked', async () => everyTemplateChecked())
}

const journeys = [
  officerFirstSignIn,
  officerRecordsInsightAndProposesATask,
  managerApprovesAtTheTaskingMeeting,
  officerRecordsThreeActivities,
  analystImportsSurveyResponses,
  managerKeepsPartnersAndEvaluation,
  managerDownloadsTheImpactReport,
  adminReferenceDataAndAudit,
  funderSeesOnlyAggregates,
  otherHomes,
  officerWorksWithoutJavaScript,
]

// The journeys of particular areas live in journeys/*.mjs, each exporting `journeys` (an
// array of named async functions): they run after the ones above, file by file in name
// order, on the same server and database.
const folder = new URL('./journeys/', import.meta.url)
if (fs.existsSync(folder)) {
  for (const file of fs.readdirSync(folder).filter(f => f.endsWith('.mjs')).sort()) {
    const module = await import(new URL(file, folder))
    if (!Array.isArray(module.journeys)) throw new Error(`journeys/${file} exports no journeys array`)
    journeys.push(...module.journeys)
  }
}
journeys.push(everyPageTemplateWasChecked)

process.exitCode = await runJourneys(journeys, process.argv.slice(2))
