/* Names for Django admin inputs that come without a label (loaded by vastkom.core.admin_a11y):
 * the search field inside an autocomplete (select2) and the date and time parts of a
 * date-time field. Runs again when the admin adds rows or widgets. */
;(() => {
  function fieldLabel(element) {
    const row = element.closest(".form-row, .fieldBox")
    const label = row && row.querySelector("label, legend")
    return label ? label.textContent.replace(/:\s*$/, "").trim() : ""
  }

  function nameUnlabelled() {
    for (const input of document.querySelectorAll(".select2-search__field:not([aria-label])")) {
      const container = input.closest(".select2-container")
      const select = container && container.previousElementSibling
      const label = select && select.id && document.querySelector(`label[for="${select.id}"]`)
      const text = label ? label.textContent.replace(/:\s*$/, "").trim() : fieldLabel(input)
      if (text) {
        input.setAttribute("aria-label", `Sök ${text.toLowerCase()}`)
      }
    }
    for (const input of document.querySelectorAll("p.datetime input:not([aria-label])")) {
      const part = input.classList.contains("vTimeField") ? "tid" : "datum"
      const text = fieldLabel(input)
      input.setAttribute("aria-label", text ? `${text}, ${part}` : part)
    }
  }

  function start() {
    nameUnlabelled()
    new MutationObserver(nameUnlabelled).observe(document.body, { childList: true, subtree: true })
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start)
  } else {
    start()
  }
})()
