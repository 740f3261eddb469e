// Lookout's only script, loaded as <script type="module" src="/assets/lookout.mjs">. The
// server's Content-Security-Policy allows scripts from 'self' alone, so the classes that
// GOV.UK Frontend's page template sets with an inline script are set here instead. Only
// browsers that run ES modules load this file, which is exactly the set GOV.UK Frontend
// supports; every page still works without it (progressive enhancement).
import { initAll } from './govuk-frontend.min.js'
// GOV.UK's accessible autocomplete, a UMD script: it sets self.accessibleAutocomplete.
import './accessible-autocomplete.min.js'

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

// ---- Searchable pickers ------------------------------------------------------------------
// A select marked data-lookout-autocomplete (a task, a partner, a campaign...) becomes GOV.UK's
// accessible autocomplete: type to narrow the choices. The select stays in the form as the
// control that is sent, hidden, and keeps what the autocomplete shows: a name that matches no
// choice exactly chooses nothing, so what is sent is never other than what is seen.
// Without JavaScript the select is the control, its choices already those the person may use.
for (const select of document.querySelectorAll('select[data-lookout-autocomplete]')) {
  const id = select.id
  const describedBy = (select.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
  const choose = (text) => {
    const option = [...select.options].find(o => o.value !== '' && o.textContent === text)
    select.value = option ? option.value : ''
  }
  self.accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    defaultValue: select.value ? undefined : '',
    showAllValues: true,
    onConfirm: (text) => { if (text !== undefined) choose(text) },
    tNoResults: () => 'No choice matches',
  })
  const input = document.getElementById(id)
  if (!input) continue
  input.addEventListener('input', () => choose(input.value))
  // The autocomplete describes its input by its own instructions only: the field's hint and
  // error stay linked (they are lost otherwise when the autocomplete re-renders).
  const keepDescribed = () => {
    const now = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
    const missing = describedBy.filter(ref => !now.includes(ref))
    if (missing.length) input.setAttribute('aria-describedby', [...missing, ...now].join(' '))
  }
  keepDescribed()
  new MutationObserver(keepDescribed).observe(input, { attributes: true, attributeFilter: ['aria-describedby'] })
}

// Checkboxes of many records (the partners of an activity) get a search box that shows only
// those whose name holds what is typed; ticked boxes always stay in sight.
for (const group of document.querySelectorAll('[data-lookout-filter]')) {
  const items = [...group.querySelectorAll('.govuk-checkboxes__item')]
  if (items.length < 8) continue
  const fieldId = group.querySelector('input')?.id || 'filter'
  const wrapper = document.createElement('div')
  wrapper.className = 'govuk-form-group lookout-checkbox-filter'
  const label = document.createElement('label')
  label.className = 'govuk-label'
  label.htmlFor = `${fieldId}-search`
  label.textContent = `Search ${group.dataset.lookoutFilter.replace(/ \(optional\)$/, '').toLowerCase()}`
  const search = document.createElement('input')
  search.className = 'govuk-input'
  search.type = 'search'
  search.id = `${fieldId}-search`
  search.autocomplete = 'off'
  const count = document.createElement('p')
  count.className = 'lookout-checkbox-filter__count'
  count.id = `${fieldId}-search-count`
  count.setAttribute('aria-live', 'polite')
  search.setAttribute('aria-describedby', count.id)
  wrapper.append(label, search, count)
  group.before(wrapper)
  const update = () => {
    const words = search.value.trim().toLowerCase()
    let shown = 0
    for (const item of items) {
      const box = item.querySelector('input')
      const text = item.querySelector('label').textContent.toLowerCase()
      item.hidden = words !== '' && !box.checked && !text.includes(words)
      if (!item.hidden) shown++
    }
    count.textContent = words === '' ? '' : `${shown} of ${items.length} shown`
  }
  search.addEventListener('input', update)
  // Enter in the search box narrows the list; it never sends the form.
  search.addEventListener('keydown', (event) => { if (event.key === 'Enter') event.preventDefault() })
}

// ---- Locked periods ------------------------------------------------------------------------
// A form whose date decides its period carries a banner for each locked period
// (data-lookout-period-locks, http/ui/period_locks.h): the server shows the one its values
// fall in; here the banners follow the date (or period) and region as they are typed.

function typedDate (form, name) {
  const part = (p) => (form.elements[`${name}-${p}`]?.value || '').trim()
  const [d, m, y] = ['day', 'month', 'year'].map(part)
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return ''
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)))
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return ''
  return date.toISOString().slice(0, 10)
}

// "2025-26" (a financial year starting in month fyStart) or "2025-26 Q3": its first and last days.
function periodDates (text, fyStart) {
  const match = /^(\d{4})-(\d{2})(?: Q([1-4]))?$/.exec(text.trim())
  if (!match || Number(match[2]) !== (Number(match[1]) + 1) % 100) return null
  const quarter = match[3] ? Number(match[3]) : 0
  const startMonth = fyStart - 1 + (quarter ? (quarter - 1) * 3 : 0)
  const first = new Date(Date.UTC(Number(match[1]), startMonth, 1))
  const last = new Date(Date.UTC(Number(match[1]), startMonth + (quarter ? 3 : 12), 0))
  return [first.toISOString().slice(0, 10), last.toISOString().slice(0, 10)]
}

for (const box of document.querySelectorAll('[data-lookout-period-locks]')) {
  const form = document.querySelector(`form[method="post"][action="${CSS.escape(box.dataset.form)}"]`)
  if (!form) continue
  const { fromField, toField, regionField } = box.dataset
  const update = () => {
    let span = null
    if ('period' in box.dataset) {
      span = periodDates(form.elements[fromField]?.value || '', Number(box.dataset.fyStart))
    } else {
      const from = typedDate(form, fromField)
      const to = toField && toField !== fromField ? typedDate(form, toField) : ''
      if (from) span = [from, to || from]
    }
    const regions = regionField
      ? [...form.querySelectorAll(`[name="${CSS.escape(regionField)}"]`)]
          .filter(el => el.tagName === 'SELECT' || el.checked).map(el => el.value)
      : null
    for (const banner of box.querySelectorAll('[data-first]')) {
      const { first, last, region } = banner.dataset
      const inPeriod = span !== null && span[1] >= first && span[0] <= last
      const inRegion = !region || regions === null || regions.includes(region)
      banner.hidden = !(inPeriod && inRegion)
    }
  }
  form.addEventListener('input', update)
  form.addEventListener('change', update)
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
