// The network graph's HTML labels, laid over the Plotly figure: made once, their texts
// changed per position, and placed where they are readable. Node values sit inside the
// nodes; the nodes and biases are obstacles; every other label goes to the first of its
// spots where it collides with nothing placed before it, or is hidden.

const LABEL_KINDS = ["headers", "node_name", "node_text", "bias_text", "edge_text", "weight_text"];
const CHANGING_KINDS = LABEL_KINDS.filter((kind) => kind !== "node_name"); // x1..o8 stay
const GAP = 3; // px kept free between any two texts
const SIDES = ["left", "right", "top", "bottom"]; // a node's name: its own side first
const BIAS_SIDES = ["right", "bottom", "top", "left"];
const ALONG_EDGE = [0.3, 0.7, 0.2, 0.8, 0.5]; // an edge's label, after its own place

/** One empty label per place of each kind (``graph.places``), and the node names. */
export function makeLabels(graph) {
  const add = (kind) => {
    const el = document.createElement("span");
    el.className = `sv-label sv-${kind.replace("_", "-")}`;
    graph.overlay.appendChild(el);
    return el;
  };
  for (const kind of LABEL_KINDS) {
    const count = { node_name: graph.places.names, weight_text: graph.places.edge_text }[kind]
      || graph.places[kind];
    graph.labels[kind] = Array.from({ length: count.length }, () => add(kind));
  }
  graph.places.names.forEach((name, n) => { graph.labels.node_name[n].textContent = name; });
}

/** Write the texts of ``view`` that differ from those of ``shown`` (or null); true if any did. */
export function writeTexts(graph, shown, view) {
  let changed = false;
  for (const kind of CHANGING_KINDS) {
    const old = shown ? shown[kind] : [];
    view[kind].forEach((text, n) => {
      if (old[n] !== text) {
        graph.labels[kind][n].textContent = text;
        changed = true;
      }
    });
  }
  return changed;
}

/** Put every label where it is readable (see the top of this file). */
export function placeLabels(graph) {
  if (!graph.plot._fullLayout) return;
  const room = new Room();
  placeNodeValues(graph, room);
  graph.places.bias_text.forEach((place, n) => room.take(square(shapeAt(graph, "bias", n, place))));
  placeHeaders(graph, room);
  placeNodeNames(graph, room);
  placeBiasValues(graph, room);
  placeEdgeLabels(graph, room);
}

/** The rectangles taken so far; a label goes to the first of its spots that is free. */
class Room {
  constructor() {
    this.taken = [];
  }

  take(rect) {
    this.taken.push(rect);
  }

  free(a) {
    return !this.taken.some((b) =>
      a.l < b.r + GAP && b.l < a.r + GAP && a.t < b.b + 1 && b.t < a.b + 1);
  }

  /** Show ``el`` in the first free rectangle of ``spots`` and take it; else hide ``el``. */
  putFirst(el, spots) {
    const rect = spots.find((spot) => this.free(spot));
    if (!rect) return hide(el);
    el.style.transform = `translate(${rect.l.toFixed(1)}px, ${rect.t.toFixed(1)}px)`;
    el.style.visibility = "visible";
    this.take(rect);
  }
}

function hide(el) {
  el.style.visibility = "hidden";
}

function rectAt(cx, cy, w, h) {
  return { l: cx - w / 2, r: cx + w / 2, t: cy - h / 2, b: cy + h / 2 };
}

/** [cx, cy, half]: the pixel centre and half size of node (or bias) ``n`` at ``place``. */
function shapeAt(graph, kind, n, [x, y]) {
  const [cx, cy] = graph.toPixels(x, y);
  return [cx, cy, graph.figure.layout.shapes[graph.shapes[kind] + n].x1 * graph.scale];
}

function square([cx, cy, half]) {
  return rectAt(cx, cy, half * 2, half * 2);
}

/** The nodes are obstacles; their values sit at their centres. */
function placeNodeValues(graph, room) {
  graph.places.node_text.forEach((place, n) => {
    const [cx, cy, half] = shapeAt(graph, "node", n, place);
    room.take(rectAt(cx, cy, 2 * half * graph.stretch, 2 * half)); // an ellipse in presentation
    const el = graph.labels.node_text[n];
    const [w, h] = measure(graph, el);
    el.style.transform = `translate(${(cx - w / 2).toFixed(1)}px, ${(cy - h / 2).toFixed(1)}px)`;
    if (w / 2 > half) room.take(rectAt(cx, cy, w, h)); // a value wider than its node
  });
}

