function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = new URL("plotly.min.js", import.meta.url).href;
    s.onload = () => resolve(window.Plotly);
    s.onerror = reject;
    document.head.appendChild(s);
  });
}
export default function (component) {
  const { parentElement, data, setStateValue } = component;
  let root = parentElement.querySelector(".proto");
  if (!root) {
    root = document.createElement("div"); root.className = "proto";
    root.innerHTML = '<div class="st-key-status"></div><div class="st-key-next_phase"><button>Next</button></div><div class="g" style="height:300px"></div>';
    parentElement.appendChild(root);
    root.querySelector("button").onclick = () => { root._n = (root._n||0)+1; root.querySelector(".st-key-status").textContent = "local " + root._n; setStateValue("pos", {n: root._n}); };
    loadPlotly().then(P => P.newPlot(root.querySelector(".g"), [{x:[1,2],y:[1,2]}], {}));
  }
  root.dataset.server = JSON.stringify(data);
  console.log("render", JSON.stringify(data), import.meta.url);
}
