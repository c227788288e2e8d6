// Search of the kzkg explorer, offline: every word of the query must occur in an entry's
// title, spellings or text (case and accents ignored). Entries come from search-index.js.
(function () {
  "use strict";
  const entries = window.KZKG_SEARCH || [];
  const input = document.getElementById("q");
  const results = document.getElementById("search-results");
  const status = document.getElementById("search-status");
  const LIMIT = 60;

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  const folded = entries.map((e) => ({ entry: e, title: fold(e.title), also: fold(e.also), text: fold(e.text) }));

  function score(item, words) {
    let total = 0;
    for (const word of words) {
      if (item.title.startsWith(word)) total += 8;
      else if (item.title.includes(word)) total += 5;
      else if (item.also.includes(word)) total += 3;
      else if (item.text.includes(word)) total += 1;
      else return 0;
    }
    return item.entry.kind === "claim" ? total : total + 2;
  }

  function excerpt(text, words) {
    const lower = fold(text);
    const at = Math.max(0, ...words.map((w) => lower.indexOf(w)));
    const start = Math.max(0, at - 60);
    return (start ? "…" : "") + text.slice(start, start + 200) + (text.length > start + 200 ? "…" : "");
  }

  function search() {
    const words = fold(input.value).split(/\s+/).filter(Boolean);
    results.replaceChildren();
    if (!words.length) {
      status.textContent = entries.length + " names, articles and claims to search.";
      return;
    }
    const found = folded
      .map((item) => [score(item, words), item.entry])
      .filter(([s]) => s > 0)
      .sort((a, b) => b[0] - a[0]);
    status.textContent = found.length
      ? found.length + " found" + (found.length > LIMIT ? ", the first " + LIMIT + " shown" : "")
      : "Nothing found for “" + input.value + "”.";
    for (const [, entry] of found.slice(0, LIMIT)) {
      const li = document.createElement("li");
      const kind = document.createElement("span");
      kind.className = "tag";
      kind.textContent = entry.kind;
      const a = document.createElement("a");
      a.href = entry.href;
      a.textContent = entry.title;
      li.append(kind, " ", a);
      const detail = entry.kind === "claim" ? "“" + excerpt(entry.text, words) + "”" : entry.also;
      if (detail) {
        const p = document.createElement("p");
        p.className = "muted small";
        p.textContent = detail;
        li.append(p);
      }
      results.append(li);
    }
  }

  input.value = new URLSearchParams(location.search).get("q") || "";
  input.addEventListener("input", () => {
    search();
    const address = new URL(location.href);
    address.search = input.value ? new URLSearchParams([["q", input.value]]).toString() : "";
    try {
      history.replaceState(null, "", address);
    } catch (error) {
      // Some browsers refuse to change a file:// address; the search works all the same.
    }
  });
  search();
})();
