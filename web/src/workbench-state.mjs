// The workbench page's shared state, in one place: `page`, an object the page's modules read and
// write (`page.doc`, `page.active`, ...). What more than one module uses is a field of it; what one
// module alone keeps (its undo stacks, the worker's queue, a painted grid's columns) stays a `let`
// in that module, which exports a function for open() to reset it. This module imports nothing,
// so it is evaluated before any module that imports it, whatever the order the others load in;
// the other modules only call each other's functions, never at their own evaluation.
// With it, the few small helpers every part of the page uses.

export const page = {
  record: null,          // the open assessment: {id, name, document, meta, created, updated}
  doc: null,             // record.document
  // The snapshot of the document as it now is: every change goes through change() or restore(), which keep
  // it, so a key press writes the document as text once (open() clears it; it is then made at the next change).
  current: null,
  nodes: new Map(),      // the core's last answer: node id -> the node's ratings (no sentences)
  notes: [],             // ... and its notes
  explained: new Map(),  // ... and in full the nodes asked for: the details' and the judged ones (print)
  docProblems: [],       // ... or the problems it found in the document, shown at the top and at their fields
  coreHasDocument: false, // the core holds this epoch's document as it was last sent, without errors
  sections: new Map(),   // location id (or '' for a trust's own services) -> {section, key}
  active: null,          // the grid cell last moved to
  detailOpen: false,
  storageWorks: true,
  pendingAnnounce: null, // what the next answer's announcement begins with
};

export const $ = (id) => document.getElementById(id);
export const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

// A key press changes one rating: every write that would not change the page is skipped, so the
// browser lays out and paints only what the core's answer changes (bench/workbench.mjs).
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}
export function setValue(control, value) {
  if (control.value !== value) control.value = value;
}

/** A problem at a form field, GOV.UK's way (its message under the label, the group's red bar), or none (text null). */
export function showFieldProblem(group, message, text) {
  message.hidden = !text;
  message.textContent = text ?? '';
  group.classList.toggle('govuk-form-group--error', Boolean(text));
}
