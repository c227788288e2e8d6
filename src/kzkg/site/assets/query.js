// The query page of the kzkg explorer: canned examples with their parameters, answers as a
// table whose kz: IRIs link to this site's pages. Requests go only to this page's own server.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kzkg-catalogue").textContent);
  const byName = new Map(data.queries.map((q) => [q.name, q]));
  const form = document.getElementById("query-form");
  const example = document.getElementById("example");
  const about = document.getElementById("example-about");
  const fieldset = document.getElementById("parameters");
  const fields = document.getElementById("parameter-fields");
  const editor = document.getElementById("sparql");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const served = document.body.classList.contains("served");
  const KZ = data.prefixes.kz;
  const PAGED = new Set(["person", "org", "group", "place", "event", "article"]);

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function choose(name, values) {
    const query = byName.get(name);
    example.value = query ? name : "";
    fields.replaceChildren();
    fieldset.hidden = !query || query.parameters.length === 0;
    about.textContent = query ? query.description : "Any SELECT, ASK or CONSTRUCT query.";
    editor.value = query ? query.sparql : data.free;
    if (!query) return;
    for (const p of query.parameters) {
      const id = "p-" + p.name;
      const row = el("p", { class: "parameter" });
      const label = el("label", { for: id });
      label.append(el("code", {}, p.name), " " + p.kind + " — " + p.about);
      const input = el("input", { id: id, name: "p." + p.name, type: "text" });
      input.placeholder = p.default === "UNDEF" ? "any" : p.default;
      input.value = (values && values.get(p.name)) || "";
      row.append(label, input);
      fields.append(row);
    }
  }

  function compact(iri) {
    for (const [prefix, space] of Object.entries(data.prefixes)) {
      if (iri.startsWith(space) && iri.length > space.length) {
        return prefix + ":" + iri.slice(space.length);
      }
    }
    return iri;
  }

  function pageOf(iri) {
    if (!iri.startsWith(KZ)) return null;
    const [kind, slug, more] = iri.slice(KZ.length).split("/");
    if (!slug || more !== undefined) return null;
    if (PAGED.has(kind)) return kind + "/" + slug + ".html";
    if (kind === "claim") return "claims.html#claim-" + slug;
    return null;
  }

  function cell(term) {
    const td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      const href = pageOf(term.value);
      const shown = compact(term.value);
      td.append(href ? el("a", { href: href }, shown) : el("span", { title: term.value }, shown));
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.textContent = term.value;
      const type = term.datatype || "";
      if (/#(integer|decimal|double|float|int|long)$/.test(type)) td.className = "num";
      if (term["xml:lang"]) td.lang = term["xml:lang"];
    }
    return td;
  }

  function show(answer, hidden) {
    results.replaceChildren();
    if (typeof answer.boolean === "boolean") {
      results.append(el("p", { class: "lead" }, "Answer: " + (answer.boolean ? "yes" : "no")));
      return;
    }
    const columns = answer.head.vars.filter((v) => !hidden.has(v));
    const rows = answer.results.bindings;
    results.append(el("p", { class: "muted" }, rows.length + (rows.length === 1 ? " row" : " rows")));
    const head = el("tr");
    for (const c of columns) head.append(el("th", { scope: "col" }, c));
    const body = el("tbody");
    for (const row of rows) {
      const tr = el("tr");
      for (const c of columns) tr.append(cell(row[c]));
      body.append(tr);
    }
    const table = el("table", { class: "answer" });
    const thead = el("thead");
    thead.append(head);
    table.append(thead, body);
    const scroll = el("div", { class: "scroll" });
    scroll.append(table);
    results.append(scroll);
  }

  async function run(event) {
    event.preventDefault();
    if (!served) {
      status.textContent = "Start `kzkg serve` to run queries; this copy of the site has no server.";
      return;
    }
    const query = byName.get(example.value);
    const hidden = new Set(query ? query.parameters.map((p) => p.name) : []);
    const body = new URLSearchParams(new FormData(form));
    for (const [key, value] of [...body]) if (key.startsWith("p.") && !value) body.delete(key);
    status.textContent = "running…";
    const started = performance.now();
    const response = await fetch("sparql", { method: "POST", body: body });
    const text = await response.text();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) {
      status.textContent = "";
      results.replaceChildren(el("pre", { class: "error" }, text));
      return;
    }
    status.textContent = "answered in " + seconds + " s";
    if ((response.headers.get("content-type") || "").includes("json")) {
      show(JSON.parse(text), hidden);
    } else {
      results.replaceChildren(el("pre", {}, text));
    }
    const address = new URL(location.href);
    address.search = query ? new URLSearchParams([["name", query.name]]).toString() : "";
    history.replaceState(null, "", address);
  }

  example.addEventListener("change", () => choose(example.value));
  form.addEventListener("submit", run);
  const asked = new URLSearchParams(location.search);
  const values = new Map([...asked].filter(([k]) => k.startsWith("p.")).map(([k, v]) => [k.slice(2), v]));
  choose(asked.get("name") || "", values);
  if (asked.has("name") && byName.has(asked.get("name")) && served) form.requestSubmit();
})();
