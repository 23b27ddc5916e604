// Check-in pages: fill in the phone's location when the browser gives it quickly; never hold up the check-in for it.
(function () {
  var form = document.getElementById('check-in-form');
  if (!form || !navigator.geolocation) return;
  navigator.geolocation.getCurrentPosition(
    function (p) {
      form.elements.lat.value = String(p.coords.latitude);
      form.elements.lng.value = String(p.coords.longitude);
    },
    function () {},
    { enableHighAccuracy: true, timeout: 8000, maximumAge: 60000 },
  );
})();
