// The shapes of the network graph (edges, nodes, biases, the halo) as Plotly layout
// changes: the keys that turn one position's view into another's, and applying them to
// the SVG Plotly drew without a Plotly.relayout.

/** The relayout keys that turn view ``from`` (or nothing) into view ``to``; ``SHAPES``:
 *  where each kind of shape starts (figures.stepview.SHAPE_STARTS). */
export function shapeUpdate(from, to, SHAPES) {
  const out = {};
  const put = (name, first, key) => {
    const a = to[name];
    const b = from ? from[name] : null;
    a.forEach((value, i) => {
      if (!b || b[i] !== value) out[`shapes[${first + i}].${key}`] = value;
    });
  };
  put("edge_color", SHAPES.edge, "line.color");
  put("edge_width", SHAPES.edge, "line.width");
  put("edge_dash", SHAPES.edge, "line.dash");
  put("edge_opacity", SHAPES.edge, "opacity");
  put("node_fill", SHAPES.node, "fillcolor");
  put("node_line", SHAPES.node, "line.color");
  put("node_line_width", SHAPES.node, "line.width");
  put("bias_fill", SHAPES.bias, "fillcolor");
  put("bias_line", SHAPES.bias, "line.color");
  put("bias_line_width", SHAPES.bias, "line.width");
  return out;
}

/** The relayout keys that size shapes ``first`` onwards (the nodes and biases, squares
 *  centred on their anchors) to ``scale`` times their size in ``shapes``. */
export function sizeUpdate(shapes, first, scale, nodes = 0, stretch = 1) {
  const update = {};
  for (let i = first; i < shapes.length; i++) {
    const half = shapes[i].x1 * scale;
    Object.assign(update, centred(i, half));
    // the first ``nodes`` shapes (the units) as wide as their values need: ellipses
    if (i < first + nodes) update[`shapes[${i}].x0`] = -(update[`shapes[${i}].x1`] = half * stretch);
  }
  return update;
}

/** The relayout keys that show halo shape ``i`` around ``place`` ({x, y, size}, at
 *  ``scale``), or hide it (no place). */
export function haloUpdate(i, place, scale) {
  if (!place) return { [`shapes[${i}].visible`]: false };
  return { [`shapes[${i}].visible`]: true, [`shapes[${i}].xanchor`]: place.x,
    [`shapes[${i}].yanchor`]: place.y, ...centred(i, (place.size / 2) * scale) };
}

/** Shape i as a square of half side ``half`` px around its anchor. */
function centred(i, half) {
  return { [`shapes[${i}].x0`]: -half, [`shapes[${i}].x1`]: half,
    [`shapes[${i}].y0`]: -half, [`shapes[${i}].y1`]: half };
}

/** Apply shape style changes (``shapeUpdate`` keys) to ``plot``. Plotly.relayout costs
 *  2-20 ms a call here whatever changed (a changed line width re-runs its calc step), so
 *  the SVG paths Plotly drew get the new style directly, and the same values go into the
 *  figure's layout, so that any later Plotly redraw (a resize) draws the same. */
export function restyleShapes(plot, update) {
  const shapes = plot.layout.shapes;
  const touched = new Set();
  for (const [key, value] of Object.entries(update)) {
    const [, index, path] = key.match(/^shapes\[(\d+)\]\.(.+)$/);
    const shape = shapes[+index];
    if (path.startsWith("line.")) shape.line[path.slice(5)] = value;
    else shape[path] = value;
    touched.add(+index);
  }
  const drawn = drawnShapes(plot);
  for (const index of touched) {
    const el = drawn.get(index);
    if (el) styleShape(el, shapes[index]);
  }
}

/** The SVG path of each drawn shape, by its index (Plotly's data-index). */
function drawnShapes(plot) {
  const found = new Map();
  plot.querySelectorAll(".shapelayer path[data-index]").forEach((el) => {
    found.set(+el.getAttribute("data-index"), el);
  });
  return found;
}

/** An SVG shape path styled as Plotly styles it (colour, width, dash, fill, opacity). */
function styleShape(el, shape) {
  const { color, width, dash } = shape.line;
  el.style.stroke = color;
  el.style.strokeWidth = `${width}px`;
  const gap = 3 * Math.max(width, 3); // Plotly's "dash": 3 line widths, at least 9 px
  el.style.strokeDasharray = dash === "dash" ? `${gap}px, ${gap}px` : "";
  el.style.opacity = shape.opacity === undefined ? 1 : shape.opacity;
  if (shape.fillcolor && shape.type !== "line") el.style.fill = shape.fillcolor;
}
