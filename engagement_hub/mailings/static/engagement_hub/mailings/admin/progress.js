// The delivery report's progress bar: polls the mailing's counts every two
// seconds until it is done. A file, not an inline script, so the admin needs no
// 'unsafe-inline' for it.
(function () {
    "use strict";
    var box = document.getElementById("mailing-progress");
    if (!box || !window.fetch) {
        return;
    }
    var bar = document.getElementById("mailing-progress-bar");
    var DELAY = 2000;

    function show(data) {
        box.querySelectorAll("[data-field]").forEach(function (element) {
            var key = element.getAttribute("data-field");
            if (Object.prototype.hasOwnProperty.call(data, key)) {
                element.textContent = data[key];
            }
        });
        box.querySelectorAll("[data-show-while]").forEach(function (element) {
            element.hidden = !data[element.getAttribute("data-show-while")];
        });
        bar.max = Math.max(data.total, 1);
        bar.value = data.finished;
    }

    function update() {
        fetch(box.dataset.url, {credentials: "same-origin", cache: "no-store"})
            .then(function (response) {
                if (!response.ok) {
                    throw new Error(response.status);
                }
                return response.json();
            })
            .then(function (data) {
                show(data);
                if (!data.done) {
                    window.setTimeout(update, DELAY);
                }
            })
            .catch(function () {
                window.setTimeout(update, DELAY * 5);
            });
    }

    if (box.dataset.done !== "1") {
        window.setTimeout(update, DELAY);
    }
})();
