// What matters most: the core's smallest one- or two-rating changes that would raise or lower the
// trust's quality or combined rating, asked of the worker while the section is open (again after
// each answer), each with "Apply", which makes the change as one step of undo.
import * as D from './workbench-doc.mjs';
import { element } from './workbench-grid.mjs';
import * as M from './workbench-messages.mjs';
import { page, $, capital } from './workbench-state.mjs';
import { change, ask } from './workbench-changes.mjs';

export function wireWhatMatters() {
  $('what-matters').addEventListener('toggle', () => {
    if ($('what-matters').open) whatMatters();
  });
}

let whatMattersBusy = false;
let whatMattersStale = false;

/** Asks the core what matters most for the open document (one question at a time; the newest wins). */
export async function whatMatters() {
  if (whatMattersBusy) {
    whatMattersStale = true;
    return;
  }
  whatMattersBusy = true;
  whatMattersStale = false;
  const answer = await ask({ op: 'whatMatters', text: JSON.stringify(page.doc) });
  whatMattersBusy = false;
  if (whatMattersStale) {
    whatMatters();
    return;
  }
  paintWhatMatters(answer);
}

/** A lowest-level change of the core's answer, as a cell's address. */
function changeAddress(c) {
  if (c.service == null) return { kind: c.key_question === 'use_of_resources' ? 'uor' : 'well_led', loc: null };
  return { kind: 'kq', loc: c.location ?? null, svc: c.service, q: c.key_question };
}

function paintWhatMatters(answer) {
  const body = $('what-matters-body');
  const focused = body.contains(document.activeElement) ? document.activeElement.dataset.target : null;
  if (answer.error) {
    body.replaceChildren(element('p', 'govuk-body', M.WHAT_MATTERS_UNAVAILABLE));
    return;
  }
  body.replaceChildren(...answer.targets.map((target) => {
    const part = element('div', 'wb-what-matters__target');
    const title = element('h3', 'govuk-heading-s wb-what-matters__title', `${capital(target.subject)}: ${target.label ?? 'not awarded'}`);
    title.tabIndex = -1;
    title.dataset.target = target.node;
    part.append(title);
    for (const [direction, heading, none] of [['up', 'What would raise it', M.NOTHING_RAISES], ['down', 'What would lower it', M.NOTHING_LOWERS]]) {
      const d = target[direction];
      part.append(element('h4', 'govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1', heading));
      if (!d.size) {
        part.append(element('p', 'govuk-body-s', none));
        continue;
      }
      const list = element('ul', 'govuk-list what-if__list');
      for (const set of d.shown) {
        const item = element('li', 'what-if__item');
        const button = element('button', 'govuk-button govuk-button--secondary what-if__apply', 'Apply');
        button.type = 'button';
        button.append(element('span', 'govuk-visually-hidden', `: ${set.text}`));
        button.addEventListener('click', () => {
          change((dd, meta) => {
            for (const c of set.changes) D.setRating(dd, changeAddress(c), c.to, meta.inspection?.[c.location] ?? null);
          }, { announce: `Applied: ${set.text} Undo takes it back.` });
          title.focus();
        });
        item.append(element('span', 'govuk-body-s what-if__text', set.text), button);
        list.append(item);
      }
      part.append(list);
      if (d.more) part.append(element('p', 'govuk-body-s', M.moreWays(d.more)));
    }
    return part;
  }));
  if (focused) body.querySelector(`[data-target="${CSS.escape(focused)}"]`)?.focus();
}

