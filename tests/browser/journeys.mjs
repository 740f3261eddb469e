// The browser journeys: each is a named async function that walks one path through
// Lookout's pages as a person would. Run through run.sh (which starts the server):
//   tests/browser/run.sh build/debug/lookout build/debug/browser [JOURNEY...]
import {
  account, changePassword, checkAccessibility, checkPage, expectPath, runJourneys, signIn,
  url,
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

const journeys = [officerFirstSignIn]

process.exitCode = await runJourneys(journeys, process.argv.slice(2))
