// The intelligence link chart: draws the network the page's JSON describes with cytoscape.js.
// Progressive enhancement: the page lists the same nodes and links in tables without JavaScript.
import cytoscape from "../vendor/cytoscape.esm.min.mjs";

const COLOURS = {
  person: "#d4351c",
  vehicle: "#1d70b8",
  location: "#00703c",
  phone: "#4c2c92",
  online_account: "#f47738",
  child: "#0b0c0c",
};

// Cytoscape injects a <style> element (position: relative on its container) unless one with this id
// exists; the site's CSP forbids inline styles, and app.scss already positions .app-link-chart, so an
// empty marker stands in for it.
function markCytoscapeStylesheetPresent() {
  if (!document.getElementById("__________cytoscape_stylesheet")) {
    const marker = document.createElement("meta");
    marker.id = "__________cytoscape_stylesheet";
    document.head.append(marker);
  }
}

async function draw(container) {
  const response = await fetch(container.dataset.source, { credentials: "same-origin" });
  if (!response.ok) {
    container.textContent = "The link chart could not be loaded. The tables below list the same network.";
    return;
  }
  const network = await response.json();
  const chart = cytoscape({
    container,
    elements: [
      ...network.nodes.map((node) => ({ data: { ...node, colour: COLOURS[node.kind] || "#505a5f" } })),
      ...network.edges.map((edge) => ({ data: { id: `${edge.source}--${edge.target}`, ...edge } })),
    ],
    style: [
      {
        selector: "node",
        style: {
          "background-color": "data(colour)",
          label: "data(label)",
          "font-size": 11,
          "text-valign": "bottom",
          "text-margin-y": 4,
        },
      },
      { selector: "node[?focus]", style: { "border-width": 4, "border-color": "#ffdd00" } },
      { selector: "edge", style: { width: "mapData(weight, 1, 5, 1, 5)", "line-color": "#b1b4b6" } },
    ],
    layout: { name: "cose", animate: false },
    // A chart of one or two nodes must not zoom them to fill the box.
    minZoom: 0.2,
    maxZoom: 1.5,
  });
  chart.on("tap", "node", (event) => {
    const url = event.target.data("url");
    if (url) window.location.assign(url);
  });
  container.dataset.ready = "true";
}

markCytoscapeStylesheetPresent();
for (const container of document.querySelectorAll("[data-link-chart]")) {
  draw(container);
}
