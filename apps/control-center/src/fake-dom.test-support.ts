// Just enough of the DOM for the UI's views to run under Node: elements, text nodes, attributes and
// listeners. Setting innerHTML (or outerHTML, insertAdjacentHTML) throws, so a view that parses a
// string as HTML fails its test instead of passing it. `serialize` writes HTML with text escaped the
// way a browser does, to assert what a page would contain.

/** A node of the fake DOM. */
export class FakeNode {
  readonly childNodes: FakeNode[] = [];
  parentNode: FakeNode | null = null;
  readonly nodeType: 1 | 3;
  readonly nodeName: string;
  data: string;
  constructor(nodeType: 1 | 3, nodeName: string, data = '') {
    this.nodeType = nodeType;
    this.nodeName = nodeName;
    this.data = data;
  }
  get firstChild(): FakeNode | null {
    return this.childNodes[0] ?? null;
  }
  appendChild(child: FakeNode): FakeNode {
    if (!(child instanceof FakeNode)) throw new TypeError('appendChild: not a node');
    child.parentNode?.removeChild(child);
    child.parentNode = this;
    this.childNodes.push(child);
    return child;
  }
  removeChild(child: FakeNode): FakeNode {
    const i = this.childNodes.indexOf(child);
    if (i < 0) throw new Error('removeChild: not a child');
    this.childNodes.splice(i, 1);
    child.parentNode = null;
    return child;
  }
  get textContent(): string {
    return this.nodeType === 3 ? this.data : this.childNodes.map((c) => c.textContent).join('');
  }
  set textContent(value: string) {
    this.childNodes.splice(0).forEach((c) => (c.parentNode = null));
    if (this.nodeType === 3) this.data = value;
    else this.appendChild(new FakeNode(3, '#text', value));
  }
}

/** An element of the fake DOM. */
export class FakeElement extends FakeNode {
  readonly attributes = new Map<string, string>();
  readonly listeners = new Map<string, ((event: unknown) => void)[]>();
  readonly tagName: string;
  readonly namespaceURI: string | null;
  constructor(tagName: string, namespaceURI: string | null) {
    super(1, tagName.toUpperCase());
    this.tagName = tagName;
    this.namespaceURI = namespaceURI;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  set innerHTML(_: string) {
    throw new Error('innerHTML used: runtime data could be parsed as HTML');
  }
  set outerHTML(_: string) {
    throw new Error('outerHTML used: runtime data could be parsed as HTML');
  }
  insertAdjacentHTML(): void {
    throw new Error('insertAdjacentHTML used: runtime data could be parsed as HTML');
  }
}

/** A document that makes fake nodes. */
export const fakeDocument = {
  createElement: (tag: string) => new FakeElement(tag.toLowerCase(), 'http://www.w3.org/1999/xhtml'),
  createElementNS: (ns: string, tag: string) => new FakeElement(tag, ns),
  createTextNode: (text: string) => new FakeNode(3, '#text', String(text)),
};

/** Installs the fake document as the global `document` (the UI modules read it when they render). */
export function installFakeDocument(): void {
  (globalThis as Record<string, unknown>)['document'] = fakeDocument;
}

/** HTML for a fake node, text and attribute values escaped as a browser serializes them. */
export function serialize(node: FakeNode): string {
  if (!(node instanceof FakeElement)) return node.data.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const attrs = [...node.attributes].map(([k, v]) => ` ${k}="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`).join('');
  return `<${node.tagName}${attrs}>${node.childNodes.map(serialize).join('')}</${node.tagName}>`;
}

/** Every element under `node` (itself included) that `match` accepts, in document order. */
export function findAll(node: FakeNode, match: (el: FakeElement) => boolean): FakeElement[] {
  const found: FakeElement[] = [];
  const walk = (n: FakeNode) => {
    if (n instanceof FakeElement && match(n)) found.push(n);
    n.childNodes.forEach(walk);
  };
  walk(node);
  return found;
}

/** Elements under `node` whose class list contains `name`. */
export function byClass(node: FakeNode, name: string): FakeElement[] {
  return findAll(node, (el) => (el.getAttribute('class') ?? '').split(/\s+/).includes(name));
}
