// Fitting the view to the screen it is on, so that nothing is cut off and nothing needs a
// sideways scroll: in presentation the graph takes the height the screen has left; an
// equation wider than its box wraps (at its clauses, then a matrix's columns in blocks,
// then a long sum at its + signs); printed arrays wrap the way numpy wraps them, at the
// width of their box (at most numpy's own 75 characters).

import { textWidth } from "./labels.js";

const MATHML = "http://www.w3.org/1998/Math/MathML";
const NUMPY_WIDTH = 75; // numpy's default linewidth: a wide box prints as the notebook does
const PREFIX = /^\s*(?:[A-Za-z_]\w*\()?\[*/; // "array([[", "       [", "[["

const GRAPH_SHARE = 0.58; // of the view's width, at most, for the graph in presentation
const LEAST_SHARE = 0.42; // what it may give up to a panel whose equation needs the room
const PHONE = "(max-width: 760px)"; // stepview.css: one column, the graph above the panel

/** Presentation and phones: the plot as high as the screen leaves below its top, the
 *  colour bar and key included; in presentation as wide as that height allows (the panel
 *  beside it takes the rest). */
export function fitGraphBox(view) {
  const root = view.el(".sv-root");
  const large = root.classList.contains("sv-large");
  let size = "";
  if (large || window.matchMedia(PHONE).matches) {
    const plot = view.el(".sv-plot");
    const below = view.el(".sv-colour-bar").offsetHeight + view.el(".sv-key").offsetHeight;
    const top = plot.getBoundingClientRect().top + scrolled(root);
    const room = Math.max(240, Math.floor(window.innerHeight - top - below - 8));
    // a screen taller than wide (a tablet upright): the graph above the panel, as in a phone
    const upright = large && root.clientWidth < room * 1.2;
    root.classList.toggle("sv-upright", upright);
    const height = upright ? Math.min(room, root.clientWidth) : room;
    const share = upright ? 1 : view.graphShare || GRAPH_SHARE;
    const width = Math.floor(Math.min(upright ? root.clientWidth : height, root.clientWidth * share));
    size = `${height}/${width}`;
    if (root.dataset.plotSize !== size) {
      root.style.setProperty("--sv-plot-h", `${height}px`);
      root.style.setProperty("--sv-plot-w", `${width}px`);
    }
  } else if (root.dataset.plotSize) {
    root.style.removeProperty("--sv-plot-h");
    root.style.removeProperty("--sv-plot-w");
  }
  root.dataset.plotSize = size;
}

/** Presentation: the phase's equation reaches below the screen, or still scrolls. */
export function panelTooBig(view, panel) {
  const root = view.el(".sv-root");
  if (!root.classList.contains("sv-large") || root.classList.contains("sv-upright")) return false;
  const boxes = panel.querySelectorAll(".sv-eq");
  if (!boxes.length) return false;
  const last = boxes[boxes.length - 1].getBoundingClientRect().bottom;
  return last > window.innerHeight || panel.querySelector(".sv-scrolls") !== null;
}

/** Give the panel more of the width (the graph less), if the graph can spare it. */
export function narrowerGraph(view) {
  const share = (view.graphShare || GRAPH_SHARE) - 0.04;
  if (share < LEAST_SHARE - 1e-9) return false;
  view.graphShare = share;
  fitGraphBox(view);
  return true;
}

/** How far the page (Streamlit scrolls its main area, not the document) is scrolled. */
function scrolled(el) {
  for (let node = el.parentElement; node; node = node.parentElement) {
    if (node.scrollTop) return node.scrollTop;
  }
  return document.scrollingElement ? document.scrollingElement.scrollTop : 0;
}

// --- equations ------------------------------------------------------------------------

function overflows(el) {
  return el.scrollWidth > el.clientWidth + 1;
}

function mathml(tag, children = []) {
  const el = document.createElementNS(MATHML, tag);
  el.append(...children);
  return el;
}

/** Every equation box in ``box`` made to fit its width (see the top of this file); one
 *  that still cannot (a phone narrower than one matrix block) scrolls, reachable by keyboard. */
export function fitEquations(box) {
  for (const holder of box.querySelectorAll(".sv-eq")) {
    if (!overflows(holder)) continue;
    holder.querySelectorAll("math.ae-eq").forEach(splitClauses);
    for (let blocks = 2; blocks <= 4 && overflows(holder); blocks++) splitMatrices(holder, blocks);
    if (overflows(holder)) holder.querySelectorAll("math.ae-eq").forEach(breakSums);
    // smaller type, but never in presentation, where the type's size is the point
    if (overflows(holder) && !holder.closest(".sv-large")) shrink(holder);
    const scrolls = overflows(holder);
    holder.classList.toggle("sv-scrolls", scrolls);
    if (scrolls) holder.tabIndex = 0;
  }
}

const isQuad = (el) => el.localName === "mspace" && el.getAttribute("width") === "1em";

/** An equation of several clauses ("W ← W + η aᵀδ, b ← b + η δ, η = 2") becomes one
 *  <math> per clause, which wrap like words. */
function splitClauses(math) {
  const row = [...math.querySelectorAll("mrow")].find((r) => [...r.children].some(isQuad));
  if (!row) return;
  for (let node = row.parentElement; node !== math; node = node.parentElement) {
    if (node.children.length !== 1) return; // the clauses are not all of the equation
  }
  const clauses = [[]];
  for (const child of [...row.children]) {
    if (isQuad(child)) clauses.push([]);
    else clauses[clauses.length - 1].push(child);
  }
  const wrap = document.createElement("div");
  wrap.className = "sv-clauses";
  for (const children of clauses.filter((c) => c.length)) {
    const part = math.cloneNode(false);
    part.append(mathml("mrow", children));
    wrap.append(part);
  }
  math.replaceWith(wrap);
}

/** Every matrix of more than ``blocks`` columns shown as ``blocks`` blocks of its columns,
 *  one under the other, each named by its columns (numpy prints wide arrays so). */
function splitMatrices(holder, blocks) {
  holder.querySelectorAll(".sv-blocks").forEach((done) => done.replaceWith(done.original));
  for (const matrix of holder.querySelectorAll("mrow.matrix")) {
    const columns = matrix.querySelector("mtr").children.length;
    if (columns <= blocks) continue;
    const per = Math.ceil(columns / blocks);
    const rows = [];
    for (let first = 0; first < columns; first += per) {
      const last = Math.min(first + per, columns);
      const part = matrix.cloneNode(true);
      part.querySelectorAll("mtr").forEach((tr) => {
        [...tr.children].forEach((td, n) => { if (n < first || n >= last) td.remove(); });
      });
      const label = mathml("mtext");
      label.className = "sv-columns";
      label.textContent = `columns ${first + 1}–${last}`;
      rows.push(mathml("mtr", [mathml("mtd", [mathml("mrow", [part, label])])]));
    }
    const table = mathml("mtable", rows);
    table.setAttribute("class", "sv-blocks");
    table.original = matrix;
    matrix.replaceWith(table);
  }
}

/** The last resort before a scrollbar: smaller type, to 70% at the least (a long note in
 *  words, a term longer than the box). */
function shrink(holder) {
  const maths = [...holder.querySelectorAll("math.ae-eq")]; // sized in rem in presentation
  const sizes = maths.map((m) => parseFloat(getComputedStyle(m).fontSize));
  let factor = 1;
  for (let tries = 0; tries < 4 && factor > 0.7 && overflows(holder); tries++) {
    const ratio = holder.clientWidth / holder.scrollWidth; // type and width are not in proportion
    factor = Math.max(0.7, Math.floor(factor * ratio * 97) / 100);
    maths.forEach((m, n) => { m.style.fontSize = `${(sizes[n] * factor).toFixed(2)}px`; });
  }
}

// where a long row may break: before a + or −, or before an = of a chain of equalities
const isSign = (el) => el.localName === "mo" && /^[+\u2212=-]$/.test(el.textContent.trim());

/** The longest row of terms joined by +, − or = goes on several lines, each as wide as
 *  the box allows, every line after the first starting with its sign. */
function breakSums(math) {
  const box = math.parentElement.getBoundingClientRect();
  // the room a row has: from where it starts (after its left-hand side) to the box's edge
  const room = (r) => (box.right - r.getBoundingClientRect().left) * 0.9;
  const rows = [...math.querySelectorAll("mrow")].filter(
    (r) => [...r.children].filter(isSign).length >= 2 && r.getBoundingClientRect().width > room(r));
  for (const row of rows.reverse()) { // the innermost first
    const width = room(row);
    const children = [...row.children];
    const widths = children.map((c) => c.getBoundingClientRect().width);
    const term = (n) => { // the width of the term that starts at sign n, up to the next sign
      let sum = widths[n];
      for (let k = n + 1; k < children.length && !isSign(children[k]); k++) sum += widths[k];
      return sum;
    };
    const lines = [[]];
    let used = 0;
    children.forEach((child, n) => {
      if (isSign(child) && used > 0 && used + term(n) > width) {
        lines.push([]);
        used = width * 0.08; // a continuation line is indented
      }
      lines[lines.length - 1].push(child);
      used += widths[n];
    });
    if (lines.length < 2) continue;
    const table = mathml("mtable", lines.map((line, n) => {
      const lead = n ? [mathml("mspace")] : [];
      if (n) lead[0].setAttribute("width", "1em");
      return mathml("mtr", [mathml("mtd", [mathml("mrow", [...lead, ...line])])]);
    }));
    table.setAttribute("columnalign", "left");
    table.setAttribute("class", "sv-lines");
    row.replaceChildren(table);
  }
}

// --- printed arrays -------------------------------------------------------------------

/** numpy's printout ``text`` wrapped at ``width`` characters as numpy wraps: a row's
 *  elements fill a line, the next line indented under the first element. Lines numpy
 *  itself wrapped are joined first, so any width can be asked for. */
export function wrapNumpy(text, width) {
  const out = [];
  for (const line of unwrapNumpy(text.split("\n"))) {
    const prefix = line.match(PREFIX)[0];
    // a word: its separating space, the number, and a comma numpy set apart by padding
    const words = line.slice(prefix.length).match(/ *\S+(?: +,)?/g);
    if (!words || line.length <= width) {
      out.push(line);
      continue;
    }
    const indent = " ".repeat(prefix.length);
    let current = prefix + words[0];
    for (const word of words.slice(1)) {
      if (current.length + word.length > width) {
        out.push(current);
        current = indent + word.slice(1); // the separating space ends the line before
      } else {
        current += word;
      }
    }
    out.push(current);
  }
  return out.join("\n");
}

/** numpy's lines with its own wrapping undone: a line that goes on an unfinished row
 *  (indented by the row's prefix, then a number) joins the one before it. */
function unwrapNumpy(lines) {
  const joined = [];
  let indent = 0; // the prefix length of the row being joined
  for (const line of lines) {
    const previous = joined[joined.length - 1];
    const goesOn = previous !== undefined && /[\d,.]$/.test(previous)
      && line.startsWith(" ".repeat(indent)) && /^\s+[-+\d.]/.test(line);
    if (goesOn && indent) {
      joined[joined.length - 1] = `${previous} ${line.slice(indent)}`;
    } else {
      joined.push(line);
      indent = line.match(PREFIX)[0].length;
    }
  }
  return joined;
}

/** Every printout in ``box`` (pre.sv-arrays, and the folded one once open) wrapped at its
 *  width in characters, measured once per box and size (fit.js's refit forgets it), so a
 *  new position only writes. */
export function wrapArrays(box) {
  for (const pre of box.querySelectorAll("pre")) {
    if (pre.original === undefined) pre.original = pre.textContent;
    const holder = pre.closest(".sv-panel, .sv-inspector") || box;
    if (!holder.printWidth) holder.printWidth = printWidth(pre);
    const width = holder.printWidth;
    if (!width || pre.wrappedAt === width) continue; // folded away: wrapped when opened
    pre.textContent = wrapNumpy(pre.original, width);
    pre.wrappedAt = width;
  }
}

/** How many characters a printout box holds (0 while it is folded away). */
function printWidth(pre) {
  if (!pre.clientWidth) return 0;
  const style = getComputedStyle(pre);
  const inner = pre.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const charWidth = textWidth(style, "0123456789") / 10;
  return Math.min(NUMPY_WIDTH, Math.max(8, Math.floor(inner / charWidth)));
}
