// The live assessment of the open document (the core's LiveAssessment): the document loaded once,
// then each key press in a grid sent as the one entered object it changed, and each answer only the
// nodes whose ratings changed (an edit changes a few dozen of a 10 x 12 trust's 788), so neither the
// core nor the page handles the rest. Any other change, another assessment (a new epoch) or a
// document in error loads the whole text again (the page sends the text only then).
// Used where the core runs: in the worker until the page's own copy has loaded, then on the page's
// thread (workbench-changes.mjs), where a key press is answered in its own task.
export class LiveCore {
  #api;
  #live = null;
  #epoch = null;

  constructor(api) {
    this.#api = api;
  }

  answer({ text, epoch, entry, explain }) {
    if (this.#epoch !== epoch) {
      // Another assessment: a fresh one answers every node (the page has forgotten the last one's).
      this.#live?.close();
      this.#live = this.#api.liveAssessment();
      this.#epoch = epoch;
    } else if (entry && this.#live.loaded) {
      return this.#live.setEntry(entry.node, entry.value, { explain });
    }
    // The page sends the text whenever the last answer was not the live document's (coreHasDocument).
    return text === null ? { error: 'the document was not sent', errors: [] } : this.#live.load(text, { explain });
  }
}
