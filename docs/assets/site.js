// Small behaviours for every page, in a file (no inline script: the site can send a strict
// Content-Security-Policy). Without JavaScript every page is complete; these only add shortcuts.
(function () {
  document.documentElement.classList.add("js");

  // Home: "Has my country signed?" A type-ahead over the names of every state; choosing one opens its page.
  // Without JavaScript the field stays hidden and the link to the table of every state does the job.
  var input = document.getElementById("country-lookup");
  var list = document.getElementById("country-lookup-names");
  if (input && list) {
    var label = document.querySelector('label[for="country-lookup"]');
    input.hidden = false;
    if (label) label.hidden = false;
    var find = function (prefix) {
      var value = input.value.trim().toLowerCase();
      if (!value) return null;
      var options = Array.prototype.slice.call(list.options);
      return options.filter(function (o) { return o.value.toLowerCase() === value; })[0] ||
        (prefix ? options.filter(function (o) { return o.value.toLowerCase().indexOf(value) === 0; })[0] : null) || null;
    };
    var go = function (option) { if (option) window.location.href = option.getAttribute("data-href"); };
    // A choice from the list (no inputType, or a replacement) goes at once; typing goes on Enter.
    input.addEventListener("input", function (event) {
      if (!event.inputType || event.inputType === "insertReplacementText") go(find(false));
    });
    input.addEventListener("change", function () { go(find(false)); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); go(find(true)); }
    });
  }

  // A table wider than the screen scrolls inside its box (Material's tables do): one that scrolls is made
  // reachable from the keyboard, so it can be scrolled without a mouse (tables with links already are).
  var reachable = function () {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset table:not([class])"), function (t) {
      if (t.scrollWidth > t.clientWidth + 1) t.setAttribute("tabindex", "0");
      else if (t.getAttribute("tabindex") === "0") t.removeAttribute("tabindex");
    });
  };
  reachable();
  window.addEventListener("resize", reachable);

  // Print: folded parts ("How we know", "show all") print open, and close again afterwards.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.setAttribute("open", "");
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.removeAttribute("open"); });
    opened = [];
  });
})();
