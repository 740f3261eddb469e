// Lookout's only script, loaded as <script type="module" src="/assets/lookout.mjs">. The
// server's Content-Security-Policy allows scripts from 'self' alone, so the classes that
// GOV.UK Frontend's page template sets with an inline script are set here instead. Only
// browsers that run ES modules load this file, which is exactly the set GOV.UK Frontend
// supports; every page still works without it (progressive enhancement).
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

// Parts of a form that matter only for one answer of a radio group: an element with
// data-lookout-show-when="NAME=VALUE" is hidden unless the radio NAME has VALUE checked.
// Without JavaScript every part shows. (GOV.UK's conditional reveal would mark the radios
// aria-expanded, which ARIA does not allow on a radio button.)
for (const part of document.querySelectorAll('[data-lookout-show-when]')) {
  const [name, value] = part.dataset.lookoutShowWhen.split('=')
  const form = part.closest('form')
  if (!form) continue
  const update = () => {
    const chosen = form.querySelector(`input[type="radio"][name="${name}"]:checked`)
    part.hidden = !chosen || chosen.value !== value
  }
  for (const radio of form.querySelectorAll(`input[type="radio"][name="${name}"]`)) {
    radio.addEventListener('change', update)
  }
  update()
}
