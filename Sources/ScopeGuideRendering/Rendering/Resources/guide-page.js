/*
 * ScopeGuide's guide page, the DOM glue over `ScopeGuideEngine` (guide-engine.js, which the page
 * ships first in the same script): ES2020, no dependencies, no network access, no eval.
 *
 * It reads `<script type="application/json" id="scopeguide-data">`, takes the initial state from
 * `?actions=`, `granted=`, `without=` and the `var.<name>` values the engine would take
 * (reporting the others, which it leaves out of the dynamic URL), shows the engine's answer that
 * the page carries when the address asks for the page's own state (searching only when it
 * changes), lists the selected actions and the first matches of the search (over actions and
 * scopes), summarises the selection as removable chips, checks the guide variables' inputs as the
 * engine does, and keeps the `data-guide-*` elements in step. It writes text and attributes (and
 * elements made with `createElement`), never HTML. Nothing here decides what a guide says: that
 * is the engine's, checked against Swift by the shared vectors.
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

  /** ScopeSelectorPanel.selectionCount. */
  const selectionCount = (count) =>
    count === 0 ? "No actions selected: the guide shows every step" : count === 1 ? "1 action selected" : `${grouped(count)} actions selected`;

  /** ScopeSelectorPanel.constraintsSummary: ": 2 granted, 1 refused", or "". */
  function constraintsSummary(granted, refused) {
    const parts = [];
    if (granted > 0) parts.push(`${grouped(granted)} granted`);
    if (refused > 0) parts.push(`${grouped(refused)} refused`);
    return parts.length === 0 ? "" : ": " + parts.join(", ");
  }

  /** An element with a class and text (never HTML). */
  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text != null) made.textContent = text;
    return made;
  }

  /** A selected action's chip, the markup ScopeSelectorPanel.selectionSummaryHTML writes. */
  function makeChip(action) {
    const chip = element("button", "sg-chip sg-chip-remove");
    chip.type = "button";
    chip.setAttribute("data-guide-deselect", action.id);
    chip.setAttribute("title", `Remove ${action.id} from the selection`);
    chip.setAttribute("aria-label", `Remove ${action.label}`);
    const x = element("span", "sg-chip-x", "\u00d7");
    x.setAttribute("aria-hidden", "true");
    chip.append(element("span", null, action.label), x);
    return chip;
  }

  /** What the page data says of a scope: its description ("" for none) and level (null when not shown). */
  function scopeInfo(model, name) {
    const index = model.scopeIndex.get(name);
    const defined = index !== undefined && index < model.definedCount;
    const descriptions = model.data.scopeDescriptions;
    const levels = model.data.levels;
    return {
      description: defined && Array.isArray(descriptions) && typeof descriptions[index] === "string" ? descriptions[index] : "",
      level: defined && Array.isArray(levels) ? levels[index] : null,
    };
  }

  /** A scope's item, the markup ScopeSelectorPanel.scopeItemHTML writes. */
  function makeScopeItem(model, name) {
    const item = element("li");
    item.setAttribute("data-guide-scope-detail", name);
    item.append(element("code", null, name));
    const { description, level } = scopeInfo(model, name);
    if (level !== null) {
      const badge = element("span", "sg-level", `level ${level}`);
      badge.setAttribute("data-level", String(level));
      badge.setAttribute("title", "Privilege level: how much a grant exposes, from 1 (the least)");
      item.append(badge);
    }
    if (description !== "") item.append(element("span", "sg-scope-description", description));
    return item;
  }

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
    // An action is found by its id, label, scope names and those scopes' descriptions.
    const haystacks = model.actions.map((a) => {
      const mentioned = [...new Set(a.alternatives.flat())].map((n) => scopeInfo(model, model.scopes[n]).description);
      return [a.id, a.label, scopesLabel(model, a), ...mentioned].join("\n").toLowerCase();
    });
    const definedNames = model.scopes.slice(0, model.definedCount);
    const scopeHaystacks = definedNames.map((name) => (name + "\n" + scopeInfo(model, name).description).toLowerCase());
    let matches = model.actions.map((_, i) => i);

    /**
     * The actions a defined scope enables on its own, through `includes` and wildcards (its
     * closure), as `scopeguide actions --enabled-by` finds them; actions needing no scope are left out.
     */
    let naming = null; // per scope, the actions needing a scope that name it in an alternative; built on first use
    function enabledBy(scopeIndex) {
      if (naming === null) {
        naming = model.scopes.map(() => []);
        model.actions.forEach((action, i) => {
          if (action.alternatives.length === 0 || action.alternatives.some((alt) => alt.length === 0)) return;
          for (const alternative of action.alternatives) {
            for (const n of alternative) if (naming[n][naming[n].length - 1] !== i) naming[n].push(i);
          }
        });
      }
      const granted = new Set(model.data.closures[scopeIndex]);
      granted.add(scopeIndex);
      // Only actions naming a granted scope can be enabled: a few per scope, not the catalogue.
      const candidates = new Set();
      for (const n of granted) for (const i of naming[n] || []) candidates.add(i);
      return [...candidates]
        .filter((i) => model.actions[i].alternatives.some((alt) => alt.every((n) => granted.has(n))))
        .sort(ascendingNumbers);
    }

    const scopeMatches = document.querySelector("[data-guide-scope-matches]");
    const scopeMatchLimit = 8;
    /** The defined scopes whose name or description holds the search, each with its level, description and what it enables. */
    function showScopeMatches(needle) {
      if (!scopeMatches) return;
      const found = needle === "" ? [] : scopeHaystacks.flatMap((text, i) => (text.includes(needle) ? [i] : []));
      const list = element("ul");
      for (const index of found.slice(0, scopeMatchLimit)) {
        const item = makeScopeItem(model, definedNames[index]);
        const count = enabledBy(index).length;
        item.append(element("span", "sg-scope-enables", count === 1 ? "enables 1 action" : `enables ${grouped(count)} actions`));
        list.append(item);
      }
      const heading = found.length === 1 ? "1 scope matches:" : `${grouped(found.length)} scopes match:`;
      const more = found.length > scopeMatchLimit ? [element("p", "sg-muted", `and ${grouped(found.length - scopeMatchLimit)} more`)] : [];
      scopeMatches.replaceChildren(element("p", "sg-scope-matches-title", heading), list, ...more);
      setHidden(scopeMatches, found.length === 0);
    }

    function applySearch() {
      const search = document.querySelector("[data-guide-action-search]");
      const needle = search ? String(search.value || "").trim().toLowerCase() : "";
      const found = new Set();
      haystacks.forEach((text, i) => {
        if (needle === "" || text.includes(needle)) found.add(i);
      });
      // A scope's exact name also finds what it enables through `includes` and wildcards.
      const exact = definedNames.findIndex((name) => name.toLowerCase() === needle);
      if (exact >= 0) for (const i of enabledBy(exact)) found.add(i);
      matches = [...found].sort(ascendingNumbers);
      showScopeMatches(needle);
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

    // ---- Guide variables: the inputs and the guide's `‹name›` placeholders ----
    const variableInputs = all("input[data-guide-variable]");
    const variableError = (input) => {
      const holder = input.closest(".sg-variable") || input.parentNode;
      return holder ? holder.querySelector("[data-guide-variable-error]") : null;
    };
    // The address's values (kept by the engine's rules) fill the inputs on load.
    for (const input of variableInputs) {
      const name = input.getAttribute("data-guide-variable");
      if (Object.prototype.hasOwnProperty.call(state.variables, name)) input.value = state.variables[name];
    }

    /**
     * Reads the inputs: an empty one gives no value; each other value is checked by the engine's
     * `checkVariables` (its message shown under the input) and kept only when it passes, so the
     * dynamic URL never carries a value the engine refuses.
     */
    function readVariables() {
      const kept = {};
      const named = new Set(variableInputs.map((input) => input.getAttribute("data-guide-variable")));
      for (const name of Object.keys(state.variables)) {
        if (!named.has(name)) Object.defineProperty(kept, name, { value: state.variables[name], enumerable: true, writable: true, configurable: true });
      }
      for (const input of variableInputs) {
        const name = input.getAttribute("data-guide-variable");
        const value = String(input.value);
        const values = {};
        Object.defineProperty(values, name, { value, enumerable: true, writable: true, configurable: true });
        const checked = value === "" ? { variables: {}, errors: [] } : E.checkVariables(model, values);
        if (Object.prototype.hasOwnProperty.call(checked.variables, name)) {
          Object.defineProperty(kept, name, { value, enumerable: true, writable: true, configurable: true });
        }
        const message = checked.errors.map((error) => error.message).join("\n");
        const box = variableError(input);
        if (box) {
          box.textContent = message;
          setHidden(box, message === "");
        }
        if (message === "") input.removeAttribute("aria-invalid");
        else input.setAttribute("aria-invalid", "true");
      }
      state.variables = kept;
    }

    /**
     * Wraps each `‹name›` the guide's text shows for a declared variable (one the page was built
     * without) in a span the script can fill: text nodes only, outside the panel, never markup.
     */
    const placeholders = [];
    (() => {
      const declared = new Set(model.declaredVariables.map((variable) => variable.name));
      const main = document.querySelector("main");
      if (declared.size === 0 || !main) return;
      const panel = document.querySelector("[data-guides-scope-selector]");
      const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
      const found = [];
      while (walker.nextNode()) {
        const node = walker.currentNode;
        if (node.nodeValue.includes("\u2039") && !(panel && panel.contains(node))) found.push(node);
      }
      const pattern = /\u2039([^\u2039\u203a]+)\u203a/g;
      for (const node of found) {
        const text = node.nodeValue;
        const pieces = [];
        let rest = 0;
        for (const match of text.matchAll(pattern)) {
          if (!declared.has(match[1])) continue;
          if (match.index > rest) pieces.push(document.createTextNode(text.slice(rest, match.index)));
          const span = element("span", "sg-placeholder", match[0]);
          span.setAttribute("data-guide-variable-text", match[1]);
          placeholders.push({ span, name: match[1] });
          pieces.push(span);
          rest = match.index + match[0].length;
        }
        if (pieces.length === 0) continue;
        if (rest < text.length) pieces.push(document.createTextNode(text.slice(rest)));
        node.replaceWith(...pieces);
      }
    })();

    // Folded until used: open when the address gives a grant or refusals.
    const constraintsDetails = all("details[data-guide-constraints]");
    if (state.granted.length > 0 || state.refused.length > 0) for (const details of constraintsDetails) details.open = true;

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

      // Each scope of the answer with its level and description, and a "Can't grant" button
      // that adds it to the Cannot grant box and solves again.
      for (const list of all("[data-guide-scope-details]")) {
        list.replaceChildren(
          ...resolution.scopeNames.map((name) => {
            const item = makeScopeItem(model, name);
            if (refusedBox) {
              const refuse = element("button", "sg-refuse", "Can't grant");
              refuse.type = "button";
              refuse.setAttribute("data-guide-refuse", name);
              refuse.setAttribute("title", `The customer's admin will not grant ${name}: solve again without it`);
              item.append(refuse);
            }
            return item;
          })
        );
      }
      for (const summary of all("[data-guide-constraints-summary]")) summary.textContent = constraintsSummary(state.granted.length, state.refused.length);

      // The selection summary: the count and a chip per selected action (the first `chipLimit`).
      for (const count of all("[data-guide-selection-count]")) count.textContent = selectionCount(resolution.selection.length);
      for (const holder of all("[data-guide-selection-chips]")) {
        const limit = Number(holder.getAttribute("data-guide-chip-limit")) || 50;
        const chips = resolution.selection.slice(0, limit).map((id) => makeChip(model.actions[model.actionIndex.get(id)]));
        if (resolution.selection.length > limit) {
          const more = element("span", "sg-muted", `and ${grouped(resolution.selection.length - limit)} more`);
          more.setAttribute("data-guide-selection-more", "");
          chips.push(more);
        }
        holder.replaceChildren(...chips);
      }

      // The guide's `‹name›` placeholders show the variable's value while it is a kept one.
      for (const { span, name } of placeholders) {
        const has = Object.prototype.hasOwnProperty.call(state.variables, name);
        span.textContent = has ? state.variables[name] : `\u2039${name}\u203a`;
        span.classList.toggle("sg-filled", has);
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
      } else if (event.target.matches("input[data-guide-variable]")) {
        readVariables();
        render(true);
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
        "[data-guide-select-all], [data-guide-clear], [data-guide-copy-url], [data-guide-copy-scopes], button[data-copy], button[data-guide-refuse], button[data-guide-deselect]"
      );
      if (!button) return;
      if (button.hasAttribute("data-guide-refuse")) {
        if (refusedBox) {
          const names = E.scopeNames(refusedBox.value);
          refusedBox.value = [...names, button.getAttribute("data-guide-refuse")].join(" ");
        }
        readConstraints();
        // The Cannot grant box now holds a scope: show it.
        for (const details of constraintsDetails) details.open = true;
        render(true);
      } else if (button.hasAttribute("data-guide-deselect")) {
        // The chip goes with its action; focus moves to the search, not to the page's top.
        state.selected.delete(button.getAttribute("data-guide-deselect"));
        showRows();
        render(true);
        const search = document.querySelector("[data-guide-action-search]");
        if (search && document.activeElement === document.body) search.focus({ preventScroll: true });
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
    readVariables();
    render(false);
    root.dataset.guideReady = "1";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
