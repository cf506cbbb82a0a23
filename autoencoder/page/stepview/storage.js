// What the stepping view keeps in the browser: the URL (the state, for a reload or a
// shared link) and this tab's earlier states (its undo history, for after a reload).

/** Make the address bar carry the state: set or remove each parameter the page owns. */
export function writeUrl(params) {
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(params)) {
    if (value === null) url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
}

/** Keep this tab's earlier states (its undo history, as URL queries) in the browser's
 *  session storage, so that a reload can bring them back (bounded; the server checks
 *  each one as it checks any link). */
export function keepHistory(view, data) {
  const key = `autoencoder:history:${window.location.pathname}`;
  let kept = [];
  try { kept = JSON.parse(sessionStorage.getItem(key) || "[]"); } catch (e) { kept = []; }
  if (!Array.isArray(kept)) kept = [];
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const last = kept[kept.length - 1];
  if (!view.restoreTried) {
    view.restoreTried = true;
    if (data.history_len === 0 && last && same(last.q, data.url) && kept.length > 1) {
      // every earlier state kept (where presses were coalesced into one message, the
      // phases between are missing: Undo then skips them)
      const pasts = kept.slice(0, -1).filter((entry) => entry.n < last.n).map((e) => e.q);
      if (pasts.length) {
        kept = [...pasts.map((q, n) => ({ n, q })), { n: pasts.length, q: last.q }];
        view.component.setTriggerValue("restore", pasts);
        try { sessionStorage.setItem(key, JSON.stringify(kept)); } catch (e) { /* full */ }
        return;
      }
    }
  }
  kept = kept.filter((entry) => entry.n < data.history_len).slice(-99);
  kept.push({ n: data.history_len, q: data.url });
  try { sessionStorage.setItem(key, JSON.stringify(kept)); } catch (e) { /* full: keep none */ }
}
