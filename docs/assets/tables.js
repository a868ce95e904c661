// Sort and filter the tables marked data-sortable (the table of states). Self-hosted, no dependency, no
// request: without JavaScript the table is complete and readable as it is.
(function () {
  function key(cell) {
    var value = cell.getAttribute("data-sort") || cell.textContent.trim();
    return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value.toLowerCase();
  }
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var input = document.createElement("input");
    input.type = "search";
    input.id = table.id + "-filter";
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.textContent = "Filter the table: ";
    var status = document.createElement("p");
    status.className = "table-filter-status";
    status.setAttribute("role", "status");
    var form = document.createElement("div");
    form.className = "table-filter";
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(status);
    var holder = table.closest(".matrix-scroll") || table;
    holder.parentNode.insertBefore(form, holder);
    input.addEventListener("input", function () {
      var words = input.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var hit = row.textContent.toLowerCase().indexOf(words) !== -1;
        row.hidden = !hit;
        shown += hit ? 1 : 0;
      });
      status.textContent = shown + " of " + rows.length + " rows shown";
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = key(a.cells[column]), y = key(b.cells[column]);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
