// Report form extras (the form works without them): refuse a 5th photo before upload, add the location only on request, ignore a second tap.
(function () {
  'use strict';
  var form = document.getElementById('report-form');
  if (!form) return;

  // Photos: the server refuses more than the limit anyway; checking here saves uploading megabytes for nothing.
  var input = document.getElementById('f-photos');
  var photoMsg = document.getElementById('f-photos-client');
  function tooManyPhotos() {
    if (!input || !input.files) return false;
    var room = Number(input.getAttribute('data-room') || '0');
    var n = input.files.length;
    var over = n > room;
    photoMsg.hidden = !over;
    photoMsg.textContent = over ? input.getAttribute('data-too-many').replace('{n}', String(n)) : '';
    input.setAttribute('aria-invalid', over ? 'true' : 'false');
    return over;
  }
  if (input) input.addEventListener('change', tooManyPhotos);

  // Location: the block is hidden without this script; nothing is read until the resident taps the button.
  var box = document.getElementById('location');
  if (box && 'geolocation' in navigator) {
    box.hidden = false;
    var add = document.getElementById('location-add');
    var clear = document.getElementById('location-clear');
    var status = box.querySelector('.location-status');
    var lat = form.elements.namedItem('lat');
    var lng = form.elements.namedItem('lng');
    add.addEventListener('click', function () {
      add.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          lat.value = pos.coords.latitude.toFixed(6);
          lng.value = pos.coords.longitude.toFixed(6);
          status.textContent = box.getAttribute('data-added') + ' (' + lat.value + ', ' + lng.value + ')';
          add.hidden = true;
          add.disabled = false;
          clear.hidden = false;
        },
        function () {
          status.textContent = box.getAttribute('data-failed');
          add.disabled = false;
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
      );
    });
    clear.addEventListener('click', function () {
      lat.value = '';
      lng.value = '';
      status.textContent = '';
      clear.hidden = true;
      add.hidden = false;
    });
  }

  // A second tap while the first post is on its way would only repeat it (the server keeps one item per form anyway).
  var sending = false;
  form.addEventListener('submit', function (e) {
    var removing = e.submitter && e.submitter.name === 'removePhoto';
    if (!removing && tooManyPhotos()) {
      e.preventDefault();
      input.focus();
      return;
    }
    if (sending) {
      e.preventDefault();
      return;
    }
    sending = true;
    form.classList.add('sending');
  });
  // Coming back with the Back button must not leave the form stuck.
  window.addEventListener('pageshow', function () {
    sending = false;
    form.classList.remove('sending');
  });
})();
