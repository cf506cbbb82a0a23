"""What the lecture-screen tests measure in the page, as JavaScript run by Playwright: the
parts a lecturer needs on one screen, their type sizes against the screen's height, and
text that an element cuts off (see tests/test_browser_screen.py)."""

# One screen: every one of these lies inside the viewport (the graph's labels, the panel's
# title and equations are checked one by one).
ON_SCREEN = [
    ".st-key-status strong",
    ".sv-caption-line",
    ".st-key-prev_phase button",
    ".st-key-next_phase button",
    ".st-key-full_step button",
    ".st-key-network .sv-plot",
    ".sv-colour-bar",
    ".sv-key",
    ".st-key-phase_detail h4",
    ".st-key-phase_detail .sv-eq",
]
# The share of the viewport's height the type must have (issue: legible from the back row).
LARGE_TYPE = {  # 2.5%
    "status": ".st-key-status strong",
    "node value": ".sv-label.sv-node-text",
    "node name": ".sv-label.sv-node-name",
    "next button": ".st-key-next_phase button",
    "equation": ".st-key-phase_detail math mn",  # its numbers, in scripts too
}
SMALL_TYPE = {  # 1.8%
    "edge label": ".sv-label.sv-edge-text",
    "bias label": ".sv-label.sv-bias-text",
    "column header": ".sv-label.sv-headers",
    "caption": ".sv-caption-line, .sv-key, .sv-colour-bar, .st-key-phase_detail .sv-lead",
}

# WCAG relative luminance of a CSS rgb() colour, for the two contrast checks below.
LUMINANCE = r"""const lum = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);"""

PROBLEMS = r"""([onScreen, large, small]) => {
  const H = innerHeight, W = innerWidth, bad = [];
  const shown = (el) => {
    const s = getComputedStyle(el);
    if (s.visibility !== 'visible' || s.display === 'none') return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const inside = (what, el) => {
    const r = el.getBoundingClientRect();
    if (r.left < -0.5 || r.top < -0.5 || r.right > W + 0.5 || r.bottom > H + 0.5)
      bad.push(`${what} outside the screen: ${[r.left, r.top, r.right, r.bottom].map(Math.round)}`);
  };
  for (const sel of onScreen) {
    const all = [...document.querySelectorAll(sel)].filter(shown);
    if (!all.length) bad.push(`${sel} missing`);
    all.forEach((el) => inside(sel, el));
  }
  document.querySelectorAll('.sv-label').forEach((el) => {
    if (shown(el) && el.textContent) inside(`label ${el.textContent}`, el);
  });
  const plot = document.querySelector('.st-key-network .sv-plot').getBoundingClientRect();
  for (const shape of document.querySelectorAll('.st-key-network .shapelayer path')) {
    const r = shape.getBoundingClientRect();
    if (r.width && (r.top < plot.top - 1 || r.bottom > plot.bottom + 1)) bad.push('a shape outside the graph');
  }
  const typeAtLeast = (table, share) => {
    for (const [what, sel] of Object.entries(table)) {
      for (const el of document.querySelectorAll(sel)) {
        if (!shown(el) || !el.textContent.trim()) continue;
        const px = parseFloat(getComputedStyle(el).fontSize);
        if (px < share * H - 0.05) { bad.push(`${what} ${px.toFixed(1)}px < ${(share * H).toFixed(1)}px`); break; }
      }
    }
  };
  LUMINANCE
  const node = document.querySelector('.sv-label.sv-node-text');  // on the lightest fill, #f7f7f7
  if ((lum('rgb(247,247,247)') + 0.05) / (lum(getComputedStyle(node).color) + 0.05) < 4.5)
    bad.push(`node values in ${getComputedStyle(node).color} on the light node fill`);
  typeAtLeast(large, 0.025);
  typeAtLeast(small, 0.018);
  return bad;
}""".replace("LUMINANCE", LUMINANCE)

# Text that a box hides part of: a line of text reaching past the edge of a box that clips
# (overflow hidden, or a scroll box with its scrollbar hidden or not), or cut by an
# ellipsis. The visually hidden skip link, Plotly's own SVG and a folded sidebar are not
# text on the screen.
CLIPPED = """(scope) => {
  const bad = [];
  const skip = '[aria-hidden=true], .js-plotly-plot, [data-testid=stSidebar][aria-expanded=false], [data-testid=stSidebar][data-collapsed=true]';
  for (const root of document.querySelectorAll(scope)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const el = t.parentElement;
      if (!t.textContent.trim() || !el || el.closest(skip)) continue;
      const range = document.createRange();
      range.selectNodeContents(t);
      const r = range.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      const own = getComputedStyle(el);
      if (own.visibility !== 'visible') continue;
      let cut = own.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1;
      for (let a = el; a && !cut && a !== document.documentElement; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible') continue;
        if (a.clientWidth < 4) { cut = null; break; }  // visually hidden on purpose
        const c = a.getBoundingClientRect();
        cut = r.right > c.right + 1 || r.left < c.left - 1;
      }
      if (cut) bad.push(`${el.tagName.toLowerCase()}: ${t.textContent.trim().slice(0, 50)}`);
    }
  }
  if (document.documentElement.scrollWidth > innerWidth + 1) bad.push('the page scrolls sideways');
  return [...new Set(bad)];
}"""

# The contrast of the caption under the status against the page (WCAG's formula).
CAPTION_CONTRAST = r"""() => {
  LUMINANCE
  let node = document.querySelector('.sv-caption-line');
  const fg = lum(getComputedStyle(node).color);
  let bg = null;
  for (; node && !bg; node = node.parentElement) {
    const c = getComputedStyle(node).backgroundColor;
    if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') bg = c;
  }
  const b = lum(bg || 'rgb(255,255,255)');
  return (Math.max(fg, b) + 0.05) / (Math.min(fg, b) + 0.05);
}""".replace("LUMINANCE", LUMINANCE)
