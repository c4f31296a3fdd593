// Tagging on the scene page: select words in the script and pick a category to tag
// them; click a tag to accept, reject or move it. Talks to the breakdown JSON API.
(function () {
  "use strict";
  const script = document.querySelector("[data-breakdown-scene]");
  if (!script) return;
  const api = script.dataset.api;
  const sceneId = Number(script.dataset.sceneId);
  const picker = document.getElementById("tag-picker");
  const editor = document.getElementById("tag-editor");
  const errorBox = document.getElementById("bd-error");
  const nameField = picker.querySelector("input[name=name]");
  let pending = null; // {element, start, end} of the selected text
  let editing = null; // the tag being edited: {id, version}

  // Offsets count characters as Python does (code points), not UTF-16 units.
  const length = (text) => Array.from(text).length;

  function textBefore(paragraph, node, offset) {
    const range = document.createRange();
    range.selectNodeContents(paragraph);
    range.setEnd(node, offset);
    return range.toString();
  }

  function paragraphOf(node) {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return element ? element.closest("[data-element]") : null;
  }

  function place(box, rect) {
    box.hidden = false;
    box.style.top = `${window.scrollY + rect.bottom + 6}px`;
    box.style.left = `${Math.max(8, window.scrollX + rect.left)}px`;
  }

  function hide() {
    picker.hidden = true;
    editor.hidden = true;
    pending = null;
    editing = null;
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  async function send(method, url, body) {
    const response = await fetch(url, {
      method,
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    });
    if (response.ok) {
      window.location.reload();
      return;
    }
    let message = `${response.status}`;
    try {
      const data = await response.json();
      message = data.error || message;
    } catch (_) { /* not JSON: keep the status */ }
    hide();
    showError(message);
  }

  function onSelect() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    const paragraph = paragraphOf(range.startContainer);
    if (!paragraph || paragraph !== paragraphOf(range.endContainer)) return;
    const before = textBefore(paragraph, range.startContainer, range.startOffset);
    const chosen = range.toString();
    const lead = chosen.length - chosen.trimStart().length;
    const name = chosen.trim();
    if (!name) return;
    const start = length(before) + length(chosen.slice(0, lead));
    pending = { element: Number(paragraph.dataset.element), start, end: start + length(name) };
    editor.hidden = true;
    nameField.value = name;
    place(picker, range.getBoundingClientRect());
  }

  script.addEventListener("mouseup", () => window.setTimeout(onSelect, 0));
  script.addEventListener("keyup", (event) => {
    if (event.shiftKey) onSelect();
  });

  picker.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-close") || !pending) {
      hide();
      return;
    }
    send("POST", `${api}/tags`, {
      scene_id: sceneId,
      category: button.dataset.category,
      name: nameField.value.trim(),
      source: pending,
    });
  });

  document.addEventListener("click", (event) => {
    const tag = event.target.closest("[data-tag]");
    if (!tag) return;
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return; // a selection, not a click
    event.preventDefault();
    picker.hidden = true;
    editing = { id: Number(tag.dataset.tag), version: Number(tag.dataset.version) };
    editor.querySelector("[data-field=name]").textContent = tag.dataset.name;
    editor.querySelector("[data-field=category]").textContent = tag.dataset.category;
    editor.querySelector("[data-field=status]").textContent = tag.dataset.status;
    editor.querySelector("select[name=category]").value = tag.dataset.category;
    place(editor, tag.getBoundingClientRect());
  });

  editor.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-close") || !editing) {
      hide();
      return;
    }
    const url = `${api}/tags/${editing.id}`;
    if (button.dataset.status) {
      send("PATCH", url, { version: editing.version, status: button.dataset.status });
    } else if (button.hasAttribute("data-move")) {
      const category = editor.querySelector("select[name=category]").value;
      send("PATCH", url, { version: editing.version, category });
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
  });
})();
