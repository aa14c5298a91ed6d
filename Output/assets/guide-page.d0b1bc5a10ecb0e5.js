/*
 * ScopeGuide guide page script: ES2020, no dependencies, no network access, no eval.
 *
 * Part 1, `ScopeGuideEngine`, is pure (no DOM) and computes exactly what the Swift engine
 * computes (SPEC §2, §3): minimal scopes, grants, chosen alternatives, visibility, display scopes,
 * badges, the canonical dynamic guide URL and the parsing of its query. The search ports an
 * earlier Resolution/MinimalScopeSearch.swift (same objective, options, forced base and node
 * budget; without the Swift search's later splitting into independent groups and its memo), so
 * the two give the same scopes whenever the answer is proven optimal (BrowserParityTests,
 * PageScriptTests). Where the budget runs out they may differ; both answers then still enable
 * every selected action and are reported as not proven minimal. Keep the objective in step.
 *
 * Part 2 is the DOM glue: it reads `<script type="application/json" id="scopeguide-data">`, takes
 * the initial selection from `?actions=`, and keeps the `data-guide-*` elements in step with the
 * checkboxes. It writes text and attributes only, never HTML.
 */
"use strict";

// `var`, not `const`: a global that the console and browser tests can reach.
var ScopeGuideEngine = (() => {
  const NODE_BUDGET = 200000;
  const SEPARATORS = Object.freeze({ space: " ", comma: ",", semicolon: ";", pipe: "|", newline: "\n" });
  const isSeparator = (name) => Object.prototype.hasOwnProperty.call(SEPARATORS, name);

  // ---- Bitsets over scope indices (Uint32Array words) -------------------------------------------

  const popcount = (x) => {
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  };
  const has = (bits, n) => (bits[n >>> 5] & (1 << (n & 31))) !== 0;
  const add = (bits, n) => {
    bits[n >>> 5] |= 1 << (n & 31);
  };
  const formUnion = (a, b) => {
    for (let i = 0; i < a.length; i++) a[i] |= b[i];
  };
  const union = (a, b) => {
    const result = a.slice();
    formUnion(result, b);
    return result;
  };
  const count = (a) => a.reduce((n, word) => n + popcount(word), 0);
  /** How many members of `a` are not in `b`. */
  const countSubtracting = (a, b) => a.reduce((n, word, i) => n + popcount(word & ~b[i]), 0);
  const isSubset = (a, b) => a.every((word, i) => (word & ~b[i]) === 0);
  const equal = (a, b) => a.every((word, i) => word === b[i]);
  const members = (a) => {
    const result = [];
    a.forEach((word, i) => {
      for (let rest = word; rest !== 0; rest &= rest - 1) result.push(i * 32 + 31 - Math.clz32(rest & -rest));
    });
    return result;
  };

  // ---- Helpers ----------------------------------------------------------------------------------

  const ascending = (a, b) => a - b;
  const sortedUnique = (numbers) => [...new Set(numbers)].sort(ascending);
  /** Swift's `lexicographicallyPrecedes` on integer lists, as a comparator. */
  const compareLists = (a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  };
  const listIsSubset = (small, big) => small.every((n) => big.includes(n));

  /** Ascending by Unicode code point (not UTF-16 code unit, not locale). */
  const compareCodePoints = (a, b) => {
    const x = Array.from(a);
    const y = Array.from(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    return Math.sign(x.length - y.length);
  };

  /** Unicode White_Space, what Swift's `Character.isWhitespace` tests (not JS `trim`'s set). */
  const WHITESPACE = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  const TRIM = new RegExp(`^[${WHITESPACE}]+|[${WHITESPACE}]+$`, "g");
  const trimWhitespace = (text) => text.replace(TRIM, "");

  /** A comma-separated attribute value as names (trimmed, empty items dropped). */
  const parseList = (text) => (text == null ? [] : String(text).split(",").map(trimWhitespace).filter(Boolean));

  // ---- Model ------------------------------------------------------------------------------------

  const fail = (message) => {
    throw new TypeError(`ScopeGuideEngine: ${message}`);
  };
  const isIndexList = (value, limit) =>
    Array.isArray(value) && value.every((n) => Number.isInteger(n) && n >= 0 && n < limit);

  /** Checks the page data and precomputes lookups and bitsets; every other function takes this model. */
  function prepare(data) {
    if (!data || typeof data !== "object") fail("data must be an object");
    const { scopes, definedCount } = data;
    if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === "string")) fail("scopes must be strings");
    if (!Number.isInteger(definedCount) || definedCount < 0 || definedCount > scopes.length) fail("bad definedCount");
    if (!Array.isArray(data.closures) || data.closures.length !== definedCount) fail("closures must hold one list per defined scope");
    const words = Math.max(1, Math.ceil(scopes.length / 32));
    const closures = data.closures.map((closure, i) => {
      if (!isIndexList(closure, scopes.length)) fail(`closures[${i}] must list scope indices`);
      const bits = new Uint32Array(words);
      closure.forEach((n) => add(bits, n));
      add(bits, i); // a scope always grants itself
      return bits;
    });
    const scopeIndex = new Map();
    scopes.forEach((name, i) => scopeIndex.has(name) || scopeIndex.set(name, i));
    if (!Array.isArray(data.actions)) fail("actions must be an array");
    const actionIndex = new Map();
    const actions = data.actions.map((action, i) => {
      if (!action || typeof action.id !== "string") fail(`actions[${i}].id must be a string`);
      if (!Array.isArray(action.alternatives) || !action.alternatives.every((a) => isIndexList(a, scopes.length))) {
        fail(`actions[${i}].alternatives must be lists of scope indices`);
      }
      if (!actionIndex.has(action.id)) actionIndex.set(action.id, i);
      const label = typeof action.label === "string" ? action.label : action.id;
      return { id: action.id, label, alternatives: action.alternatives.map((a) => a.slice()) };
    });
    if (data.defaultScopes != null && !isIndexList(data.defaultScopes, scopes.length)) fail("defaultScopes must be null or scope indices");
    return {
      data,
      connector: String(data.connector ?? ""),
      base: String(data.base ?? ""),
      path: String(data.path ?? ""),
      scopes: scopes.slice(),
      definedCount,
      words,
      closures,
      scopeIndex,
      actions,
      actionIndex,
      defaultScopes: data.defaultScopes == null ? null : data.defaultScopes.slice(),
      // The engine's answer for an empty selection, when the page carries it (Swift pages do).
      fullGuideScopes: isIndexList(data.fullGuideScopes, scopes.length) ? data.fullGuideScopes.slice() : null,
      separator: isSeparator(data.separator) ? data.separator : "space",
      whitelabel: data.whitelabel === true,
      variables: { ...(data.variables || {}) },
      selection: Array.isArray(data.selection) ? data.selection.slice() : [],
      constrained: data.constrained === true,
    };
  }

  /** Known ids of `ids`, deduplicated, in catalogue order (Swift's `Selection`). */
  const normalizeSelection = (model, ids) => {
    const wanted = new Set(ids || []);
    return model.actions.filter((a, i) => wanted.has(a.id) && model.actionIndex.get(a.id) === i).map((a) => a.id);
  };

  // ---- Minimal-scope search (port of MinimalScopeSearch.swift) ----------------------------------

  /**
   * Sorted, deduplicated alternatives; supersets of another alternative of the same action dropped;
   * actions needing nothing, and actions implied by another action, dropped.
   */
  function reduceRequirements(requirements) {
    const reduced = [];
    const seen = new Set();
    for (const requirement of requirements) {
      const alternatives = [...new Map(requirement.map((a) => sortedUnique(a)).map((a) => [a.join(","), a])).values()];
      if (alternatives.length === 0 || alternatives.some((a) => a.length === 0)) continue;
      const minimal = alternatives
        .filter((a) => !alternatives.some((other) => other !== a && listIsSubset(other, a)))
        .sort(compareLists);
      const key = JSON.stringify(minimal);
      if (!seen.has(key)) {
        seen.add(key);
        reduced.push(minimal);
      }
    }
    // X is implied by Y when every alternative of Y contains some alternative of X.
    const implies = (y, x) => y.every((b) => x.some((a) => listIsSubset(a, b)));
    return reduced.filter(
      (x, index) => !reduced.some((y, other) => other !== index && implies(y, x) && (!implies(x, y) || other < index))
    );
  }

  /**
   * Candidates no other candidate dominates: `d` dominates `c` when it covers every target `c`
   * covers and grants no more (strictly less, or the same but earlier in display order).
   */
  function undominated(model, candidates, targets) {
    const { closures } = model;
    const list = sortedUnique(candidates);
    const covers = new Map(list.map((c) => [c, targets.filter((t) => has(closures[c], t))]));
    return new Set(
      list.filter(
        (c) =>
          !list.some(
            (d) =>
              d !== c &&
              listIsSubset(covers.get(c), covers.get(d)) &&
              isSubset(closures[d], closures[c]) &&
              (!equal(closures[d], closures[c]) || d < c)
          )
      )
    );
  }

  /** Requirements grouped so that no two groups share a candidate or overlapping grants. */
  function components(model, requirements, candidatesByTarget) {
    const parent = requirements.map((_, i) => i);
    const root = (x) => {
      while (parent[x] !== x) x = parent[x] = parent[parent[x]];
      return x;
    };
    const join = (a, b) => {
      parent[root(a)] = root(b);
    };
    const ownerOfCandidate = new Map();
    requirements.forEach((requirement, index) => {
      for (const target of sortedUnique(requirement.flat())) {
        for (const candidate of candidatesByTarget.get(target) || []) {
          if (ownerOfCandidate.has(candidate)) join(index, ownerOfCandidate.get(candidate));
          else ownerOfCandidate.set(candidate, index);
        }
      }
    });
    const ownerOfGrant = new Map();
    for (const candidate of [...ownerOfCandidate.keys()].sort(ascending)) {
      const owner = ownerOfCandidate.get(candidate);
      for (const grant of members(model.closures[candidate])) {
        if (ownerOfGrant.has(grant)) join(owner, ownerOfGrant.get(grant));
        else ownerOfGrant.set(grant, owner);
      }
    }
    const groups = new Map(); // insertion order = order of each group's first requirement
    requirements.forEach((requirement, index) => {
      const key = root(index);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(requirement);
    });
    return [...groups.values()];
  }

  /** Branch and bound over one component: `{nodes, exhausted, best: {cost, chosen} | null}`. */
  function searchComponent(model, requirements, candidatesByTarget, budget) {
    const { closures, words } = model;
    const state = { nodes: 0, exhausted: false, best: null };
    const candidatesOf = (target) => candidatesByTarget.get(target) || [];
    const isSatisfied = (requirement, granted) => requirement.some((alt) => alt.every((t) => has(granted, t)));

    const consider = (chosen, cost) => {
      const sorted = chosen.slice().sort(ascending);
      const { best } = state;
      if (best) {
        const better =
          cost < best.cost ||
          (cost === best.cost && sorted.length < best.chosen.length) ||
          (cost === best.cost && sorted.length === best.chosen.length && compareLists(sorted, best.chosen) < 0);
        if (!better) return;
      }
      state.best = { cost, chosen: sorted };
    };

    // Satisfies requirements one by one with their cheapest alternative: a quick upper bound.
    const seedWithGreedySolution = () => {
      const granted = new Uint32Array(words);
      const chosen = [];
      for (const requirement of requirements) {
        if (isSatisfied(requirement, granted)) continue;
        let bestPlan = null;
        for (const alternative of requirement) {
          const planGranted = granted.slice();
          let picks = [];
          for (const target of alternative) {
            if (has(planGranted, target)) continue;
            let pick = -1;
            let pickCost = Infinity;
            for (const c of candidatesOf(target)) {
              const added = countSubtracting(closures[c], planGranted);
              if (added < pickCost) [pick, pickCost] = [c, added]; // ascending, so ties keep the earliest
            }
            if (pick < 0) {
              picks = [];
              break;
            }
            picks.push(pick);
            formUnion(planGranted, closures[pick]);
          }
          const cost = count(planGranted);
          if (picks.length > 0 && (bestPlan === null || cost < bestPlan.cost)) bestPlan = { cost, picks };
        }
        if (bestPlan === null) return;
        for (const pick of bestPlan.picks) {
          chosen.push(pick);
          formUnion(granted, closures[pick]);
        }
      }
      consider(chosen, count(granted));
    };

    const search = (chosen, granted, forbidden) => {
      state.nodes += 1;
      if (state.nodes > budget) {
        state.exhausted = true;
        return;
      }
      const cost = count(granted);
      let lowerBound = cost;
      let branch = null;
      for (const requirement of requirements) {
        if (isSatisfied(requirement, granted)) continue;
        const options = new Set();
        let cheapest = Infinity;
        for (const alternative of requirement) {
          let bound = 0;
          let pick = null;
          let feasible = true;
          for (const target of alternative) {
            if (has(granted, target)) continue;
            const choices = candidatesOf(target).filter((c) => !forbidden.has(c));
            if (choices.length === 0) {
              feasible = false;
              break;
            }
            bound = Math.max(bound, Math.min(...choices.map((c) => countSubtracting(closures[c], granted))));
            if (pick === null || choices.length < pick.length) pick = choices;
          }
          if (!feasible || pick === null) continue;
          cheapest = Math.min(cheapest, bound);
          pick.forEach((c) => options.add(c));
        }
        if (options.size === 0) return; // this requirement can no longer be met here
        lowerBound = Math.max(lowerBound, cost + cheapest);
        if (branch === null || options.size < branch.size) branch = options;
      }
      if (branch === null) {
        consider(chosen, cost);
        return;
      }
      const { best } = state;
      if (best && (lowerBound > best.cost || (lowerBound === best.cost && chosen.length + 1 > best.chosen.length))) return;

      const ordered = [...branch]
        .map((scope) => ({ added: countSubtracting(closures[scope], granted), scope }))
        .sort((x, y) => x.added - y.added || x.scope - y.scope);
      const siblings = new Set(forbidden);
      for (const { scope } of ordered) {
        // Solutions holding an earlier sibling were all explored under that sibling.
        chosen.push(scope);
        search(chosen, union(granted, closures[scope]), siblings);
        chosen.pop();
        if (state.exhausted) return;
        siblings.add(scope);
      }
    };

    seedWithGreedySolution();
    search([], new Uint32Array(words), new Set());
    return state;
  }

  /** Drops members another member already grants; only a budget-limited search can leave them. */
  const withoutRedundantMembers = (model, chosen) => {
    const sorted = chosen.slice().sort(ascending);
    const { closures } = model;
    return sorted.filter(
      (member) =>
        !sorted.some(
          (other) => other !== member && has(closures[other], member) && !(has(closures[member], other) && member < other)
        )
    );
  };

  /**
   * The minimal defined scopes for `requirements` (per action, its alternatives as lists of scope
   * indices): `{chosen: [indices ascending], optimal, nodes}`.
   */
  function minimalScopes(model, requirements, nodeBudget = NODE_BUDGET) {
    const reduced = reduceRequirements(requirements);
    if (reduced.length === 0) return { chosen: [], optimal: true, nodes: 0 };
    const targets = sortedUnique(reduced.flat(2));
    const candidatesByTarget = new Map();
    for (let candidate = 0; candidate < model.definedCount; candidate++) {
      for (const target of targets) {
        if (!has(model.closures[candidate], target)) continue;
        if (!candidatesByTarget.has(target)) candidatesByTarget.set(target, []);
        candidatesByTarget.get(target).push(candidate);
      }
    }
    const kept = undominated(model, [...candidatesByTarget.values()].flat(), targets);
    for (const [target, list] of candidatesByTarget) candidatesByTarget.set(target, list.filter((c) => kept.has(c)));

    let chosen = [];
    let optimal = true;
    let nodes = 0;
    for (const component of components(model, reduced, candidatesByTarget)) {
      const result = searchComponent(model, component, candidatesByTarget, Math.max(0, nodeBudget - nodes));
      nodes += result.nodes;
      optimal = optimal && !result.exhausted;
      if (result.best) chosen = chosen.concat(result.best.chosen);
    }
    return { chosen: withoutRedundantMembers(model, chosen), optimal, nodes };
  }

  // ---- Resolution (port of Resolver.swift) ------------------------------------------------------

  /** `scope` itself when defined, else the first defined scope whose closure holds it; -1 if none. */
  const definedScopeFor = (model, scope) =>
    scope < model.definedCount ? scope : model.closures.findIndex((closure) => has(closure, scope));

  const actionsOf = (model, selection) =>
    selection.length === 0 ? model.actions : selection.map((id) => model.actions[model.actionIndex.get(id)]);

  /**
   * Resolves a selection of action ids (unknown ids ignored; order and duplicates do not matter).
   * Returns plain data: `{selection, isFullGuide, scopes, scopeNames, granted, grantedNames,
   * usesDefaultScopes, optimal, nodes, chosenAlternatives: {id: [indices]},
   * explanation: [{scope, actions}]}`.
   */
  function resolve(model, ids, options = {}) {
    const nodeBudget = options.nodeBudget ?? NODE_BUDGET;
    const selection = normalizeSelection(model, ids);
    const isFullGuide = selection.length === 0;
    const actions = actionsOf(model, selection);
    let numbers;
    let optimal = true;
    let nodes = 0;
    let usesDefaultScopes = false;
    if (!isFullGuide) {
      ({ chosen: numbers, optimal, nodes } = minimalScopes(model, actions.map((a) => a.alternatives), nodeBudget));
    } else if (model.defaultScopes !== null) {
      numbers = model.defaultScopes;
      usesDefaultScopes = true;
    } else if (model.fullGuideScopes !== null) {
      numbers = model.fullGuideScopes;
    } else {
      const mentioned = model.actions.flatMap((a) => [...new Set(a.alternatives.flat())]);
      numbers = mentioned.map((scope) => definedScopeFor(model, scope)).filter((n) => n >= 0);
    }
    const chosen = sortedUnique(numbers);
    const grantedBits = new Uint32Array(model.words);
    for (const n of chosen) if (n < model.definedCount) formUnion(grantedBits, model.closures[n]);

    const chosenAlternatives = {};
    for (const action of actions) {
      const enabled =
        action.alternatives.find((alt) => alt.every((t) => has(grantedBits, t))) ??
        (isFullGuide ? action.alternatives[0] : undefined);
      if (enabled !== undefined) chosenAlternatives[action.id] = enabled.slice();
    }
    const explanation = chosen.map((number) => ({
      scope: model.scopes[number],
      actions: actions
        .filter((a) => number < model.definedCount && (chosenAlternatives[a.id] || []).some((t) => has(model.closures[number], t)))
        .map((a) => a.id),
    }));
    const granted = members(grantedBits);
    const names = (list) => list.map((n) => model.scopes[n]);
    return {
      selection,
      isFullGuide,
      scopes: chosen,
      scopeNames: names(chosen),
      granted,
      grantedNames: names(granted),
      usesDefaultScopes,
      optimal,
      nodes,
      chosenAlternatives,
      explanation,
    };
  }

  // ---- Tailoring (port of TailoredGuide.swift) --------------------------------------------------

  const nameSetCache = new WeakMap();
  const nameSets = (resolution) => {
    if (!nameSetCache.has(resolution)) {
      nameSetCache.set(resolution, { chosen: new Set(resolution.scopeNames), granted: new Set(resolution.grantedNames) });
    }
    return nameSetCache.get(resolution);
  };

  /** Whether a step or section with these scope names passes its own test. */
  const meets = (model, resolution, scopeNames) => {
    if (scopeNames.length === 0 || resolution.isFullGuide) return true;
    const { chosen, granted } = nameSets(resolution);
    return scopeNames.some((name) => chosen.has(name) || granted.has(name));
  };

  /** A step's display scopes: all when nothing is selected, else those in M, in list order. */
  const displayScopes = (model, resolution, displayNames) =>
    resolution.isFullGuide ? displayNames.slice() : displayNames.filter((name) => nameSets(resolution).chosen.has(name));

  /**
   * Labels of the considered actions (all when nothing is selected, else the selected ones) whose
   * chosen alternative needs a scope some displayed defined scope grants; code-point sorted,
   * duplicates kept (as Swift does).
   */
  function badge(model, resolution, displayed) {
    if (displayed.length === 0) return [];
    const indices = displayed.map((name) => model.scopeIndex.get(name)).filter((i) => i !== undefined);
    const grants = indices.filter((i) => i < model.definedCount).map((i) => model.closures[i]);
    // An undefined displayed scope (one a wildcard grants) still grants itself.
    const selves = new Set(indices.filter((i) => i >= model.definedCount));
    return actionsOf(model, resolution.selection)
      .filter((action) => {
        const alternative = resolution.chosenAlternatives[action.id];
        return alternative !== undefined && alternative.some((t) => selves.has(t) || grants.some((closure) => has(closure, t)));
      })
      .map((action) => action.label)
      .sort(compareCodePoints);
  }

  /**
   * Visibility, numbers, display scopes and badges of a guide's sections. Takes
   * `[{scopes: [names], steps: [{scopes: [names], displayScopes?: [names]}]}]` (`displayScopes`
   * defaults to `scopes`) and returns `[{visible, steps: [{visible, number, displayScopes, badge}]}]`;
   * a hidden step has `number: null` and empty lists.
   */
  function tailor(model, resolution, sections) {
    return sections.map((section) => {
      let number = 0;
      const steps = (section.steps || []).map((step) => {
        const scopes = step.scopes || [];
        if (!meets(model, resolution, scopes)) return { visible: false, number: null, displayScopes: [], badge: [] };
        const display = displayScopes(model, resolution, step.displayScopes || scopes);
        return {
          visible: true,
          number: ++number,
          displayScopes: display,
          badge: scopes.length === 0 ? [] : badge(model, resolution, display),
        };
      });
      const visible = meets(model, resolution, section.scopes || []) && (steps.length === 0 || steps.some((s) => s.visible));
      return { visible, steps };
    });
  }

  /** M joined by the named separator (`space` for an unknown name). */
  const scopesText = (model, resolution, separator) =>
    resolution.scopeNames.join(isSeparator(separator) ? SEPARATORS[separator] : " ");

  // ---- Encoding (port of FormEncoding.swift) ----------------------------------------------------

  const percent = (byte) => "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  const utf8 = (text) => new TextEncoder().encode(String(text));
  const isAlphanumeric = (b) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
  const QUERY_KEPT = new Set(Array.from("-._~:@!$'()*,;/?", (c) => c.charCodeAt(0)));
  const FORM_KEPT = new Set(Array.from("*-._", (c) => c.charCodeAt(0)));

  /** Percent-encodes all but ASCII letters, digits and `-._~:@!$'()*,;/?` (query values). */
  const encodeQueryValue = (text) =>
    Array.from(utf8(text), (b) => (isAlphanumeric(b) || QUERY_KEPT.has(b) ? String.fromCharCode(b) : percent(b))).join("");

  /** WHATWG form encoding: letters, digits and `*-._` kept, space as `+`, the rest `%XX`. */
  const formEncode = (text) =>
    Array.from(utf8(text), (b) =>
      isAlphanumeric(b) || FORM_KEPT.has(b) ? String.fromCharCode(b) : b === 0x20 ? "+" : percent(b)
    ).join("");

  const hexValue = (b) =>
    b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x41 && b <= 0x46 ? b - 0x37 : b >= 0x61 && b <= 0x66 ? b - 0x57 : -1;

  /** Decodes `%XX` and (form style) `+` as space; `null` on a malformed escape or non-UTF-8 bytes. */
  function decodeComponent(text, plusAsSpace = true) {
    const input = utf8(text);
    const bytes = [];
    for (let i = 0; i < input.length; i++) {
      const byte = input[i];
      if (byte === 0x25) {
        if (i + 2 >= input.length) return null;
        const high = hexValue(input[i + 1]);
        const low = hexValue(input[i + 2]);
        if (high < 0 || low < 0) return null;
        bytes.push(high * 16 + low);
        i += 2;
      } else {
        bytes.push(byte === 0x2b && plusAsSpace ? 0x20 : byte);
      }
    }
    try {
      return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(new Uint8Array(bytes));
    } catch {
      return null;
    }
  }

  // ---- Dynamic guide URL (port of GuideURL.swift, GuideURL+Parsing.swift) -----------------------

  /**
   * The canonical query without `?` for `{selection: [ids], separator, whitelabel,
   * variables: {name: value}}`; empty when every parameter has its default.
   */
  function buildQuery(model, { selection = [], separator = "space", whitelabel = false, variables = {} } = {}) {
    const parts = [];
    const ids = normalizeSelection(model, selection);
    if (ids.length > 0) parts.push("actions=" + ids.map(encodeQueryValue).join(","));
    if (separator !== "space" && isSeparator(separator)) parts.push(`separator=${separator}`);
    if (whitelabel) parts.push("whitelabel=1");
    for (const name of Object.keys(variables || {}).sort(compareCodePoints)) {
      parts.push(`var.${encodeQueryValue(name)}=${encodeQueryValue(variables[name])}`);
    }
    return parts.join("&");
  }

  /** `base + path`, then `?` and the canonical query when there is one. */
  const buildURL = (model, state) => {
    const query = buildQuery(model, state);
    return model.base + model.path + (query ? "?" + query : "");
  };

  /** Levenshtein distance over code-point arrays. */
  function editDistance(a, b) {
    if (a.length === 0) return b.length;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    let current = previous.slice();
    for (let i = 1; i <= a.length; i++) {
      current[0] = i;
      for (let j = 1; j <= b.length; j++) {
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      [previous, current] = [current, previous];
    }
    return previous[b.length];
  }

  /** Up to three candidates nearest to a mistyped name (port of NameSuggestions.swift). */
  function suggestions(name, candidates) {
    const lowered = name.toLowerCase();
    const target = Array.from(lowered);
    const threshold = Math.max(2, Math.floor(target.length / 4));
    return candidates
      .map((candidate, index) => {
        const other = candidate.toLowerCase();
        const distance = editDistance(target, Array.from(other));
        const related = name.length > 0 && (other.includes(lowered) || lowered.includes(other));
        if (distance > threshold && !related) return null;
        return { rank: related ? Math.min(distance, threshold) : distance, index, candidate };
      })
      .filter(Boolean)
      .sort((x, y) => x.rank - y.rank || x.index - y.index)
      .slice(0, 3)
      .map((entry) => entry.candidate);
  }

  const quoted = (value) => `"${value}"`;

  /**
   * Parses a query (with or without `?`) by the Swift rules, but keeps every valid part and reports
   * each problem instead of stopping at the first. Returns `{selection: [known ids, catalogue
   * order], hasActions, unknownActions: [ids], separator: name | null, whitelabel: bool | null,
   * variables: {name: value}, errors: [{kind, value, message}]}`.
   */
  function parseQuery(model, query) {
    const text = String(query ?? "").replace(/^\?/, "").replace(/#[\s\S]*$/, "");
    const errors = [];
    const report = (kind, value, message) => errors.push({ kind, value, message });
    const ids = [];
    let hasActions = false;
    let separatorValue = null;
    let whitelabelValue = null;
    const variables = {};
    const conflicts = new Set();
    const constraints = [];
    const conflicting = (name) => {
      if (!conflicts.has(name)) report("conflictingParameter", name, `parameter ${quoted(name)} is given more than once with different values`);
      conflicts.add(name);
    };
    for (const parameter of text.split("&")) {
      if (parameter.length === 0) continue;
      const equals = parameter.indexOf("=");
      const name = decodeComponent(equals >= 0 ? parameter.slice(0, equals) : parameter);
      const value = decodeComponent(equals >= 0 ? parameter.slice(equals + 1) : "");
      if (name === null || value === null) {
        report("malformedEncoding", parameter, `malformed percent-encoding in ${quoted(parameter)}`);
      } else if (name === "actions") {
        hasActions = true;
        ids.push(...value.split(",").map(trimWhitespace).filter(Boolean));
      } else if (name === "separator") {
        if (separatorValue !== null && separatorValue !== value) conflicting(name);
        else separatorValue = value;
      } else if (name === "whitelabel") {
        if (whitelabelValue !== null && whitelabelValue !== value) conflicting(name);
        else whitelabelValue = value;
      } else if (name === "granted" || name === "without") {
        constraints.push(name);
      } else if (name.startsWith("var.")) {
        const variable = name.slice(4);
        if (Object.prototype.hasOwnProperty.call(variables, variable) && variables[variable] !== value) conflicting(name);
        else variables[variable] = value;
      } else {
        report("unknownParameter", name, `unknown parameter ${quoted(name)} (expected actions, granted, without, separator, whitelabel or var.<name>)`);
      }
    }

    const unknownActions = [...new Set(ids.filter((id) => !model.actionIndex.has(id)))];
    const catalogueIds = model.actions.map((a) => a.id);
    for (const id of unknownActions) {
      const near = suggestions(id, catalogueIds);
      const hint = near.length === 0 ? "" : "; did you mean " + near.map(quoted).join(", ") + "?";
      report("unknownAction", id, `unknown action ${quoted(id)} for connector ${quoted(model.connector)}${hint}`);
    }
    let separator = null;
    if (separatorValue !== null) {
      const trimmed = trimWhitespace(separatorValue);
      if (isSeparator(trimmed)) separator = trimmed;
      else report("invalidSeparator", separatorValue, `invalid separator ${quoted(separatorValue)} (expected ${Object.keys(SEPARATORS).join(", ")})`);
    }
    let whitelabel = null;
    if (whitelabelValue !== null) {
      const flag = trimWhitespace(whitelabelValue).toLowerCase();
      if (flag === "1" || flag === "true" || flag === "") whitelabel = true;
      else if (flag === "0" || flag === "false") whitelabel = false;
      else report("invalidWhitelabel", whitelabelValue, `invalid whitelabel value ${quoted(whitelabelValue)} (expected 1, 0, true or false)`);
    }
    return { selection: normalizeSelection(model, ids), hasActions, unknownActions, separator, whitelabel, variables, errors, constraints };
  }

  /**
   * The provider's authorize URL: `base` + `scope=` (names joined by `delimiter`, form-encoded) +
   * `&response_type=code` (+ `client_id`, `redirect_uri` when given), as AuthorizeURL.swift builds it.
   */
  function authorizeURL(base, delimiter, scopeNames, { clientId = null, redirectUri = null } = {}) {
    const parts = ["scope=" + formEncode(scopeNames.join(delimiter ?? " ")), "response_type=code"];
    if (clientId != null) parts.push("client_id=" + formEncode(clientId));
    if (redirectUri != null) parts.push("redirect_uri=" + formEncode(redirectUri));
    return base + (base.includes("?") ? "&" : "?") + parts.join("&");
  }

  return Object.freeze({
    NODE_BUDGET,
    SEPARATORS,
    prepare,
    normalizeSelection,
    minimalScopes,
    resolve,
    meets,
    displayScopes,
    badge,
    tailor,
    scopesText,
    compareCodePoints,
    parseList,
    encodeQueryValue,
    formEncode,
    decodeComponent,
    buildQuery,
    buildURL,
    parseQuery,
    authorizeURL,
    suggestions,
  });
})();

// ---- DOM glue -----------------------------------------------------------------------------------

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

  /** Builds action rows from the catalogue when the page ships none. */
  function buildRows(model) {
    const list = document.querySelector("[data-guide-action-list]");
    const noResults = document.querySelector("[data-guide-no-results]");
    const parent = list || (noResults && noResults.parentNode);
    if (!parent) return;
    const before = noResults && noResults.parentNode === parent ? noResults : null;
    for (const action of model.actions) {
      const scopes = action.alternatives.map((alt) => alt.map((n) => model.scopes[n]).join(" ")).join(" or ");
      const row = document.createElement("label");
      row.className = "guides-scope-selector__row";
      row.setAttribute("data-guide-action", action.id);
      row.setAttribute("data-guide-action-label", action.label);
      row.setAttribute("data-guide-action-scopes", scopes);
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = action.id;
      const label = document.createElement("span");
      label.className = "guides-scope-selector__label";
      label.textContent = action.label;
      const scopeText = document.createElement("span");
      scopeText.className = "guides-scope-selector__scopes";
      scopeText.textContent = scopes;
      row.append(box, label, scopeText);
      parent.insertBefore(row, before);
    }
  }

  const rowId = (row) => {
    const box = row.querySelector('input[type="checkbox"]');
    return row.getAttribute("data-guide-action") || (box ? box.value : "");
  };

  const rowHaystack = (row) => {
    let scopes = row.getAttribute("data-guide-action-scopes");
    if (scopes == null) scopes = (row.querySelector("[data-guide-action-scopes]") || row).textContent;
    return [rowId(row), row.getAttribute("data-guide-action-label") || "", scopes].join("\n").toLowerCase();
  };

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
      separator: model.separator,
      whitelabel: model.whitelabel,
      variables: { ...model.variables },
    };
    const parsed = E.parseQuery(model, window.location.search);
    if (parsed.hasActions) state.selected = new Set(parsed.selection);
    if (parsed.separator !== null) state.separator = parsed.separator;
    if (parsed.whitelabel !== null) state.whitelabel = parsed.whitelabel;
    Object.assign(state.variables, parsed.variables);

    const errorBox = document.querySelector("[data-guide-url-error]");
    if (errorBox && parsed.errors.length > 0) {
      errorBox.textContent = parsed.errors.map((e) => e.message).join("\n");
      errorBox.style.whiteSpace = "pre-line";
      setHidden(errorBox, false);
    }
    if (state.whitelabel) all("[data-whitelabel-hide]").forEach((element) => setHidden(element, true));
    if (all("[data-guide-action]").length === 0) buildRows(model);
    all("[data-guide-loading]").forEach((element) => setHidden(element, true));

    const delimiterSelects = all("select[data-guide-scope-delimiter]");
    const showSeparator = () => {
      for (const select of delimiterSelects) {
        select.value = state.separator;
        for (const option of select.options) option.toggleAttribute("selected", option.value === state.separator);
      }
    };
    showSeparator();

    // The page's structure does not change, so read it once.
    const sections = all("[data-guide-section]").map((element) => ({
      element,
      scopes: E.parseList(element.getAttribute("data-guide-scopes")),
      steps: [],
    }));
    const steps = all("[data-guide-step]").map((element) => {
      const scopes = E.parseList(element.getAttribute("data-guide-scopes"));
      const list = element.getAttribute("data-guide-display-scopes-list");
      const step = {
        element,
        scopes,
        display: list == null ? scopes : E.parseList(list),
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
      const resolution = E.resolve(model, [...state.selected]);
      const urlState = { selection: resolution.selection, separator: state.separator, whitelabel: state.whitelabel, variables: state.variables };

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
        const href = E.authorizeURL(base, link.getAttribute("data-scope-delimiter"), resolution.scopeNames, {
          clientId: link.getAttribute("data-client-id"),
          redirectUri: link.getAttribute("data-redirect-uri"),
        });
        link.setAttribute("href", href);
        link.textContent = href;
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

      root.setAttribute("data-guide-optimal", resolution.optimal ? "1" : "0");
      if (updateHistory) {
        const query = E.buildQuery(model, urlState);
        try {
          window.history.replaceState(window.history.state, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
        } catch {
          // file: URLs and sandboxed frames may refuse; the URL field still shows the link.
        }
      }
    }

    function applySearch() {
      const search = document.querySelector("[data-guide-action-search]");
      const needle = search ? String(search.value || "").trim().toLowerCase() : "";
      let any = false;
      for (const row of all("[data-guide-action]")) {
        const match = needle === "" || rowHaystack(row).includes(needle);
        setHidden(row, !match);
        any = any || match;
      }
      all("[data-guide-no-results]").forEach((element) => setHidden(element, any));
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

    document.addEventListener("input", (event) => {
      if (event.target instanceof Element && event.target.matches("[data-guide-action-search]")) applySearch();
    });

    document.addEventListener("click", (event) => {
      if (!(event.target instanceof Element)) return;
      const button = event.target.closest(
        "[data-guide-select-all], [data-guide-clear], [data-guide-copy-url], [data-guide-copy-scopes], button[data-copy]"
      );
      if (!button) return;
      if (button.hasAttribute("data-guide-select-all")) {
        for (const row of all("[data-guide-action]")) {
          const id = rowId(row);
          if (!row.hidden && model.actionIndex.has(id)) state.selected.add(id);
        }
        render(true);
      } else if (button.hasAttribute("data-guide-clear")) {
        state.selected.clear();
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
    if (model.constrained) {
      // The engine tailored this page to an existing grant or refused scopes (granted=,
      // without=), which this script does not compute: keep its answer, and let the selection be
      // changed in the URL, where the engine applies them again.
      for (const input of all("[data-guide-action] input[type=checkbox], [data-guide-select-all], [data-guide-clear]")) input.disabled = true;
      root.setAttribute("data-guide-constrained", "1");
    } else {
      if (parsed.constraints.length > 0 && errorBox) {
        errorBox.textContent = [...parsed.errors.map((e) => e.message),
          "granted= and without= are applied by the scopeguide server and CLI, not by this page: the scopes shown ignore them."].join("\n");
        errorBox.style.whiteSpace = "pre-line";
        setHidden(errorBox, false);
      }
      render(false);
    }
    root.dataset.guideReady = "1";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

if (typeof module !== "undefined") module.exports = ScopeGuideEngine;
