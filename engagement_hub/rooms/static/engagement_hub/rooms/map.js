/* The room map: Leaflet from the hub's static files, tiles from the configured
   server. The list of rooms above is the accessible alternative. */
(function () {
  "use strict";
  var element = document.getElementById("room-map");
  var data = document.getElementById("room-map-markers");
  if (!element || !data || !window.L) { return; }
  var markers = JSON.parse(data.textContent);
  var map = L.map(element, { keyboard: true, scrollWheelZoom: false });
  L.tileLayer(element.dataset.tiles, {
    maxZoom: 18,
    attribution: element.dataset.attribution || ""
  }).addTo(map);
  var bounds = [];
  markers.forEach(function (item) {
    var marker = L.marker([item.lat, item.lon], { title: item.title, alt: item.title, keyboard: true });
    var link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.title;
    marker.bindPopup(link);
    marker.addTo(map);
    bounds.push([item.lat, item.lon]);
  });
  if (bounds.length) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 15 }); }
  else { map.setView([53.3294, 11.4978], 13); }
}());
