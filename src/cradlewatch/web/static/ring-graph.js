// Draws a ring's graph with the vendored Cytoscape.js from the page's own JSON twin:
// post nodes (darker = higher risk) and reason hubs, each edge labelled with its reason code.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  if (!box || typeof cytoscape === "undefined") { return; }
  fetch(box.dataset.source, { headers: { accept: "application/json" }, credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var cy = cytoscape({
        container: box,
        elements: data.elements,
        layout: { name: "cose", animate: false },
        style: [
          { selector: "node[kind = 'post']", style: { label: "data(label)", "background-color": "#b00020", "font-size": 8 } },
          { selector: "node[kind = 'reason']", style: { label: "data(code)", shape: "diamond", "background-color": "#1d2b3a", "font-size": 7 } },
          { selector: "edge", style: { width: 1, "line-color": "#888" } }
        ]
      });
      window.ringGraph = cy; // for scripts and the browser tests: what was drawn
      cy.on("tap", "node[kind = 'post']", function (event) {
        window.location.href = "/posts/" + encodeURIComponent(event.target.data("label"));
      });
    });
}());
