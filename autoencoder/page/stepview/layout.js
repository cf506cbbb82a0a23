// The stepping view's elements. Each carries the stable class of docs/design.md's page keys
// (st-key-status, st-key-next_phase holding a button, st-key-network holding the Plotly
// graph, st-key-phase_detail, ...), so tests and users find them as before.

export const LAYOUT = `
<div class="sv-root">
  <div class="st-key-status" role="status" aria-live="polite"><strong></strong><div class="sv-caption-line"></div></div>
  <div class="sv-buttons">
      <div class="st-key-prev_phase"><button type="button" title="Undo (← or PgUp)">↶ Undo</button></div>
      <div class="st-key-next_phase"><button type="button" class="sv-primary" title="→ or PgDn"></button></div>
      <div class="st-key-full_step"><button type="button" title="S">Full step</button></div>
  </div>
  <div class="sv-scrub">
      <label class="st-key-phase_scrubber">Phase
        <input type="range" min="0" max="9" step="1" value="0" aria-label="phase of the step">
      </label>
      <span class="sv-scrub-name"></span>
      <span class="st-key-play_step"><button type="button">Play the step</button>
        <select aria-label="seconds per phase">
          <option value="0.5">0.5 s</option><option value="1" selected>1 s</option>
          <option value="2">2 s</option><option value="3">3 s</option>
        </select></span>
  </div>
  <div class="sv-main">
    <div class="st-key-network">
      <div class="sv-graph">
        <div class="sv-plot"></div>
        <div class="sv-labels"></div>
        <div class="sv-tip" hidden></div>
        <div class="sv-colour-bar"><span>weight</span><span class="sv-bar-colours"></span>
          <span class="sv-ticks"><span>≤−3</span><span>0</span><span>≥3</span></span></div>
        <div class="sv-key"></div>
      </div>
      <div class="sv-graph-foot">
        <label class="st-key-weight_labels"><input type="checkbox"> Weight values on the edges</label>
        <span class="sv-hint"></span>
        <span class="sv-pictures">Picture:
          <span class="st-key-graph_png"><button type="button" title="A 16:9 slide of this phase (graph, equation, colour key), 1920×1080 PNG">PNG</button></span>
          <span class="st-key-graph_png2"><button type="button" title="The same slide at twice the pixels, 3840×2160 PNG">PNG 2×</button></span>
          <span class="st-key-graph_svg"><button type="button" title="The same slide as SVG">SVG</button></span>
          <span class="st-key-slides_zip"><button type="button" title="The nine phases of this step, one 1920×1080 slide each">9 phases (zip)</button></span>
        </span>
      </div>
    </div>
    <div class="sv-side">
      <div class="st-key-selected_element" hidden>
        <div class="st-key-clear_selected"><button type="button" title="Clear selection">× Clear</button></div>
        <div class="sv-inspector"></div>
      </div>
      <div class="st-key-phase_detail"><div class="sv-panel"></div><div class="sv-panel sv-stage" aria-hidden="true"></div></div>
    </div>
  </div>
</div>`;
