// The tooltip over the network graph: the value of the node, weight or bias under the
// pointer, at the position shown.

/** Show ``id``'s value beside the pointer (event ``ev``), or hide the tip (no ``id``). */
export function hover(view, id, ev) {
  const tip = view.el(".sv-tip");
  if (!id || !view.graph || !view.graph.view) {
    tip.hidden = true;
    return;
  }
  tip.textContent = describe(view, id);
  tip.hidden = false;
  const box = view.el(".sv-graph").getBoundingClientRect();
  tip.style.left = `${Math.min(ev.clientX - box.left + 12, box.width - 180)}px`;
  tip.style.top = `${ev.clientY - box.top + 12}px`;
}

/** The tip's text: "h1 = 0.52"; "W1[0,2]  x1 → h3: w = 0.31 · Δw = 0.024" (Δw once the
 *  deltas are known); "b1[0]  bias of h1: b = 0.7". */
function describe(view, id) {
  const shown = view.graph.view;
  const names = view.data.names;
  const nodes = view.data.places.names;
  if (nodes.includes(id)) {
    const value = shown.node_text[nodes.indexOf(id)];
    return value ? `${id} = ${value}` : `${id}: not computed yet`;
  }
  const edge = view.data.figure.data[0].customdata.indexOf(id);
  if (edge >= 0) {
    const update = shown.edge_text[edge] ? ` · Δw = ${shown.edge_text[edge]}` : "";
    return `${id}  ${names[id]}: w = ${shown.weight_text[edge]}${update}`;
  }
  const bias = view.data.figure.data[1].customdata.indexOf(id);
  return `${id}  ${names[id]}: b = ${shown.bias_text[bias]}`;
}
