// Small enhancements of the pages' forms; each works without it. A range input shows its number in the <output>
// that names it (for="..."), as the slider moves (the as-of slider's form is still sent with its button, so the
// arrow keys can move it step by step).
(function () {
    "use strict";

    function start() {
        document.querySelectorAll("output[for]").forEach(function (output) {
            var input = document.getElementById(output.htmlFor.value || output.getAttribute("for"));
            if (!input || input.type !== "range") {
                return;
            }
            var decimals = (input.step || "1").indexOf(".") >= 0 ? 2 : 0;
            input.addEventListener("input", function () {
                output.textContent = Number(input.value).toFixed(decimals);
            });
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
    // live.js swapped in a fresh <main> (the debate changed): draw again from its data
    document.addEventListener("ledger:refreshed", start);
}());
