// Filters for lists of claims (the claims page, entity pages): each <select data-filter=KEY>
// keeps the items whose data-KEY holds the chosen value; groups left empty are hidden. Offline:
// no request. Without this script the form stays hidden and every claim is shown.
(function () {
  "use strict";
  for (const form of document.querySelectorAll("form.filters")) {
    const scope = form.closest("section.claims-block") || document;
    const selects = [...form.querySelectorAll("select[data-filter]")];
    const items = [...scope.querySelectorAll(".claim-item")];
    const groups = [...scope.querySelectorAll("[data-group]")];
    const shown = form.querySelector(".shown");

    function apply() {
      const wanted = selects.filter((s) => s.value).map((s) => [s.dataset.filter, s.value]);
      let count = 0;
      for (const item of items) {
        const keep = wanted.every(([key, value]) => (item.dataset[key] || "").split(" ").includes(value));
        item.hidden = !keep;
        if (keep) count += 1;
      }
      for (const group of groups) group.hidden = !group.querySelector(".claim-item:not([hidden])");
      shown.textContent = count + " of " + items.length + " claims shown";
      if (form.dataset.remember === undefined) return;
      const address = new URL(location.href);
      for (const s of selects) {
        if (s.value) address.searchParams.set(s.dataset.filter, s.value);
        else address.searchParams.delete(s.dataset.filter);
      }
      history.replaceState(null, "", address);
    }

    const asked = new URLSearchParams(form.dataset.remember === undefined ? "" : location.search);
    for (const s of selects) {
      const value = asked.get(s.dataset.filter);
      if (value && [...s.options].some((o) => o.value === value)) s.value = value;
      s.addEventListener("change", apply);
    }
    form.hidden = false;
    apply();
  }
})();
