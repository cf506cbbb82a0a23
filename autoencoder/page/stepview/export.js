// Pictures of the network graph, made in the browser from what is drawn: Plotly's SVG of
// the shapes, with the HTML labels written into it as SVG text, on the page's background
// (slide.js lays it out on a slide); downloads; a zip of the nine phases' slides.

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

export function pageBackground(el) {
  for (let node = el; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour && colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") return colour;
  }
  return "#ffffff";
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

/** ``when`` as the zip format's (MS-DOS) time and date, local time, 2 s steps. */
export function dosDateTime(when) {
  const time = (when.getHours() << 11) | (when.getMinutes() << 5) | (when.getSeconds() >> 1);
  const date = ((when.getFullYear() - 1980) << 9) | ((when.getMonth() + 1) << 5) | when.getDate();
  return [time, date];
}

/** A zip archive (stored, no compression: PNGs are compressed already) of
 *  ``files`` = [{name, bytes: Uint8Array}], as a Blob; every entry dated ``when``. */
export function zip(files, when = new Date()) {
  const parts = [];
  const central = [];
  const [time, date] = dosDateTime(when);
  let offset = 0;
  for (const { name, bytes } of files) {
    const nameBytes = new TextEncoder().encode(name);
    const crc = crc32(bytes);
    const local = record(30, [[0, 0x04034b50, 4], [4, 20, 2], [10, time, 2], [12, date, 2],
      [14, crc, 4], [18, bytes.length, 4], [22, bytes.length, 4], [26, nameBytes.length, 2]]);
    parts.push(local, nameBytes, bytes);
    const entry = record(46, [[0, 0x02014b50, 4], [4, 20, 2], [6, 20, 2], [12, time, 2],
      [14, date, 2], [16, crc, 4], [20, bytes.length, 4], [24, bytes.length, 4],
      [28, nameBytes.length, 2], [42, offset, 4]]);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + bytes.length;
  }
  const size = central.reduce((sum, part) => sum + part.byteLength, 0);
  const end = record(22, [[0, 0x06054b50, 4], [8, files.length, 2], [10, files.length, 2],
    [12, size, 4], [16, offset, 4]]);
  return new Blob([...parts, ...central, end], { type: "application/zip" });
}