/** The layer headers along the top, in a second row when the first is taken. */
function placeHeaders(graph, room) {
  graph.places.headers.forEach(([x], n) => {
    const el = graph.labels.headers[n];
    const [w, h] = measure(graph, el);
    if (!el.textContent) return hide(el);
    const [cx] = graph.toPixels(x, 0);
    const left = Math.max(0, Math.min(cx - w / 2, graph.plot._fullLayout.width - w));
    room.putFirst(el, [2, 4 + h].map((top) => ({ l: left, r: left + w, t: top, b: top + h })));
  });
}

function placeNodeNames(graph, room) {
  graph.places.node_name.forEach((place, n) => {
    const first = graph.places.sides[n];
    const sides = [first, ...SIDES.filter((side) => side !== first)];
    const el = graph.labels.node_name[n];
    const [cx, cy, half] = shapeAt(graph, "node", n, place);
    const [valueWidth] = measure(graph, graph.labels.node_text[n]); // the name clears the value
    const across = Math.max(half * graph.stretch, valueWidth / 2); // the unit's half width
    room.putFirst(el, beside(graph, el, [cx, cy, across], sides));
  });
}

function placeBiasValues(graph, room) {
  graph.places.bias_text.forEach((place, n) => {
    const el = graph.labels.bias_text[n];
    room.putFirst(el, beside(graph, el, shapeAt(graph, "bias", n, place), BIAS_SIDES));
  });
}

/** The spots for ``el`` beside a shape ([cx, cy, half]), 3 px off it, on ``sides`` in order. */
function beside(graph, el, [cx, cy, half], sides) {
  const gap = half + 3;
  const [w, h] = measure(graph, el);
  const centres = { left: [cx - gap - w / 2, cy], right: [cx + gap + w / 2, cy],
    top: [cx, cy - gap - h / 2], bottom: [cx, cy + gap + h / 2] };
  return sides.map((side) => rectAt(centres[side][0], centres[side][1], w, h));
}

/** The update phases' Δw labels, and the weights when they are switched on, on their edges. */
function placeEdgeLabels(graph, room) {
  const showWeights = graph.box.classList.contains("sv-weights-on");
  for (const kind of ["edge_text", "weight_text"]) {
    const on = kind === "edge_text" || showWeights;
    graph.labels[kind].forEach((el, n) => {
      if (!on || !el.textContent) return hide(el);
      room.putFirst(el, alongEdge(graph, el, n));
    });
  }
}

/** The spots for ``el`` on edge ``n``: its own place, then fractions along the edge. */
function alongEdge(graph, el, n) {
  const [x0, y0, x1, y1] = graph.places.edge_line[n];
  const [w, h] = measure(graph, el);
  return [graph.places.edge_text[n][0] - x0, ...ALONG_EDGE].map((t) => {
    const [cx, cy] = graph.toPixels(x0 + t * (x1 - x0), y0 + t * (y1 - y0));
    return rectAt(cx, cy, w, h);
  });
}

/** A label's [width, height] in px from its font and text on a canvas (no forced layout
 *  of the page), kept by kind and text until the fonts change. */
function measure(graph, el) {
  const key = `${el.className}|${el.textContent}`;
  if (!graph.sizes.has(key)) graph.sizes.set(key, textSize(graph, el));
  return graph.sizes.get(key);
}

/** [width, height] in px of a label's text, as the browser will draw it. */
function textSize(graph, el) {
  let font = graph.fonts.get(el.className);
  if (!font) {
    const style = getComputedStyle(el);
    const pad = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    font = { style, pad, height: parseFloat(style.fontSize) * 1.15 };
    graph.fonts.set(el.className, font);
  }
  return [textWidth(font.style, el.textContent) + font.pad, font.height];
}

/** The width in px of ``text`` in the font of computed style ``style``, measured on a
 *  canvas (no layout of the page): the one text measure of the view (labels, the units'
 *  width in presentation, a printout's characters). */
export function textWidth(style, text) {
  const context = (textWidth.canvas ||= document.createElement("canvas")).getContext("2d");
  context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  return context.measureText(text).width;
}
