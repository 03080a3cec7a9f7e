/* The editor's browse windows (image library, documents): a click hands the choice back to
 * the dialog that opened the window, with the library's alt text or the document's title
 * as the default for an empty field. */
;(() => {
  function choose(button) {
    const funcNum = document.body.dataset.funcNum
    const opener = window.opener
    if (!opener || !opener.CKEDITOR || !/^\d+$/.test(funcNum || "")) {
      document.getElementById("browse-problem").hidden = false
      return
    }
    const alt = button.dataset.alt || ""
    const title = button.dataset.title || ""
    opener.CKEDITOR.tools.callFunction(Number(funcNum), button.dataset.url, function () {
      const dialog = this.getDialog()
      const fill = (page, id, value) => {
        const field = value && dialog.getContentElement(page, id)
        if (field && !field.getValue()) {
          field.setValue(value)
        }
      }
      if (dialog.getName() === "image") {
        fill("info", "txtAlt", alt)
      } else if (dialog.getName() === "link") {
        fill("info", "linkDisplayText", title)
      }
    })
    window.close()
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest(".browse-choice")
    if (button) {
      choose(button)
    }
  })
})()
