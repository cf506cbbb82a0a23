// Pictures of the network graph for slides, made in the browser from what is drawn:
// Plotly's SVG of the shapes, with the HTML labels written into it as SVG text, on the
// page's background; PNG through a canvas; the nine phases of a step as a zip of PNGs.

/** The graph as an SVG document (text), labels and background included. */
export async function graphSvg(graph) {
  const { width, height } = graph.plot._fullLayout;
  const url = await graph.Plotly.toImage(graph.plot, { format: "svg", width, height });
  const doc = new DOMParser().parseFromString(
    decodeURIComponent(url.slice(url.indexOf(",") + 1)), "image/svg+xml");
  const svg = doc.documentElement;
  const ns = "http://www.w3.org/2000/svg";
  const background = doc.createElementNS(ns, "rect");
  Object.entries({ x: 0, y: 0, width, height, fill: pageBackground(graph.box) })
    .forEach(([k, v]) => background.setAttribute(k, v));
  svg.insertBefore(background, svg.firstChild);
  for (const label of graph.overlay.querySelectorAll(".sv-label")) {
    const style = getComputedStyle(label);
    if (style.visibility !== "visible" || !label.textContent) continue;
    const [x, y] = (label.style.transform.match(/-?[\d.]+/g) || [0, 0]).map(Number);
    const size = parseFloat(style.fontSize);
    const text = doc.createElementNS(ns, "text");
    Object.entries({ x: x + parseFloat(style.paddingLeft || 0), y: y + size * 0.92,
      "font-size": size, "font-family": style.fontFamily, "font-weight": style.fontWeight,
      fill: style.color }).forEach(([k, v]) => text.setAttribute(k, v));
    text.textContent = label.textContent;
    svg.appendChild(text);
  }
  return new XMLSerializer().serializeToString(doc);
}

function pageBackground(el) {
  for (let node = el; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour && colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") return colour;
  }
  return "#ffffff";
}

/** The graph as a PNG Blob, at twice its pixels (crisp on a projector). */
export async function graphPng(graph, scale = 2) {
  const svg = await graphSvg(graph);
  const image = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  await new Promise((resolve, reject) => { image.onload = resolve; image.onerror = reject; image.src = url; });
  const canvas = document.createElement("canvas");
  canvas.width = image.width * scale;
  canvas.height = image.height * scale;
  canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
  URL.revokeObjectURL(url);
  return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
}

/** Offer ``blob`` as a download named ``name``. */
export function download(blob, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A little-endian record of ``size`` bytes: ``fields`` = [[offset, value, 2 or 4 bytes]]. */
function record(size, fields) {
  const bytes = new DataView(new ArrayBuffer(size));
  for (const [at, value, n] of fields) {
    if (n === 4) bytes.setUint32(at, value, true);
    else bytes.setUint16(at, value, true);
  }
  return bytes;
}

/** A zip archive (stored, no compression: PNGs are compressed already) of
 *  ``files`` = [{name, bytes: Uint8Array}], as a Blob. */
export function zip(files) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const { name, bytes } of files) {
    const nameBytes = new TextEncoder().encode(name);
    const crc = crc32(bytes);
    const local = record(30, [[0, 0x04034b50, 4], [4, 20, 2], [14, crc, 4], [18, bytes.length, 4],
      [22, bytes.length, 4], [26, nameBytes.length, 2]]);
    parts.push(local, nameBytes, bytes);
    const entry = record(46, [[0, 0x02014b50, 4], [4, 20, 2], [6, 20, 2], [16, crc, 4],
      [20, bytes.length, 4], [24, bytes.length, 4], [28, nameBytes.length, 2], [42, offset, 4]]);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + bytes.length;
  }
  const size = central.reduce((sum, part) => sum + part.byteLength, 0);
  const end = record(22, [[0, 0x06054b50, 4], [8, files.length, 2], [10, files.length, 2],
    [12, size, 4], [16, offset, 4]]);
  return new Blob([...parts, ...central, end], { type: "application/zip" });
}
