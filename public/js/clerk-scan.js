// Counter camera scanning (progressive enhancement; typing the code always works). Uses the browser's BarcodeDetector
// where it exists, else loads the self-hosted barcode-detector polyfill (ZXing WebAssembly) — only on this page, only
// when the clerk presses 扫码. A code read fills the form and submits it, exactly as if it had been typed.
(function () {
  var box = document.getElementById('scan');
  if (!box) return;
  var button = box.querySelector('[data-scan-start]');
  var stop = box.querySelector('[data-scan-stop]');
  var video = box.querySelector('video');
  var note = box.querySelector('[data-scan-note]');
  var form = document.getElementById('code-form');
  var input = form && form.querySelector('input[name=code]');
  if (!button || !video || !input || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  box.hidden = false;
  var stream = null;
  var running = false;

  function loadPolyfill() {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = box.getAttribute('data-polyfill');
      s.nonce = box.getAttribute('data-nonce') || '';
      s.onload = function () {
        var api = window.BarcodeDetectionAPI;
        if (!api) return reject(new Error('polyfill missing'));
        var wasm = box.getAttribute('data-wasm');
        // Never the CDN the polyfill defaults to: the .wasm comes from this server.
        api.prepareZXingModule({ overrides: { locateFile: function (path, prefix) { return path.endsWith('.wasm') ? wasm : prefix + path; } }, fireImmediately: true });
        resolve(api.BarcodeDetector);
      };
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  function detectorClass() {
    if ('BarcodeDetector' in window) {
      return window.BarcodeDetector.getSupportedFormats().then(function (f) { return f.indexOf('qr_code') >= 0 ? window.BarcodeDetector : loadPolyfill(); }, loadPolyfill);
    }
    return loadPolyfill();
  }
  window.anlinScanDetector = detectorClass;

  function end() {
    running = false;
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    video.hidden = true;
    if (stop) stop.hidden = true;
  }

  button.addEventListener('click', function () {
    detectorClass().then(function (Detector) {
      var detector = new Detector({ formats: ['qr_code'] });
      return navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then(function (s) {
        stream = s;
        video.srcObject = s;
        video.hidden = false;
        if (stop) stop.hidden = false;
        running = true;
        return video.play().then(function () {
          (function tick() {
            if (!running) return;
            detector.detect(video).then(function (codes) {
              if (codes.length && codes[0].rawValue) {
                end();
                input.value = codes[0].rawValue;
                form.submit();
              } else setTimeout(tick, 250);
            }, function () { setTimeout(tick, 500); });
          })();
        });
      });
    }).catch(function () {
      end();
      if (note) note.hidden = false;
    });
  });
  if (stop) stop.addEventListener('click', end);
})();
