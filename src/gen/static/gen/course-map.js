// The catalogue map: markers drawn on a canvas, tiles optional (the map works without them).
(function () {
  "use strict";
  var element = document.getElementById("course-map");
  if (!element || !window.L) return;
  var markers = JSON.parse(document.getElementById("course-markers").textContent);
  // SVG markers stay clickable elements; past a few thousand, a canvas keeps the map fluid.
  // People who ask their system for less motion get a map that does not fade or glide.
  var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var map = L.map(element, {
    preferCanvas: markers.length > 2000,
    zoomSnap: 0.5,
    fadeAnimation: !still,
    zoomAnimation: !still,
    markerZoomAnimation: !still,
  }).setView([46.6, 2.4], 5.5);
  var tilesUrl = element.dataset.tilesUrl;
  if (tilesUrl) {
    L.tileLayer(tilesUrl, { attribution: element.dataset.tilesAttribution, maxZoom: 18 }).addTo(map);
  }
  function escape(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }
  var dateFormat = new Intl.DateTimeFormat(document.documentElement.lang || "fr", { dateStyle: "long" });
  var bounds = [];
  markers.forEach(function (marker) {
    var next = marker.next_start
      ? element.dataset.nextLabel + " : " + dateFormat.format(new Date(marker.next_start))
      : element.dataset.noneLabel;
    L.circleMarker([marker.lat, marker.lon], {
      radius: 7, color: "#000091", weight: 2, fillColor: "#6a6af4", fillOpacity: 0.85,
    })
      .bindPopup(
        '<p class="fr-text--bold fr-mb-1v"><a href="' + encodeURI(marker.url) + '">' + escape(marker.title) + "</a></p>" +
        '<p class="fr-text--sm fr-mb-0">' + escape(marker.organisation) + " – " + escape(marker.town) + "<br>" + escape(next) + "</p>"
      )
      .addTo(map);
    bounds.push([marker.lat, marker.lon]);
  });
  // Frame mainland France when it has markers; overseas ones stay a zoom-out away.
  var mainland = bounds.filter(function (p) { return p[0] > 41 && p[0] < 51.5 && p[1] > -5.5 && p[1] < 10; });
  var framed = mainland.length ? mainland : bounds;
  if (framed.length) map.fitBounds(framed, { padding: [24, 24], maxZoom: 11 });
  element.dataset.ready = String(markers.length);
})();
