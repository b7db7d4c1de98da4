// Every node the UI shows is built here. Text goes in as text nodes and is never parsed as HTML, so
// whatever a runtime hands back (a CR name, a spec field, an Event note) can only ever be text:
// escaping is structural, not a function someone has to remember to call.
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Creates an HTML element. `attrs`: attribute values (undefined, null and false are left out, true
 * is an empty attribute), functions under `on<event>` become listeners. Children: nodes, or anything
 * else as text; arrays are flattened; null, undefined and false are skipped.
 */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** Creates an SVG element, with the same arguments as `h`. */
export function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Replaces every child of `el` with `children` (same rules as `h`). */
export function replace(el, ...children) {
  while (el.firstChild) el.removeChild(el.firstChild);
  appendChildren(el, children);
  return el;
}

/** True for the only link targets the UI makes: its own hash routes and same-origin paths. */
export function isSafeHref(value) {
  return typeof value === 'string' && /^(#|\/(?!\/))/.test(value);
}

function build(el, attrs, children) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (/^on/i.test(name)) {
      // Handler attributes would be code from a string; only real functions are accepted.
      if (typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
      continue;
    }
    if ((name === 'href' || name === 'src') && !isSafeHref(String(value))) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  appendChildren(el, children);
  return el;
}

function appendChildren(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}
