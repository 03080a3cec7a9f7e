/* VästKom's additions to CKEditor 4 in the admin (loaded after ckeditor.js, before the
 * editors start). What the JSON configuration in vastkom/core/editor/config.py cannot say:
 * - every upload (paste, drag, the dialogs' upload tabs) carries Django's CSRF token;
 * - the image dialog has "Dekorativ bild", which writes alt="" role="presentation"
 *   (the cleaner keeps exactly that, and the quality check accepts it instead of alt text);
 * - the table dialog proposes a header row.
 */
/* global CKEDITOR */
;(() => {
  if (!window.CKEDITOR) {
    return
  }
  const IMAGE = 1 // the image dialog's setup/commit type for the <img> itself
  const DECORATIVE_ROLE = "presentation"

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]")
    return input ? input.value : ""
  }

  CKEDITOR.config.uploadImage_supportedTypes = /image\/(jpeg|png|gif|webp)/

  CKEDITOR.on("instanceCreated", (event) => {
    // After the request is opened (priority 5) and before it is sent (999).
    event.editor.on("fileUploadRequest", (upload) => {
      upload.data.fileLoader.xhr.setRequestHeader("X-CSRFToken", csrfToken())
    })
  })

  function addDecorativeBox(definition) {
    const info = definition.getContents("info")
    if (!info || !info.get("txtAlt")) {
      return
    }
    // Right after the alt text field, at the dialog's top level.
    const at = info.elements.findIndex((element) => element.id === "txtAlt") + 1
    info.elements.splice(at, 0, {
        type: "checkbox",
        id: "decorative",
        label: "Dekorativ bild (tillför inget innehåll, behöver ingen alternativtext)",
        setup(type, element) {
          if (type === IMAGE) {
            this.setValue(element.getAttribute("role") === DECORATIVE_ROLE)
          }
        },
        onChange() {
          const alt = this.getDialog().getContentElement("info", "txtAlt")
          if (this.getValue()) {
            alt.setValue("")
            alt.disable()
          } else {
            alt.enable()
          }
        },
        commit(type, element) {
          if (type !== IMAGE) {
            return
          }
          if (this.getValue()) {
            element.setAttribute("alt", "")
            element.setAttribute("role", DECORATIVE_ROLE)
          } else {
            element.removeAttribute("role")
          }
        },
    })
    const alt = info.get("txtAlt")
    alt.label = "Alternativtext (beskriv vad bilden visar)"
  }

  CKEDITOR.on("dialogDefinition", (event) => {
    const name = event.data.name
    const definition = event.data.definition
    if (name === "image") {
      addDecorativeBox(definition)
    } else if (name === "table") {
      const headers = definition.getContents("info").get("selHeaders")
      if (headers) {
        headers.default = "row"
      }
    }
  })
})()
