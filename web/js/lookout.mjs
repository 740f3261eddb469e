// Lookout's only script, loaded as <script type="module" src="/assets/lookout.mjs">. The
// server's Content-Security-Policy allows scripts from 'self' alone, so the classes that
// GOV.UK Frontend's page template sets with an inline script are set here instead. Only
// browsers that run ES modules load this file, which is exactly the set GOV.UK Frontend
// supports; every page still works without it (progressive enhancement).
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
