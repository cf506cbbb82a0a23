// A 16:9 slide of the phase shown, for a lecturer's deck: the phase's title and the status
// along the top, the graph as drawn (labels included) on the left with its colour key under
// it, the phase's sentence and equation with its numbers on the right, in the theme shown.
// An SVG of 1920x1080 (the equation as MathML in a foreignObject), and a PNG drawn from it.

import { graphSvg, pageBackground } from "./export.js";
import { fitEquations } from "./fit.js";

export const SLIDE = { width: 1920, height: 1080 };
const GRAPH_BOX = { x: 40, y: 150, width: 900, height: 800 };
const TEXT_BOX = { x: 980, y: 160, width: 900, height: 880 };
const XHTML = "http://www.w3.org/1999/xhtml";

const escapeXml = (text) => text.replace(/[&<>"]/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot" }[c]};`);

/** The slide of ``position`` (the graph must show it) as SVG text. */
export async function slideSvg(view, position) {
  const root = view.el(".sv-root");
  const colour = getComputedStyle(root).color;
  const background = pageBackground(view.el(".sv-graph"));
  const font = getComputedStyle(root).fontFamily.replace(/"/g, "'");
  const panel = new DOMParser().parseFromString(position.panel, "text/html");
  const title = panel.querySelector("h4").textContent;
  const graph = new DOMParser().parseFromString(await graphSvg(view.graph), "image/svg+xml").documentElement;
  const { width, height } = view.graph.plot._fullLayout;
  Object.entries({ ...GRAPH_BOX, viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "xMidYMid meet" })
    .forEach(([k, v]) => graph.setAttribute(k, v));
  const text = (x, y, size, words, weight = 400) => `<text x="${x}" y="${y}" font-size="${size}" `
    + `font-weight="${weight}" font-family="${font}" fill="${colour}">${escapeXml(words)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SLIDE.width}" height="${SLIDE.height}" `
    + `viewBox="0 0 ${SLIDE.width} ${SLIDE.height}">`
    + `<rect width="100%" height="100%" fill="${background}"/>`
    + text(60, 78, 46, title, 700)
    + text(60, 126, 28, position.status)
    + new XMLSerializer().serializeToString(graph)
    + colourKey(view, text)
    + `<foreignObject x="${TEXT_BOX.x}" y="${TEXT_BOX.y}" width="${TEXT_BOX.width}" height="${TEXT_BOX.height}">`
    + equationXhtml(view, panel, colour, font)
    + "</foreignObject></svg>";
}

/** The weight colour bar and the key line under the graph. */
function colourKey(view, text) {
  const stops = view.data.colour_bar.stops
    .map(([t, c]) => `<stop offset="${t}" stop-color="${c}"/>`).join("");
  const y = GRAPH_BOX.y + GRAPH_BOX.height + 20;
  const x = GRAPH_BOX.x + GRAPH_BOX.width / 2 - 200;
  return `<defs><linearGradient id="sv-weights">${stops}</linearGradient></defs>`
    + text(x - 110, y + 20, 26, "weight")
    + `<rect x="${x}" y="${y}" width="400" height="24" rx="3" fill="url(#sv-weights)"/>`
    + text(x, y + 54, 22, "≤−3") + text(x + 193, y + 54, 22, "0") + text(x + 370, y + 54, 22, "≥3")
    + text(GRAPH_BOX.x, y + 94, 24, view.el(".sv-key").textContent);
}

/** The panel's sentence and equations as XHTML, fitted (fit.js) to the slide's text box
 *  by laying them out once off the screen. */
function equationXhtml(view, panel, colour, font) {
  const box = document.createElement("div");
  const style = `${view.data.equation_css}\n.sv-clauses { display: flex; flex-wrap: wrap; `
    + "justify-content: center; column-gap: 1em; } .sv-clauses > math { margin: 0; } "
    + "mtext.sv-columns { font-size: 0.7em; } p { margin: 0 0 0.6em; font-size: 0.8em; } "
    + ".sv-eq, .sv-eq math { overflow: visible !important; max-width: none !important; } "
    + "mtable.sv-lines > mtr > mtd { text-align: left; }";
  const look = (size) => `font-size: ${size}px; line-height: 1.35; color: ${colour}; font-family: ${font};`;
  document.body.append(box);
  for (const size of [34, 30, 26, 23, 20]) { // the largest type whose layout fits the box
    box.style.cssText = `position: fixed; left: -20000px; top: 0; width: ${TEXT_BOX.width}px; ${look(size)}`;
    box.innerHTML = `<style>${style}</style>`;
    for (const part of panel.querySelectorAll(".sv-lead, .sv-eq")) box.append(document.importNode(part, true));
    fitEquations(box);
    const scrolls = box.querySelector(".sv-scrolls") !== null;
    if (!scrolls && box.scrollHeight <= TEXT_BOX.height * 0.95) break;
  }
  box.setAttribute("style", look(parseFloat(box.style.fontSize)));
  box.setAttribute("xmlns", XHTML);
  const xhtml = new XMLSerializer().serializeToString(box);
  box.remove();
  return xhtml;
}

/** The slide as a PNG Blob, ``scale`` times 1920x1080 (through a data: URL, which keeps
 *  the canvas readable with a foreignObject in the picture). */
export async function slidePng(svg, scale = 1) {
  const image = new Image();
  await new Promise((resolve, reject) => {
    image.onload = resolve;
    image.onerror = reject;
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
  const canvas = document.createElement("canvas");
  canvas.width = SLIDE.width * scale;
  canvas.height = SLIDE.height * scale;
  canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
}
