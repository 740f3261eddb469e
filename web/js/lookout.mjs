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

// Every table sits in a .lookout-table-scroll box (web/scss/lookout.scss). Here each
// table's cells learn their column's name, so that on a phone its rows stack, each cell
// under its column's name (without this script the table scrolls sideways in its box
// instead, with shadows at the hidden edge). The roles keep the table a table for screen
// readers once its rows no longer display as table rows.
for (const table of document.querySelectorAll('.lookout-table-scroll > table')) {
  const names = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim())
  table.setAttribute('role', 'table')
  for (const group of table.querySelectorAll('thead, tbody, tfoot')) group.setAttribute('role', 'rowgroup')
  for (const row of table.querySelectorAll('tr')) {
    row.setAttribute('role', 'row')
    let column = 0
    for (const cell of row.children) {
      const header = cell.tagName === 'TH'
      cell.setAttribute('role', header ? (cell.getAttribute('scope') === 'row' ? 'rowheader' : 'columnheader') : 'cell')
      if (!header || cell.getAttribute('scope') === 'row') {
        if (names[column]) cell.dataset.label = names[column]
      }
      column += cell.colSpan || 1
    }
  }
  table.classList.add('lookout-table--stacks')
}

// A table still wider than its box (at a desk, a very wide one; anywhere, without the
// stacking above) scrolls sideways inside it. Above each box that scrolls, a line says so;
// a box that does not scroll loses its tab stop, which only scrolling needs. Checked again
// whenever the box changes size (a phone turned, a window narrowed). The line is for eyes
// only: a screen reader reads every column anyway.
for (const box of document.querySelectorAll('.lookout-table-scroll')) {
  const hint = document.createElement('p')
  hint.className = 'lookout-table-scroll__hint'
  hint.textContent = 'Scroll the table sideways to see every column'
  hint.setAttribute('aria-hidden', 'true')
  hint.hidden = true
  box.before(hint)
  const update = () => {
    const scrolls = box.scrollWidth > box.clientWidth + 1
    hint.hidden = !scrolls
    if (scrolls) {
      box.setAttribute('tabindex', '0')
    } else {
      box.removeAttribute('tabindex')
    }
  }
  const observer = new ResizeObserver(update)
  observer.observe(box)
  if (box.firstElementChild) observer.observe(box.firstElementChild)
}
