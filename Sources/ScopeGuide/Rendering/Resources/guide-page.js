/*
 * ScopeGuide's guide page, the DOM glue over `ScopeGuideEngine` (guide-engine.js, which the page
 * ships first in the same script): ES2020, no dependencies, no network access, no eval.
 *
 * It reads `<script type="application/json" id="scopeguide-data">`, takes the initial state from
 * `?actions=`, `granted=`, `without=` and the `var.<name>` values the engine would take
 * (reporting the others, which it leaves out of the dynamic URL), shows the engine's answer that
 * the page carries when the address asks for the page's own state (searching only when it
 * changes), lists the selected actions and the first matches of the search, and keeps the
 * `data-guide-*` elements in step. It writes text and attributes only, never HTML. Nothing here
 * decides what a guide says: that is the engine's, checked against Swift by the shared vectors.
 */
"use strict";

(() => {
  if (typeof document === "undefined" || typeof window === "undefined") return;
  const E = ScopeGuideEngine;
  const all = (selector, root = document) => Array.from(root.querySelectorAll(selector));
  const setHidden = (element, hidden) => element.toggleAttribute("hidden", hidden);

  /** Writes `text` to the clipboard, falling back to a hidden textarea and `execCommand`. */
  function copyText(text) {
    const fallback = () => {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.cssText = "position:fixed;top:-1000px;opacity:0";
      document.body.appendChild(area);
      area.select();
      let ok = false;
      try {
        ok = document.execCommand("copy");
      } catch {
        ok = false;
      }
      area.remove();
      return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
    };
    try {
      if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
        return navigator.clipboard.writeText(text).catch(fallback);
      }
    } catch {
      // use the fallback
    }
    return fallback();
  }

  /**
   * Shows `message` on the button (or on its label part: `[data-copy-label]`, the seed's
   * `.connector-guide-scope-copy__label`, or a `<code>` child) and puts the original nodes back
   * after 1.5 s, so icons and markup inside the button survive.
   */
  const saved = new WeakMap();
  function flash(button, message) {
    const target = button.querySelector("[data-copy-label], .connector-guide-scope-copy__label, :scope > code") || button;
    const entry = saved.get(target) || { nodes: Array.from(target.childNodes), timer: null };
    saved.set(target, entry);
    clearTimeout(entry.timer);
    target.textContent = message;
    entry.timer = setTimeout(() => {
      target.replaceChildren(...entry.nodes);
      saved.delete(target);
    }, 1500);
  }

  const copyFrom = (button, text) =>
    copyText(text).then(
      () => flash(button, "Copied"),
      () => flash(button, "Copy failed") // the text stays on the page for copying by hand
    );

  function readData() {
    const script = document.getElementById("scopeguide-data");
    try {
      return script ? JSON.parse(script.textContent || "") : null;
    } catch {
      return null;
    }
  }

  const rowId = (row) => {
    const box = row.querySelector('input[type="checkbox"]');
    return row.getAttribute("data-guide-action") || (box ? box.value : "");
  };

  /** Digits grouped by commas, as the Swift panel writes counts ("4,312"). */
  const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

  /** An action's row, the markup ScopeSelectorPanel.actionRows writes (text and attributes only). */
  function makeRow(model, action) {
    const row = document.createElement("label");
    row.className = "sg-action";
    row.setAttribute("data-guide-action", action.id);
    row.setAttribute("data-guide-action-label", action.label);
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = action.id;
    const label = document.createElement("span");
    label.className = "sg-action-label";
    label.textContent = action.label;
    const scopes = document.createElement("span");
    scopes.className = "sg-action-scopes";
    scopes.textContent = scopesLabel(model, action);
    row.append(box, label, scopes);
    return row;
  }

  const scopesLabel = (model, action) => action.alternatives.map((alt) => alt.map((n) => model.scopes[n]).join(" + ")).join(" or ");

  function init() {
    const root = document.documentElement;
    if (root.dataset.guideReady === "1") return; // the script was included twice
    let model;
    try {
      model = E.prepare(readData());
    } catch (error) {
      root.setAttribute("data-guide-error", String(error && error.message));
      return;
    }

    const state = {
      selected: new Set(E.normalizeSelection(model, model.selection)),
      granted: E.normalizeScopes(model, model.granted).known,
      refused: E.normalizeScopes(model, model.refused).known,
      separator: model.separator,
      whitelabel: model.whitelabel,
      variables: { ...model.variables },
    };
    const parsed = E.parseQuery(model, window.location.search);
    state.stages = model.stages;
    if (parsed.hasActions) {
      state.selected = new Set(parsed.selection);
      state.stages = parsed.stages || [];
    }
    if (parsed.constraints.hasGranted || parsed.constraints.hasRefused) {
      state.granted = parsed.constraints.granted;
      state.refused = parsed.constraints.refused;
    }
    if (parsed.separator !== null) state.separator = parsed.separator;
    if (parsed.whitelabel !== null) state.whitelabel = parsed.whitelabel;
    Object.assign(state.variables, parsed.variables);
    // What the answer depends on. The engine's answer belongs to the page's own selection and
    // constraints: shown as it is whenever the state is that one (on load, and on coming back to
    // it), instead of searching again; and the last answer is kept while only the separator changes.
    const solvedFor = (selection, granted, refused) =>
      JSON.stringify([E.normalizeSelection(model, selection), E.normalizeScopes(model, granted).known, E.normalizeScopes(model, refused).known]);
    const engineKey = model.resolution ? solvedFor(model.selection, model.granted, model.refused) : null;
    let last = { key: null, resolution: null };
    function currentResolution() {
      const key = solvedFor([...state.selected], state.granted, state.refused);
      if (key !== last.key) {
        const answer = key === engineKey ? model.resolution : null;
        last = { key, resolution: E.resolve(model, [...state.selected], { granted: state.granted, refused: state.refused, answer }), answer };
      }
      return last;
    }

    const errorBox = document.querySelector("[data-guide-url-error]");
    if (errorBox && parsed.errors.length > 0) {
      errorBox.textContent = parsed.errors.map((e) => e.message).join("\n");
      errorBox.style.whiteSpace = "pre-line";
      setHidden(errorBox, false);
    }
    if (state.whitelabel) all("[data-whitelabel-hide]").forEach((element) => setHidden(element, true));
    all("[data-guide-loading]").forEach((element) => setHidden(element, true));

    const delimiterSelects = all("select[data-guide-scope-delimiter]");
    const showSeparator = () => {
      for (const select of delimiterSelects) {
        select.value = state.separator;
        for (const option of select.options) option.toggleAttribute("selected", option.value === state.separator);
      }
    };
    showSeparator();

    // ---- The action list: the selected actions and the first matches of the search ----
    const list = document.querySelector("[data-guide-action-list]");
    const noResults = document.querySelector("[data-guide-no-results]");
    const listParent = list || (noResults && noResults.parentNode);
    const counter = document.querySelector("[data-guide-action-count]");
    const limit = Number(list && list.getAttribute("data-guide-action-limit")) || 200;
    const rows = new Map(all("[data-guide-action]").map((row) => [rowId(row), row]));
    const haystacks = model.actions.map((a) => [a.id, a.label, scopesLabel(model, a)].join("\n").toLowerCase());
    let matches = model.actions.map((_, i) => i);

    function applySearch() {
      const search = document.querySelector("[data-guide-action-search]");
      const needle = search ? String(search.value || "").trim().toLowerCase() : "";
      matches = [];
      haystacks.forEach((text, i) => {
        if (needle === "" || text.includes(needle)) matches.push(i);
      });
      showRows();
    }

    /** Puts the rows of the selected actions and of the first `limit` matches in the list, in catalogue order. */
    function showRows() {
      if (!listParent) return;
      const shown = new Set(matches.slice(0, limit));
      for (const id of state.selected) shown.add(model.actionIndex.get(id));
      const wanted = [...shown].filter((i) => i !== undefined).sort(ascendingNumbers);
      const before = noResults && noResults.parentNode === listParent ? noResults : null;
      const keep = new Set();
      const fragment = document.createDocumentFragment();
      for (const index of wanted) {
        const action = model.actions[index];
        let row = rows.get(action.id);
        if (!row) {
          row = makeRow(model, action);
          rows.set(action.id, row);
        }
        const box = row.querySelector('input[type="checkbox"]');
        if (box) {
          box.checked = state.selected.has(action.id);
          box.toggleAttribute("checked", box.checked);
        }
        setHidden(row, false);
        keep.add(row);
        fragment.append(row);
      }
      for (const row of rows.values()) if (!keep.has(row)) row.remove();
      listParent.insertBefore(fragment, before);
      all("[data-guide-no-results]").forEach((element) => setHidden(element, matches.length > 0));
      if (counter) {
        counter.textContent = `${grouped(Math.min(limit, matches.length))} of ${grouped(matches.length)} matching actions shown`;
      }
    }
    const ascendingNumbers = (a, b) => a - b;

    // ---- Already granted / cannot grant ----
    const grantedBox = document.querySelector("[data-guide-granted]");
    const refusedBox = document.querySelector("[data-guide-refused]");
    const constraintError = document.querySelector("[data-guide-constraint-error]");
    const fillBox = (box, names) => {
      if (box && E.scopeNames(box.value).join(" ") !== names.join(" ")) box.value = names.join(" ");
    };
    fillBox(grantedBox, state.granted);
    fillBox(refusedBox, state.refused);

    /** Reads both boxes: defined scopes only, in definition order; refusal wins over a grant. */
    function readConstraints() {
      const granted = E.normalizeScopes(model, grantedBox ? E.scopeNames(grantedBox.value) : state.granted);
      const refused = E.normalizeScopes(model, refusedBox ? E.scopeNames(refusedBox.value) : state.refused);
      const messages = [];
      const unknown = [...new Set([...granted.unknown, ...refused.unknown])];
      if (unknown.length > 0) messages.push(`Ignored, not defined by this connector: ${unknown.join(" ")}`);
      const both = granted.known.filter((name) => refused.known.includes(name));
      if (both.length > 0) messages.push(`Both granted and refused, taken as refused: ${both.join(" ")}`);
      if (constraintError) {
        constraintError.textContent = messages.join("\n");
        constraintError.style.whiteSpace = "pre-line";
        setHidden(constraintError, messages.length === 0);
      }
      state.granted = granted.known.filter((name) => !refused.known.includes(name));
      state.refused = refused.known;
    }

    // The page's structure does not change, so read it once.
    const sections = all("[data-guide-section]").map((element) => ({
      element,
      scopes: E.parseList(element.getAttribute("data-guide-scopes")),
      steps: [],
    }));
    const steps = all("[data-guide-step]").map((element) => {
      const scopes = E.parseList(element.getAttribute("data-guide-scopes"));
      const display = element.getAttribute("data-guide-display-scopes-list");
      const step = {
        element,
        scopes,
        display: display == null ? scopes : E.parseList(display),
        items: all("li[data-guide-display-scope]", element),
        containers: all("[data-guide-display-scopes]", element).filter((c) => c.querySelector("li[data-guide-display-scope]")),
        badges: all("[data-guide-actions-badge]", element),
        numbers: all("[data-guide-step-number]", element),
      };
      const section = sections.find((s) => s.element.contains(element));
      if (section) section.steps.push(step);
      return step;
    });
    const looseSteps = steps.filter((step) => !sections.some((s) => s.steps.includes(step)));

    function render(updateHistory) {
      const started = performance.now();
      const { resolution, answer } = currentResolution();
      // The stages travel in the URL while the selection is still theirs; changed, it is asked at once.
      const staged = state.stages.flat();
      const keepsStages = staged.length === state.selected.size && staged.every((id) => state.selected.has(id));
      const urlState = {
        selection: resolution.selection,
        stages: keepsStages ? state.stages : [],
        granted: state.granted,
        refused: state.refused,
        separator: state.separator,
        whitelabel: state.whitelabel,
        variables: state.variables,
      };

      // Properties drive the UI; the mirrored attributes let `--dump-dom` tests read the state.
      for (const box of all("[data-guide-action] input[type=checkbox]")) {
        box.checked = state.selected.has(box.value);
        box.toggleAttribute("checked", box.checked);
      }
      const url = E.buildURL(model, urlState);
      for (const field of all("[data-guide-url]")) {
        if ("value" in field) {
          field.value = url;
          field.setAttribute("value", url);
        } else {
          field.textContent = url;
        }
      }
      const text = E.scopesText(model, resolution, state.separator);
      all("[data-guide-scopes-output]").forEach((output) => (output.textContent = text));
      for (const link of all("[data-guide-authorize-url]")) {
        const base = link.getAttribute("data-authorize-base");
        if (base == null) continue;
        const given = (name) => (Object.prototype.hasOwnProperty.call(state.variables, name) ? state.variables[name] : null);
        const href = E.authorizeURL(base, link.getAttribute("data-scope-delimiter"), resolution.scopeNames, {
          clientId: given("client_id"),
          redirectUri: given("redirect_uri"),
          state: given("state"),
          incremental: link.getAttribute("data-grant-change") === "incremental",
        });
        // A template (client_id or redirect_uri missing) is shown, not linked (as the engine does).
        if (given("client_id") !== null && given("redirect_uri") !== null) link.setAttribute("href", href);
        else link.removeAttribute("href");
        link.textContent = href;
      }

      // The provider form with this answer's permissions filled in; none when nothing changes.
      const prefill = document.querySelector("[data-guide-prefill]");
      if (prefill) {
        const nothingToDo = resolution.grant && !resolution.grant.reconsent;
        const link = nothingToDo ? null : E.prefillLink(model, resolution.scopeNames, resolution.selection);
        const anchor = prefill.querySelector("[data-guide-prefill-url]");
        setHidden(prefill, !link || link.url === null);
        if (link && link.url !== null && anchor) {
          anchor.setAttribute("href", link.url);
          anchor.textContent = link.url;
        }
      }

      const report = document.querySelector("[data-guide-constraint-report]");
      if (report) {
        const lines = E.reportLines(model, resolution);
        for (const [key, value] of lines) {
          const line = report.querySelector(`[data-guide-report="${key}"]`);
          if (!line) continue;
          const target = line.querySelector("[data-guide-report-text]") || line;
          target.textContent = value ?? "";
          setHidden(line, value === null);
        }
        setHidden(report, lines.every(([, value]) => value === null));
      }

      // One "refuse" button per scope of the answer: refusing it adds it to the Cannot grant box.
      for (const holder of all("[data-guide-refuse-list]")) {
        for (const old of all("[data-guide-refuse]", holder)) old.remove();
        for (const name of resolution.scopeNames) {
          const chip = document.createElement("button");
          chip.type = "button";
          chip.className = "sg-chip";
          chip.setAttribute("data-guide-refuse", name);
          chip.setAttribute("title", "Refuse this scope and solve again");
          chip.textContent = name;
          holder.append(chip);
        }
        setHidden(holder, resolution.scopeNames.length === 0 || !refusedBox);
      }

      const guide = [...sections, { element: null, scopes: [], steps: looseSteps }];
      const tailored = E.tailor(model, resolution, guide.map((s) => ({ scopes: s.scopes, steps: s.steps.map((st) => ({ scopes: st.scopes, displayScopes: st.display })) })));
      guide.forEach((section, i) => {
        if (section.element) setHidden(section.element, !tailored[i].visible);
        section.steps.forEach((step, k) => {
          const result = tailored[i].steps[k];
          setHidden(step.element, !result.visible);
          if (result.number !== null) step.numbers.forEach((n) => (n.textContent = String(result.number)));
          const shown = new Set(result.displayScopes);
          step.items.forEach((item) => setHidden(item, !shown.has(item.getAttribute("data-guide-display-scope"))));
          step.containers.forEach((container) => setHidden(container, result.displayScopes.length === 0));
          for (const badge of step.badges) {
            const target = badge.querySelector("[data-guide-actions-badge-labels]");
            if (target) target.textContent = result.badge.join(", ");
            setHidden(badge, result.badge.length === 0);
          }
        });
      });

      // The engine's notes (default scopes, not minimal, grant, refusals) describe its answer
      // only: once the page answers for another state, its own report above replaces them.
      all("[data-guide-notes]").forEach((element) => setHidden(element, !answer));
      root.setAttribute("data-guide-optimal", resolution.optimal ? "1" : "0");
      // How the page answered, for tests and the curious: the engine's answer or its own search.
      root.setAttribute("data-guide-solved", answer ? "engine" : "page");
      root.setAttribute("data-guide-solve-ms", (performance.now() - started).toFixed(1));
      if (updateHistory) {
        const query = E.buildQuery(model, urlState);
        try {
          window.history.replaceState(window.history.state, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
        } catch {
          // file: URLs and sandboxed frames may refuse; the URL field still shows the link.
        }
      }
    }

    document.addEventListener("change", (event) => {
      const target = event.target;
      if (!(target instanceof Element)) return;
      if (target.matches('input[type="checkbox"]') && target.closest("[data-guide-action]")) {
        if (target.checked) state.selected.add(target.value);
        else state.selected.delete(target.value);
        render(true);
      } else if (target.matches("select[data-guide-scope-delimiter]")) {
        if (Object.prototype.hasOwnProperty.call(E.SEPARATORS, target.value)) state.separator = target.value;
        showSeparator();
        render(true);
      }
    });

    // Typing in a scope box re-solves once the typing pauses, not on every key.
    let constraintTimer = null;
    document.addEventListener("input", (event) => {
      if (!(event.target instanceof Element)) return;
      if (event.target.matches("[data-guide-action-search]")) {
        applySearch();
      } else if (event.target.matches("[data-guide-granted], [data-guide-refused]")) {
        clearTimeout(constraintTimer);
        constraintTimer = setTimeout(() => {
          readConstraints();
          render(true);
        }, 250);
      }
    });

    document.addEventListener("click", (event) => {
      if (!(event.target instanceof Element)) return;
      const button = event.target.closest(
        "[data-guide-select-all], [data-guide-clear], [data-guide-copy-url], [data-guide-copy-scopes], button[data-copy], button[data-guide-refuse]"
      );
      if (!button) return;
      if (button.hasAttribute("data-guide-refuse")) {
        if (refusedBox) {
          const names = E.scopeNames(refusedBox.value);
          refusedBox.value = [...names, button.getAttribute("data-guide-refuse")].join(" ");
        }
        readConstraints();
        render(true);
      } else if (button.hasAttribute("data-guide-select-all")) {
        // Every action the search matches, shown or not.
        for (const index of matches) state.selected.add(model.actions[index].id);
        showRows();
        render(true);
      } else if (button.hasAttribute("data-guide-clear")) {
        state.selected.clear();
        showRows();
        render(true);
      } else if (button.hasAttribute("data-guide-copy-url")) {
        const field = document.querySelector("[data-guide-url]");
        copyFrom(button, field ? ("value" in field ? field.value : field.textContent) : "");
      } else if (button.hasAttribute("data-guide-copy-scopes")) {
        const output = document.querySelector("[data-guide-scopes-output]");
        copyFrom(button, output ? output.textContent : "");
      } else {
        copyFrom(button, button.getAttribute("data-copy") || "");
      }
    });

    applySearch();
    render(false);
    root.dataset.guideReady = "1";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
