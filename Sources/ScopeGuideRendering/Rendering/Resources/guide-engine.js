/*
 * ScopeGuide's page engine, `ScopeGuideEngine`: ES2020, no dependencies, no DOM, no network
 * access, no eval. It computes exactly what the Swift engine computes (DocC: "How the minimal
 * scopes are chosen", "The dynamic guide URL"): minimal scopes under privilege levels, existing
 * grants and refused scopes (what to add, what is unneeded, re-consent, unavailable actions),
 * chosen alternatives, visibility, display scopes, badges, the canonical dynamic guide URL and the
 * parsing of its query, with the engine's checks of customer variables (`var.<name>`: declared,
 * matching the variable's pattern as ICU reads it, reported with the engine's messages). The
 * search is a line-by-line port of Resolution/MinimalScopeSearch.swift (options, forced base,
 * independent groups, memo, bounds, node and work budgets), so the two agree even where a budget
 * runs out. It also writes the grant report's lines and the provider links (authorize URL,
 * prefilled credential forms). The committed engine vectors (Tests/ScopeGuideTests/Fixtures/
 * engine-vectors, the Swift engine's answers, replayed by scripts/engine-vectors.js in Node and
 * Chromium) check every function exported here; keep the two in step, and give a new function
 * its vectors (DocC: "Architecture", The engine vectors).
 *
 * The page ships this file followed by guide-page.js (the DOM glue) as one script
 * (`PageAssets.script`); Node loads this file alone.
 */
"use strict";

// `var`, not `const`: a global that the console and browser tests can reach.
var ScopeGuideEngine = (() => {
  const NODE_BUDGET = 200000;
  const WORK_BUDGET = 1000000;
  const SEPARATORS = Object.freeze({ space: " ", comma: ",", semicolon: ";", pipe: "|", newline: "\n" });
  const isSeparator = (name) => Object.prototype.hasOwnProperty.call(SEPARATORS, name);

  // ---- Bitsets over scope indices (Uint32Array words) -------------------------------------------

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
  const WHITESPACE_FIRST = new RegExp(`^[${WHITESPACE}]`);
  const isASCII = (text) => /^[\x00-\x7f]*$/.test(text);

  // Swift reads text as Characters (grapheme clusters): a comma followed by a combining mark
  // is one Character and not a comma, and a Character is white space when its first scalar is
  // (so a space followed by a combining mark is white space, mark and all). ASCII text, which
  // URLs and most names are, is one Character per code unit (CR LF aside, which changes nothing
  // here) and takes the quick path.

  /** Character.isWhitespace: the Character's first scalar is Unicode White_Space. */
  const isWhitespaceCharacter = (c) => WHITESPACE_FIRST.test(c);

  /** Swift's `trimmingWhitespace`: without leading and trailing white-space Characters. */
  function trimWhitespace(text) {
    if (isASCII(text)) return text.replace(TRIM, "");
    const characters = characterList(text);
    let start = 0;
    let end = characters.length;
    while (start < end && isWhitespaceCharacter(characters[start])) start += 1;
    while (end > start && isWhitespaceCharacter(characters[end - 1])) end -= 1;
    return characters.slice(start, end).join("");
  }

  /** Swift's `split(whereSeparator:)` on Characters: the non-empty runs between separators. */
  function splitCharacters(text, isSeparator) {
    const pieces = [];
    let current = "";
    for (const c of characterList(text)) {
      if (!isSeparator(c)) current += c;
      else if (current !== "") {
        pieces.push(current);
        current = "";
      }
    }
    if (current !== "") pieces.push(current);
    return pieces;
  }

  /** The text before and after its first `separator` Character, or `[text]` when it has none. */
  function splitAtFirst(text, separator) {
    if (isASCII(text)) {
      const at = text.indexOf(separator);
      return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
    }
    const characters = characterList(text);
    const at = characters.indexOf(separator);
    return at < 0 ? [text] : [characters.slice(0, at).join(""), characters.slice(at + 1).join("")];
  }

  /** Swift's `lowercased()`: each scalar's lowercase mapping alone (no final-sigma rule). */
  const lowercased = (text) => (isASCII(text) ? text.toLowerCase() : Array.from(text, (c) => c.toLowerCase()).join(""));

  /** A comma-separated attribute value as names (trimmed, empty items dropped). */
  const parseList = (text) => (text == null ? [] : String(text).split(",").map(trimWhitespace).filter(Boolean));

  // ---- Model ------------------------------------------------------------------------------------

  const fail = (message) => {
    throw new TypeError(`ScopeGuideEngine: ${message}`);
  };
  const GRANT_CHANGES = ["new-credential", "edit", "reauthorize", "incremental"];
  const replacesGrant = (change) => change === "new-credential" || change === "reauthorize";
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
    if (data.levels != null && !(Array.isArray(data.levels) && data.levels.length === definedCount && data.levels.every(Number.isInteger))) {
      fail("levels must hold one privilege level per defined scope");
    }
    // granters[i]: the defined scopes other than i whose closure holds i (ScopeGraph.granters).
    const granters = scopes.map(() => []);
    closures.forEach((closure, granter) => {
      for (const scope of members(closure)) if (scope !== granter) granters[scope].push(granter);
    });
    const { weights, bigWeights } = privilegeWeights(data.levels, scopes.length);
    // ActionIndex.swift: the actions that need a scope, and per scope the ones that name it.
    const scoped = actions.filter((a) => a.alternatives.length > 0 && a.alternatives.every((alt) => alt.length > 0));
    const mentions = scopes.map(() => []);
    scoped.forEach((action, index) => {
      for (const alternative of action.alternatives) {
        for (const s of alternative) if (mentions[s][mentions[s].length - 1] !== index) mentions[s].push(index);
      }
    });
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
      // GrantChange.swift: how the provider changes a grant; an unknown value reads as the default.
      grantChange: GRANT_CHANGES.includes(data.grantChange) ? data.grantChange : "reauthorize",
      whitelabel: data.whitelabel === true,
      variables: { ...(data.variables || {}) },
      declaredVariables: declaredVariables(data.declaredVariables),
      selection: Array.isArray(data.selection) ? data.selection.slice() : [],
      // The page's consent stages (`stages=`), only on a page asked for in stages.
      stages: Array.isArray(data.stages) ? data.stages.filter(Array.isArray).map((stage) => stage.slice()) : [],
      granted: Array.isArray(data.granted) ? data.granted.slice() : [],
      refused: Array.isArray(data.refused) ? data.refused.slice() : [],
      resolution: data.resolution && typeof data.resolution === "object" ? data.resolution : null,
      prefill: data.prefill && typeof data.prefill === "object" ? data.prefill : null,
      grantChangeText: typeof data.grantChangeText === "string" ? data.grantChangeText : null,
      granters,
      weights,
      bigWeights,
      scoped,
      mentions,
    };
  }

  /**
   * Each scope's cost by its privilege level, as PrivilegeWeights.swift computes it: each level
   * weighs one more than all lower-level scopes together (capped at `Int.max / (scopes + 1)`),
   * so comparing totals compares counts level by level from the top. `weights: null` when every
   * scope is at one level. Numbers while every total fits a double exactly, else BigInts.
   */
  function privilegeWeights(definedLevels, scopeCount) {
    if (definedLevels == null) return { weights: null, bigWeights: false };
    const levels = Array.from({ length: scopeCount }, (_, i) => (i < definedLevels.length ? definedLevels[i] : 1));
    const distinct = [...new Set(levels)].sort(ascending);
    if (distinct.length <= 1) return { weights: null, bigWeights: false };
    const intMax = 2n ** 63n - 1n;
    const cap = intMax / BigInt(scopeCount + 1);
    const weightOfLevel = new Map();
    let lowerTotal = 0n;
    for (const level of distinct) {
      const weight = lowerTotal + 1n < cap ? lowerTotal + 1n : cap;
      weightOfLevel.set(level, weight);
      const product = weight * BigInt(levels.filter((l) => l === level).length);
      lowerTotal = product > intMax ? cap : lowerTotal + product < cap ? lowerTotal + product : cap;
    }
    const weights = levels.map((l) => weightOfLevel.get(l));
    const total = weights.reduce((x, y) => x + y, 0n);
    if (total <= BigInt(Number.MAX_SAFE_INTEGER)) return { weights: weights.map(Number), bigWeights: false };
    return { weights, bigWeights: true };
  }

  /**
   * The position of the action `id` names, as Swift's dictionaries find it: by canonical
   * equivalence ("é" and "e\u0301" are one id), the first of equal ids. `undefined` if none.
   */
  function actionPosition(model, id) {
    const exact = model.actionIndex.get(id);
    if (exact !== undefined) return exact;
    if (!model.actionIndexNFC) {
      model.actionIndexNFC = new Map();
      model.actions.forEach((a, i) => model.actionIndexNFC.has(nfc(a.id)) || model.actionIndexNFC.set(nfc(a.id), i));
    }
    return model.actionIndexNFC.get(nfc(String(id)));
  }

  /** The position of the scope `name` names, found as ``actionPosition`` finds actions. */
  function scopePosition(model, name) {
    const exact = model.scopeIndex.get(name);
    if (exact !== undefined) return exact;
    if (!model.scopeIndexNFC) {
      model.scopeIndexNFC = new Map();
      model.scopes.forEach((scope, i) => model.scopeIndexNFC.has(nfc(scope)) || model.scopeIndexNFC.set(nfc(scope), i));
    }
    return model.scopeIndexNFC.get(nfc(String(name)));
  }

  /** `texts` without repeats, canonical equivalents counting as repeats (as a Swift `Set<String>`). */
  function uniqueText(texts) {
    const seen = new Set();
    return texts.filter((text) => {
      const key = isASCII(text) ? text : nfc(text);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** Known ids of `ids`, deduplicated, in catalogue order (Swift's `Selection`). */
  const normalizeSelection = (model, ids) => {
    const positions = new Set();
    for (const id of ids || []) {
      const position = actionPosition(model, id);
      if (position !== undefined) positions.add(position);
    }
    return [...positions].sort(ascending).map((p) => model.actions[p].id);
  };

  // ---- Minimal-scope search (port of MinimalScopeSearch.swift) ----------------------------------
  //
  // A line-by-line port of the Swift search: options as minimal grant closures, a forced base,
  // independent groups, a memo of solved groups, the same lower bounds, branching order and node
  // and work budgets, and the same cost (privilege weights, then tops, then definition order).
  // Being the same algorithm, it gives the same answer as the engine even when a budget runs out
  // (the shared engine vectors check both).

  const OPTION_LIMIT = 256;
  const intersects = (a, b) => {
    for (let i = 0; i < a.length; i++) if ((a[i] & b[i]) !== 0) return true;
    return false;
  };
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

  /** Everything the scope numbers `granted` grant together (an undefined scope grants itself). */
  const closureOf = (model, granted) => {
    const result = new Uint32Array(model.words);
    for (const n of granted) {
      if (n < model.definedCount) formUnion(result, model.closures[n]);
      else add(result, n);
    }
    return result;
  };

  /** ActionIndex.authority: how many actions (of those needing a scope) `granted` enables. */
  const authorityOf = (model, granted, state = null) => {
    const seen = new Set();
    let total = 0;
    for (const s of members(granted)) {
      if (state) state.work += model.mentions[s].length;
      for (const index of model.mentions[s]) {
        if (seen.has(index)) continue;
        seen.add(index);
        if (model.scoped[index].alternatives.some((alt) => alt.every((n) => has(granted, n)))) total += 1;
      }
    }
    return total;
  };

  /** ActionIndex.scopesBeside: every scope named by an action that names a member of `set`. */
  const scopesBeside = (model, set) => {
    const result = new Uint32Array(model.words);
    const seen = new Set();
    for (const s of members(set)) {
      for (const index of model.mentions[s]) {
        if (seen.has(index)) continue;
        seen.add(index);
        for (const alternative of model.scoped[index].alternatives) for (const n of alternative) add(result, n);
      }
    }
    return result;
  };

  /** ScopeGraph.tops: the members no other member grants (of two that grant each other, the earlier). */
  const graphTops = (model, granted) =>
    members(granted).filter(
      (scope) =>
        scope < model.definedCount &&
        !model.granters[scope].some((g) => has(granted, g) && (!has(model.closures[scope], g) || g < scope))
    );

  /** SolutionCost: weights (or counts) and tops outside the existing grant. */
  function costMeasure(model, existing) {
    const weights = model.weights;
    const zero = model.bigWeights ? 0n : 0;
    const one = model.bigWeights ? 1n : 1;
    const weight = weights ? (s) => weights[s] : () => one;
    let maxWeight = one;
    if (weights) for (const w of weights) if (w > maxWeight) maxWeight = w;
    return {
      zero,
      weight,
      maxWeight,
      of(set) {
        let total = zero;
        for (const s of members(set)) total += weight(s);
        return total;
      },
      adding(option, granted) {
        let total = zero;
        for (const s of option.m) if (!has(granted, s)) total += weight(s);
        return total;
      },
      tops(granted) {
        const tops = graphTops(model, granted);
        return existing ? tops.filter((t) => !has(existing, t)) : tops;
      },
      fromNumber: (x) => (model.bigWeights ? BigInt(x) : x),
    };
  }

  /**
   * The search of MinimalScopeSearch.swift: `requirements` holds, per action, its alternatives as
   * lists of scope numbers. Returns `{chosen, optimal, nodes, work}`.
   */
  function minimalScopes(model, requirements, options = {}) {
    const nodeBudget = options.nodeBudget ?? NODE_BUDGET;
    const workBudget = options.workBudget ?? WORK_BUDGET;
    const refused = options.refused ?? null;
    const existing = options.existing ?? null;
    const splitsGroups = options.splitsGroups ?? true;
    const { closures, definedCount, words, granters } = model;

    // Options are interned, so equal closures are one object and compare by identity.
    const interned = new Map();
    const intern = (bits) => {
      const m = members(bits);
      const key = m.join(",");
      let option = interned.get(key);
      if (!option) {
        option = { id: interned.size, m, b: bits };
        interned.set(key, option);
      }
      return option;
    };

    const cheapestGrants = (scope) => {
      if (scope < definedCount) {
        if (refused && intersects(closures[scope], refused)) return [];
        return [closures[scope]];
      }
      const list = granters[scope].filter((g) => !refused || !intersects(closures[g], refused));
      return list
        .filter((c) => !list.some((d) => d !== c && isSubset(closures[d], closures[c]) && (!equal(closures[d], closures[c]) || d < c)))
        .map((c) => closures[c]);
    };

    const optionsOf = (alternatives) => {
      if (alternatives.length === 1 && alternatives[0].length === 1 && alternatives[0][0] < definedCount) {
        const closure = closures[alternatives[0][0]];
        if (refused && intersects(closure, refused)) return { options: [], complete: true };
        return { options: [intern(closure)], complete: true };
      }
      const found = [];
      let complete = true;
      for (const alternative of alternatives) {
        let ways = [new Uint32Array(words)];
        for (const target of sortedUnique(alternative)) {
          const grants = cheapestGrants(target);
          if (ways.length * grants.length > OPTION_LIMIT) complete = false;
          const next = [];
          outer: for (const way of ways) {
            for (const g of grants) {
              if (next.length >= OPTION_LIMIT) break outer;
              next.push(union(way, g));
            }
          }
          ways = next;
        }
        found.push(...ways);
      }
      const minimal = found
        .map((_, i) => i)
        .filter((i) => !found.some((c, j) => j !== i && isSubset(c, found[i]) && (!equal(c, found[i]) || j < i)));
      return {
        options: minimal.slice(0, OPTION_LIMIT).map((i) => intern(found[i])),
        complete: complete && minimal.length <= OPTION_LIMIT,
      };
    };

    const base = existing ? existing.slice() : new Uint32Array(words);
    let open = [];
    const seen = new Set();
    let optimal = true;
    for (const requirement of requirements) {
      const { options: found, complete } = optionsOf(requirement);
      optimal = optimal && complete;
      if (found.length === 1) formUnion(base, found[0].b);
      else if (found.length > 1) {
        const key = found.map((o) => o.id).join(",");
        if (!seen.has(key)) {
          seen.add(key);
          open.push(found);
        }
      }
    }
    open = open.filter((found) => !found.some((o) => isSubset(o.b, base)));

    const measure = costMeasure(model, existing);
    const search = branchAndBound(model, { budget: nodeBudget, workBudget, splitsGroups, measure });
    const first = search.solveReportingTies(open, base);
    let best = first.best;
    let { nodes, work } = search.state;
    // As in Swift: after a search that split groups, a second one whose groups the catalogue's
    // actions join refines authority from that answer, with a tenth of the budgets.
    // Only the groups that met a tie on levels and count are searched again (as in Swift).
    if (!search.state.exhausted && first.groups.some((g) => g.tied)) {
      const fixed = base.slice();
      const tied = [];
      for (const group of first.groups) {
        if (group.tied) tied.push(...group.requirements);
        else formUnion(fixed, group.added);
      }
      const refine = branchAndBound(model, {
        budget: Math.min(nodeBudget - nodes, Math.floor(nodeBudget / 100)),
        workBudget: Math.min(workBudget - work, Math.floor(workBudget / 100)),
        splitsGroups,
        measure,
        refinesAuthority: true,
        incumbent: best.granted,
      });
      const refined = refine.solve(tied, fixed);
      if (search.isBetter(refined, best)) best = refined;
      nodes += refine.state.nodes;
      work += refine.state.work;
    }
    return { chosen: best.tops, optimal: optimal && !search.state.exhausted, nodes, work };
  }

  /** BranchAndBound of MinimalScopeSearch.swift. */
  function branchAndBound(model, { budget, workBudget, splitsGroups, measure, refinesAuthority = false, incumbent = null }) {
    const { words, granters, scopes } = model;
    const state = { nodes: 0, work: 0, exhausted: false, splits: 0, sawTie: false };
    const solved = new Map();
    const solution = (granted) => ({ granted, cost: measure.of(granted), tops: measure.tops(granted), authority: null });
    const authority = (s) => (s.authority === null ? (s.authority = authorityOf(model, s.granted)) : s.authority);
    // The first search (not refining) leaves authority to the second, as in Swift.
    const isBetter = (a, b, byAuthority = true) => {
      if (a.cost !== b.cost) return a.cost < b.cost;
      if (a.tops.length !== b.tops.length) return a.tops.length < b.tops.length;
      if (!byAuthority) return compareLists(a.tops, b.tops) < 0;
      const [x, y] = [authority(a), authority(b)];
      if (x !== y) return x < y;
      return compareLists(a.tops, b.tops) < 0;
    };
    const isSatisfied = (found, granted) => found.some((o) => isSubset(o.b, granted));
    const minOf = (list) => list.reduce((x, y) => (y < x ? y : x));

    function solve(requirements, granted) {
      const open = requirements.filter((r) => !isSatisfied(r, granted));
      const groups = independentGroups(open, granted);
      if (groups.length === 1) return solveGroup(open, granted);
      state.splits += 1;
      return combine(groups, granted);
    }

    function solveReportingTies(requirements, granted) {
      const open = requirements.filter((r) => !isSatisfied(r, granted));
      const groups = independentGroups(open, granted);
      if (groups.length > 1) state.splits += 1;
      const combined = granted.slice();
      const reports = [];
      for (const group of groups) {
        state.sawTie = false;
        const added = solveGroup(group, granted).granted.slice();
        formUnion(combined, added);
        for (let i = 0; i < words; i++) added[i] &= ~granted[i];
        reports.push({ requirements: group, added, tied: state.sawTie });
      }
      return { best: solution(combined), groups: reports };
    }

    function combine(groups, granted) {
      const combined = granted.slice();
      for (const group of groups) formUnion(combined, solveGroup(group, granted).granted);
      return solution(combined);
    }

    function solveGroup(requirements, granted) {
      const footprint = new Uint32Array(words);
      for (const found of requirements) for (const o of found) formUnion(footprint, o.b);
      const relevant = footprint.slice();
      for (const scope of members(footprint)) for (const g of granters[scope]) add(relevant, g);
      if (refinesAuthority) formUnion(relevant, scopesBeside(model, footprint));
      for (let i = 0; i < words; i++) relevant[i] &= granted[i];
      const key = requirements.map((r) => r.map((o) => o.id).join(",")).join(";") + "|" + members(relevant).join(",");
      const known = solved.get(key);
      if (known) return solution(union(granted, known));

      const best = { value: greedy(requirements, granted) };
      if (incumbent) {
        // Its part in this group satisfies every requirement of the group.
        const part = incumbent.slice();
        for (let i = 0; i < words; i++) part[i] &= footprint[i];
        consider(solution(union(granted, part)), best);
      }
      search(requirements, granted, measure.of(granted), [], best);
      if (!state.exhausted) {
        const added = best.value.granted.slice();
        for (let i = 0; i < words; i++) added[i] &= ~granted[i];
        solved.set(key, added);
      }
      return best.value;
    }

    function greedy(requirements, start) {
      const granted = start.slice();
      for (const found of requirements) {
        if (isSatisfied(found, granted)) continue;
        let pick = found[0];
        let pickCost = measure.adding(pick, granted);
        for (const o of found.slice(1)) {
          const c = measure.adding(o, granted);
          if (c < pickCost) [pick, pickCost] = [o, c];
        }
        formUnion(granted, pick.b);
      }
      return solution(granted);
    }

    function consider(candidate, best) {
      const current = best.value;
      if (candidate.cost === current.cost && candidate.tops.length === current.tops.length && !equal(candidate.granted, current.granted)) state.sawTie = true;
      if (isBetter(candidate, best.value, refinesAuthority)) best.value = candidate;
    }

    function search(requirements, granted, cost, forbidden, best) {
      state.nodes += 1;
      state.work += requirements.reduce((n, r) => n + r.length, forbidden.length);
      if (state.nodes > budget || state.work > workBudget) {
        state.exhausted = true;
        return;
      }
      if (forbidden.some((o) => isSubset(o.b, granted))) return;
      const open = requirements.filter((r) => !isSatisfied(r, granted));
      let branch = null;
      for (const r of open) if (branch === null || r.length < branch.length) branch = r;
      if (branch === null) {
        consider(solution(granted), best);
        return;
      }
      const bound = lowerBound(open, granted);
      if (cost + bound.added > best.value.cost) return;
      if (cost + bound.added === best.value.cost && bound.scopes > best.value.tops.length) return;
      if (refinesAuthority && cost + bound.added === best.value.cost && bound.scopes === best.value.tops.length && authorityOf(model, granted, state) > authority(best.value)) return;
      const groups = independentGroups(open, granted);
      if (groups.length > 1) {
        state.splits += 1;
        consider(combine(groups, granted), best);
        return;
      }
      const ordered = branch
        .map((o, index) => ({ added: measure.adding(o, granted), index }))
        .sort((x, y) => cmp(x.added, y.added) || x.index - y.index);
      const siblings = forbidden.slice();
      for (const { added, index } of ordered) {
        search(open, union(granted, branch[index].b), cost + added, siblings.slice(), best);
        if (state.exhausted) return;
        siblings.push(branch[index]);
      }
    }

    function lowerBound(open, granted) {
      const counted = new Uint32Array(words);
      let packing = measure.zero;
      let packed = 0;
      const touchesCounted = (o) => {
        for (let i = 0; i < words; i++) if ((o.b[i] & ~granted[i] & counted[i]) !== 0) return true;
        return false;
      };
      for (const found of open) {
        if (found.some(touchesCounted)) continue;
        packing += minOf(found.map((o) => measure.adding(o, granted)));
        packed += 1;
        for (const o of found) for (let i = 0; i < words; i++) counted[i] |= o.b[i] & ~granted[i];
      }
      const sharers = new Map();
      const touched = new Uint32Array(words);
      for (const found of open) {
        const footprint = new Uint32Array(words);
        for (const o of found) formUnion(footprint, o.b);
        formUnion(touched, footprint);
        for (const s of members(footprint)) if (!has(granted, s)) sharers.set(s, (sharers.get(s) ?? 0) + 1);
      }
      let sharing = 0;
      // Shares of very large weights lose precision in a double (as in Swift): packing only then.
      if (measure.maxWeight < 2 ** 40) {
        for (const found of open) {
          sharing += minOf(
            found.map((o) => o.m.reduce((sum, s) => (has(granted, s) ? sum : sum + Number(measure.weight(s)) / sharers.get(s)), 0))
          );
        }
      }
      const lasting = measure.tops(granted).filter((t) => !has(touched, t)).length;
      const shared = measure.fromNumber(Math.ceil(sharing - 1e-9) || 0);
      return { added: packing > shared ? packing : shared, scopes: lasting + packed };
    }

    function independentGroups(requirements, granted) {
      if (requirements.length <= 1 || !splitsGroups) return requirements.length === 0 ? [] : [requirements];
      const settled = granted.slice();
      for (const top of graphTops(model, granted)) settled[top >>> 5] &= ~(1 << (top & 31));
      const parent = requirements.map((_, i) => i);
      const root = (x) => {
        while (parent[x] !== x) x = parent[x] = parent[parent[x]];
        return x;
      };
      const owner = new Int32Array(scopes.length).fill(-1);
      requirements.forEach((found, index) => {
        for (const o of found) {
          for (const s of o.m) {
            if (has(settled, s)) continue;
            if (owner[s] < 0) owner[s] = index;
            else parent[root(index)] = root(owner[s]);
          }
        }
      });
      // An action of the catalogue that two groups' additions could enable joins them (authority).
      const actionOwner = new Map();
      if (refinesAuthority) requirements.forEach((found, index) => {
        for (const o of found) {
          for (const s of o.m) {
            if (has(granted, s)) continue;
            state.work += model.mentions[s].length;
            for (const action of model.mentions[s]) {
              const other = actionOwner.get(action);
              if (other !== undefined) {
                if (other >= 0) parent[root(index)] = root(other);
              } else {
                const enabled = model.scoped[action].alternatives.some((alt) => alt.every((n) => has(granted, n)));
                actionOwner.set(action, enabled ? -1 : index);
              }
            }
          }
        }
      });
      const groups = new Map();
      requirements.forEach((found, index) => {
        const key = root(index);
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(found);
      });
      return [...groups.values()];
    }

    return { state, solve, solveReportingTies, isBetter };
  }

  // ---- Resolution (port of Resolver.swift) ------------------------------------------------------

  /**
   * `scope` itself when defined, else the first defined scope whose closure holds it; -1 if none.
   * Only for page data without `fullGuideScopes` (Swift pages carry the engine's answer).
   */
  const definedScopeFor = (model, scope) =>
    scope < model.definedCount ? scope : model.closures.findIndex((closure) => has(closure, scope));

  const actionsOf = (model, selection) =>
    selection.length === 0 ? model.actions : selection.map((id) => model.actions[model.actionIndex.get(id)]);

  /**
   * Defined scope names of `names` in definition order without duplicates, and the unknown ones
   * (GuideURL.setConstraints).
   */
  function normalizeScopes(model, names) {
    const positions = new Set();
    const unknown = [];
    for (const name of names || []) {
      const position = scopePosition(model, name);
      if (position !== undefined && position < model.definedCount) positions.add(position);
      else unknown.push(name);
    }
    return { known: [...positions].sort(ascending).map((p) => model.scopes[p]), unknown: uniqueText(unknown) };
  }

  /** Scope names in a list written with any of the five separators (GuideURL.scopeNames). */
  const SCOPE_LIST_SPLIT = new RegExp(`[,;|${WHITESPACE}]+`, "u");
  const isScopeListSeparator = (c) => c === "," || c === ";" || c === "|" || isWhitespaceCharacter(c);
  const scopeNames = (text) => {
    const list = String(text ?? "");
    return isASCII(list) ? list.split(SCOPE_LIST_SPLIT).filter(Boolean) : splitCharacters(list, isScopeListSeparator);
  };

  /**
   * Resolves a selection of action ids (unknown ids ignored; order and duplicates do not matter).
   * `options`: `granted` and `refused` (scope names: the customer's existing grant and the scopes
   * their admin will not grant), `nodeBudget`, `workBudget`, and `answer` (`{scopes, optimal}`:
   * the engine's answer for exactly this selection and these constraints, shown instead of
   * searching again). Returns plain data: `{selection,
   * isFullGuide, scopes, scopeNames, granted, grantedNames, usesDefaultScopes, optimal, nodes,
   * chosenAlternatives: {id: [indices]}, explanation: [{scope, actions}], constraints: {granted,
   * refused}, grant: {enabled, add, unneeded} | null, unavailable, pending: [ids] | null}`.
   */
  function resolve(model, ids, options = {}) {
    const selection = normalizeSelection(model, ids);
    const granted = normalizeScopes(model, options.granted).known;
    const refusedNames = normalizeScopes(model, options.refused).known;
    if (granted.length === 0 && refusedNames.length === 0) return resolveFree(model, selection, options);
    const { closures, definedCount } = model;
    const number = (name) => model.scopeIndex.get(name);
    const refused = closureOf(model, []);
    refusedNames.forEach((name) => add(refused, number(name)));
    // Refusal wins: a granted scope whose closure holds a refused one is not counted as granted.
    const grantedNumbers = granted.map(number).filter((n) => !intersects(closureOf(model, [n]), refused));
    const existing = closureOf(model, grantedNumbers);
    const positions = selection.length === 0 ? model.actions.map((_, i) => i) : selection.map((id) => model.actionIndex.get(id));
    const requirements = model.actions.map((a) => a.alternatives);
    const isGrantable = (alternative) =>
      alternative.every((target) => {
        if (has(existing, target)) return true;
        if (target < definedCount) return !intersects(closures[target], refused);
        return model.granters[target].some((g) => !intersects(closures[g], refused));
      });
    const enabled = [], unavailable = [], pending = [];
    for (const position of positions) {
      const alternatives = requirements[position];
      // No alternatives: the action needs no scope, so any grant already enables it (Resolver.swift).
      if (alternatives.length === 0 || alternatives.some((alt) => alt.every((t) => has(existing, t)))) enabled.push(position);
      else if (!alternatives.some(isGrantable)) unavailable.push(position);
      else pending.push(position);
    }
    // Where the provider replaces the grant, everything is asked for again (Resolver.swift).
    const replaces = replacesGrant(model.grantChange) && granted.length > 0;
    const needed = [...enabled, ...pending].sort(ascending);
    const solved = replaces ? needed.filter((p) => requirements[p].length > 0) : pending;
    const kept = replaces ? new Uint32Array(model.words) : existing;
    // With the engine's answer (the page's initial state), only the cheap parts are redone.
    const outcome = options.answer
      ? { chosen: sortedUnique(options.answer.scopes), optimal: options.answer.optimal !== false, nodes: 0 }
      : minimalScopes(model, solved.map((p) => requirements[p]), { nodeBudget: options.nodeBudget, workBudget: options.workBudget, refused, existing: replaces ? null : existing });
    const added = closureOf(model, outcome.chosen);
    const all = union(kept, added);

    // Granted scopes no selected action needs with the rest: dropped one by one from the last,
    // so the ones reported can be revoked together (where the grant is kept).
    let remaining = grantedNumbers.filter((n) => n < definedCount);
    const unneeded = [];
    for (const n of replaces ? [] : remaining.slice().reverse()) {
      const without = closureOf(model, remaining.filter((k) => k !== n).concat(outcome.chosen));
      if (needed.every((p) => requirements[p].length === 0 || requirements[p].some((alt) => alt.every((t) => has(without, t))))) {
        remaining = remaining.filter((k) => k !== n);
        unneeded.push(n);
      }
    }
    const dropped = replaces ? sortedUnique(grantedNumbers.filter((n) => n < definedCount && !has(added, n))) : unneeded.slice().sort(ascending);

    const chosenAlternatives = {};
    const explanation = outcome.chosen.map((n) => ({ scope: model.scopes[n], actions: [] }));
    for (const position of solved) {
      const index = requirements[position].findIndex((alt) => alt.every((t) => has(all, t)));
      if (index < 0) continue;
      const action = model.actions[position];
      chosenAlternatives[action.id] = action.alternatives[index].slice();
      outcome.chosen.forEach((n, offset) => {
        if (requirements[position][index].some((t) => has(closures[n], t) && !has(kept, t))) explanation[offset].actions.push(action.id);
      });
    }
    const ids_ = (list) => list.map((p) => model.actions[p].id);
    const names = (list) => list.map((n) => model.scopes[n]);
    const grantedList = members(added);
    return {
      selection,
      isFullGuide: false,
      scopes: outcome.chosen,
      scopeNames: names(outcome.chosen),
      granted: grantedList,
      grantedNames: names(grantedList),
      usesDefaultScopes: false,
      optimal: outcome.optimal,
      nodes: outcome.nodes,
      chosenAlternatives,
      explanation,
      constraints: { granted, refused: refusedNames },
      grant: granted.length === 0 ? null : (() => {
        // Where the grant already enables every selected action nothing is asked for (Resolver.swift).
        const add = !replaces ? names(outcome.chosen) : pending.length === 0 ? [] : names(outcome.chosen.filter((n) => !has(existing, n)));
        return {
          change: model.grantChange,
          enabled: ids_(enabled),
          request: names(outcome.chosen),
          add,
          drop: names(dropped),
          unneeded: names(unneeded.sort(ascending)),
          reconsent: add.length > 0,
        };
      })(),
      unavailable: ids_(unavailable),
      pending: ids_(replaces ? solved : pending),
    };
  }

  /** Resolver.resolve(_:for:): no grant, no refusal. */
  function resolveFree(model, selection, options) {
    const isFullGuide = selection.length === 0;
    const actions = actionsOf(model, selection);
    let numbers;
    let optimal = true;
    let nodes = 0;
    let usesDefaultScopes = false;
    if (!isFullGuide && options.answer) {
      numbers = options.answer.scopes;
      optimal = options.answer.optimal !== false;
    } else if (!isFullGuide) {
      ({ chosen: numbers, optimal, nodes } = minimalScopes(model, actions.map((a) => a.alternatives), options));
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
    const grantedBits = closureOf(model, chosen);

    const chosenAlternatives = {};
    for (const action of actions) {
      const enabled =
        action.alternatives.find((alt) => alt.every((t) => has(grantedBits, t))) ??
        (isFullGuide ? action.alternatives[0] : undefined);
      if (enabled !== undefined) chosenAlternatives[action.id] = enabled.slice();
    }
    // Which chosen scopes grant each scope, so each action is looked at once (as in Resolver.swift):
    // a full guide has every action and hundreds of scopes.
    const granting = new Map();
    chosen.forEach((number, position) => {
      for (const target of members(closureOf(model, [number]))) {
        if (!granting.has(target)) granting.set(target, []);
        granting.get(target).push(position);
      }
    });
    const explanation = chosen.map((number) => ({ scope: model.scopes[number], actions: [] }));
    for (const action of actions) {
      const positions = new Set((chosenAlternatives[action.id] || []).flatMap((t) => granting.get(t) || []));
      for (const position of [...positions].sort(ascending)) explanation[position].actions.push(action.id);
    }
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
      constraints: { granted: [], refused: [] },
      grant: null,
      unavailable: [],
      pending: null,
    };
  }

  // ---- Prefilled provider links (port of PrefillLink.swift) -------------------------------------

  const PREFILL_LABELS = Object.freeze({
    "github-fine-grained-pat": "Open GitHub with these permissions filled in:",
    "github-classic-pat": "Open GitHub with these permissions filled in:",
    "slack-manifest": "Create the Slack app with these scopes filled in:",
    template: "Open the provider with these permissions filled in:",
  });

  /** RFC 3986 percent-encoding: every byte but letters, digits and `-._~` as `%XX`. */
  const percentEncoded = (text) =>
    encodeURIComponent(text).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

  /** JSON on one line with sorted keys, as PrettyJSON.compactText writes it. */
  function compactJSON(value) {
    if (Array.isArray(value)) return "[" + value.map(compactJSON).join(",") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).filter((k) => value[k] !== undefined).sort(compareCodePoints).map((k) => JSON.stringify(k) + ":" + compactJSON(value[k])).join(",") + "}";
    }
    return JSON.stringify(value);
  }

  /**
   * The method's prefill link for `scopeNames`, asked for by the actions `ids`: `{kind, label,
   * url}` (`url` null when it cannot be made), or null when the page has no prefill or there
   * are no scopes.
   */
  function prefillLink(model, scopeNames, ids) {
    const prefill = model.prefill;
    if (!prefill || scopeNames.length === 0) return null;
    const labels = actionsOf(model, normalizeSelection(model, ids)).map((action) => action.label);
    const name = `${prefill.connectorName} integration`;
    const description = labels.length === 0 ? `Every permission the ${prefill.connectorName} guide lists` : "For: " + labels.join(", ");
    const url = prefillURL(prefill, scopeNames, name, description);
    return { kind: prefill.kind, label: PREFILL_LABELS[prefill.kind] || PREFILL_LABELS.template, url };
  }

  // ---- Consent in stages (port of ConsentStages.swift) ------------------------------------------

  /**
   * The plan for asking for `stages` (lists of action ids, in order) one after the other: stage
   * k resolved for the actions of stages 1..k with the grant the stages before it leave, under
   * the method's grant change (kept and added to for `edit`/`incremental`, replaced for
   * `new-credential`/`reauthorize`). Returns `{change, stages: [{actions, request, add,
   * grantBefore, grantAfter, reconsent}], finalGrant, allAtOnce, unavailable}`.
   */
  function planStages(model, stages, options = {}) {
    const refused = normalizeScopes(model, options.refused).known;
    const granted = normalizeScopes(model, options.granted).known.filter((name) => !refused.includes(name));
    const replaces = replacesGrant(model.grantChange);
    const defined = model.scopes.slice(0, model.definedCount);
    const ordered = (names) => { const set = new Set(names); return defined.filter((name) => set.has(name)); };
    const needsConsent = (resolution) => (resolution.grant ? resolution.grant.reconsent : resolution.scopeNames.length > 0);
    let grant = granted;
    const cumulative = [];
    const planned = [];
    let last = null;
    for (const stage of stages) {
      cumulative.push(...stage);
      const resolution = resolve(model, cumulative, { ...options, granted: grant, refused });
      const before = grant;
      const consent = needsConsent(resolution);
      if (consent) grant = replaces && resolution.grant ? resolution.scopeNames.slice() : ordered([...grant, ...resolution.scopeNames]);
      planned.push({
        actions: normalizeSelection(model, stage),
        request: consent ? resolution.scopeNames.slice() : [],
        add: consent ? resolution.scopeNames.filter((name) => !before.includes(name)) : [],
        grantBefore: before,
        grantAfter: grant,
        reconsent: consent,
      });
      last = resolution;
    }
    const once = resolve(model, cumulative, { ...options, granted, refused });
    const keeps = !(replaces && once.grant);
    const allAtOnce = needsConsent(once) ? (keeps ? ordered([...granted, ...once.scopeNames]) : once.scopeNames.slice()) : granted;
    return { change: model.grantChange, stages: planned, finalGrant: grant, allAtOnce, unavailable: last ? last.unavailable : [] };
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
   * Labels of the considered actions (the pending ones under constraints; else all when nothing
   * is selected, else the selected ones) whose
   * chosen alternative needs a scope some displayed defined scope grants; code-point sorted,
   * duplicates kept (as Swift does).
   */
  function badge(model, resolution, displayed) {
    if (displayed.length === 0) return [];
    const indices = displayed.map((name) => model.scopeIndex.get(name)).filter((i) => i !== undefined);
    // What the displayed scopes grant together; an undefined displayed scope (one a wildcard
    // grants) still grants itself. One set, not a closure per scope: a step may show hundreds.
    const grants = closureOf(model, indices);
    // Under constraints the badges name what is still to do: the pending actions.
    const considered = resolution.pending ? resolution.pending.map((id) => model.actions[model.actionIndex.get(id)]) : actionsOf(model, resolution.selection);
    return considered
      .filter((action) => {
        const alternative = resolution.chosenAlternatives[action.id];
        return alternative !== undefined && alternative.some((t) => has(grants, t));
      })
      .map((action) => action.label)
      .sort(compareCodePoints);
  }

  /**
   * Visibility, numbers, display scopes and badges of a guide's sections. Takes
   * `[{scopes: [names], steps: [{scopes: [names], displayScopes?: [names]}]}]` (`displayScopes`
   * defaults to `scopes`) and returns `[{visible, steps: [{visible, number, displayScopes, badge}]}]`;
   * a hidden step has `number: null` and empty lists. Nothing is visible when the grant already
   * enables the selection.
   */
  function tailor(model, resolution, sections) {
    // With a grant that already enables everything selected, nothing is to be done at the
    // provider: every section and step is hidden (TailoredGuide.init).
    if (resolution.grant && !resolution.grant.reconsent) {
      return sections.map((section) => ({
        visible: false,
        steps: (section.steps || []).map(() => ({ visible: false, number: null, displayScopes: [], badge: [] })),
      }));
    }
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

  // ---- The grant report (port of ScopeSelectorPanel.reportLines, GuideNote) -------------------

  /** GuideNote.reconsentNotNeeded: "every selected action" only when none is unavailable. */
  const reconsentNotNeeded = (someUnavailable) =>
    someUnavailable
      ? "not needed: the existing grant enables every selected action that can be enabled; the others need a refused scope."
      : "not needed: the existing grant enables every selected action.";

  /** GuideNote.reconsentText: what the customer must do, by how the provider changes a grant. */
  function reconsentText(needed, someUnavailable, change, text) {
    if (!needed) return reconsentNotNeeded(someUnavailable);
    // The guide's own words for its provider (`grantChangeText`), where it gives them.
    if (typeof text === "string") return "needed: " + text;
    switch (change) {
      case "new-credential":
        return "needed: create a new credential with all the scopes to grant, then replace the old one with it (its permissions cannot be changed).";
      case "reauthorize":
        return "needed: the customer must authorize again with all the scopes to grant: the provider replaces the grant with what is requested.";
      case "edit":
        return "needed: add the scopes to add to the existing credential, keeping the ones it has.";
      default:
        return "needed: the customer must authorize again with the scopes to add.";
    }
  }

  /** GuideNote.droppedText: granted scopes that replacing the grant loses. */
  function droppedText(scopes, change) {
    const what = change === "new-credential" ? "The new credential will not have" : "The new grant will not hold";
    return `${what} ${scopes.join(" ")}: no selected action needs ${scopes.length === 1 ? "it" : "them"}.`;
  }

  /**
   * The report under the "Already granted" and "Cannot grant" boxes, as ScopeSelectorPanel
   * writes it: `[key, text | null]` per line (`null`: the line is hidden), for enabled, add,
   * reconsent, dropped, unneeded and unavailable.
   */
  function reportLines(model, resolution) {
    const labels = (ids) => ids.map((id) => model.actions[model.actionIndex.get(id)].label).join(", ");
    const grant = resolution.grant;
    return [
      ["enabled", grant ? (grant.enabled.length === 0 ? "none of the selected actions" : labels(grant.enabled)) : null],
      ["add", grant ? (grant.add.length === 0 ? "nothing" : grant.add.join(" ")) : null],
      ["reconsent", grant ? reconsentText(grant.reconsent, resolution.unavailable.length > 0, grant.change, model.grantChangeText) : null],
      ["dropped", grant && replacesGrant(grant.change) && grant.reconsent && grant.drop.length > 0 ? droppedText(grant.drop, grant.change) : null],
      ["unneeded", grant && !replacesGrant(grant.change) && grant.unneeded.length > 0 ? grant.unneeded.join(" ") : null],
      ["unavailable", resolution.unavailable.length > 0 ? labels(resolution.unavailable) : null],
    ];
  }

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

  // ---- Customer variables (port of GuideRequest.setVariables, Variable.swift) ------------------
  //
  // A `var.<name>=` value is kept only when the engine would take it: the connector declares the
  // name and the value matches the variable's pattern in full (one line of at most 200
  // characters when it has none); otherwise it is reported with the engine's message and left
  // out of the dynamic URL. The engine vectors (variables.json) check both.

  /** Variable.defaultPattern and maximumDefaultLength: the engine's message names the length. */
  const DEFAULT_VARIABLE_PATTERN = "[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]{1,200}";
  const MAXIMUM_DEFAULT_LENGTH = 200;

  /**
   * Swift compares strings by canonical equivalence, and orders them by the code points of their
   * NFC forms: "é" and "e\u0301" are one variable name to the engine.
   */
  const nfc = (text) => text.normalize("NFC");
  const sameText = (a, b) => a === b || nfc(a) === nfc(b);

  let graphemeSegmenter;
  /** Intl.Segmenter for grapheme clusters (Swift's Characters), or null where there is none. */
  const graphemes = () => {
    if (graphemeSegmenter === undefined) {
      graphemeSegmenter = typeof Intl !== "undefined" && typeof Intl.Segmenter === "function" ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;
    }
    return graphemeSegmenter;
  };

  /**
   * The text as the engine's messages quote it (String+Abbreviated.swift): whole up to 200 UTF-8
   * bytes, else its first 100 Characters, an ellipsis and its size in bytes; then each control
   * character but tab and newline (C0, DEL, C1) written as `\u{HEX}`.
   */
  function abbreviated(text) {
    return escapingControlCharacters(shortened(text));
  }

  function escapingControlCharacters(text) {
    return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, (c) => `\\u{${c.charCodeAt(0).toString(16).toUpperCase()}}`);
  }

  function shortened(text) {
    const bytes = utf8(text).length;
    if (bytes <= 200) return text;
    return `${prefixCharacters(text, 100)}\u2026 (${bytes} bytes)`;
  }

  /** The text's Characters: grapheme clusters as Swift counts them (code points, CR LF as one, where this host has no Intl.Segmenter). */
  function characterList(text) {
    const segmenter = /^[\x00-\x7f]*$/.test(text) ? null : graphemes();
    if (segmenter) return Array.from(segmenter.segment(text), ({ segment }) => segment);
    const list = [];
    for (const c of text) {
      if (c === "\n" && list[list.length - 1] === "\r") list[list.length - 1] = "\r\n";
      else list.push(c);
    }
    return list;
  }

  /** Swift's `prefix(count)` of a String: the first `count` Characters. */
  function prefixCharacters(text, count) {
    let prefix = "";
    let taken = 0;
    const segmenter = graphemes();
    if (!segmenter) return Array.from(text).slice(0, count).join("");
    for (const { segment } of segmenter.segment(text)) {
      if (taken++ === count) break;
      prefix += segment;
    }
    return prefix;
  }

  /**
   * Swift's `hasPrefix` for an ASCII `prefix`: it compares Characters, so "var." followed by a
   * combining mark (which joins the "." into one Character) is not a `var.` parameter.
   */
  function hasCharacterPrefix(text, prefix) {
    if (!text.startsWith(prefix)) return false;
    const segmenter = text.length > prefix.length ? graphemes() : null;
    if (!segmenter) return true;
    const last = segmenter.segment(text).containing(prefix.length - 1);
    return last.index + last.segment.length === prefix.length;
  }

  // ICU's (NSRegularExpression's) meaning of the shorthands a JavaScript RegExp reads otherwise:
  // Unicode-wide `\d`, `\w` and `\s`; `.` stops at every line break; `$` also matches before a
  // final line break.
  const ICU_SETS = Object.freeze({
    d: "\\p{Nd}",
    w: "\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\u200C\\u200D",
    s: "\\p{White_Space}",
  });
  const ICU_WORD = `[${ICU_SETS.w}]`;
  const ICU_LINE_BREAK = "[\\n\\x0B\\f\\r\\x85\\u2028\\u2029]";
  const ICU_DOT = "[^\\n\\x0B\\f\\r\\x85\\u2028\\u2029]";
  const ICU_END = `(?=(?:\\r\\n|${ICU_LINE_BREAK})?$)`;

  /**
   * A guide's pattern, written for ICU, as a RegExp source and flags (`u`, `y`, and `i` for a
   * leading `(?i)`) that match the same values. Throws a SyntaxError for what has no equivalent
   * here (nested classes, `\W` or `\S` inside a class); constructs JavaScript lacks (possessive
   * quantifiers, atomic groups, `\Q…\E`) make the RegExp constructor throw.
   */
  function icuPattern(pattern) {
    let flags = "uy";
    let rest = pattern;
    if (rest.startsWith("(?i)")) {
      flags += "i";
      rest = rest.slice(4);
    }
    let source = "";
    let inClass = false;
    for (let i = 0; i < rest.length; i++) {
      const c = rest[i];
      if (c === "\\") {
        const code = rest.codePointAt(i + 1);
        if (code === undefined) throw new SyntaxError("pattern ends with a backslash");
        const n = String.fromCodePoint(code);
        i += n.length;
        const set = ICU_SETS[n.toLowerCase()];
        if (set !== undefined && n === n.toLowerCase()) source += inClass ? set : `[${set}]`;
        else if (set !== undefined && !inClass) source += `[^${set}]`;
        else if (n === "D") source += "\\P{Nd}";
        else if (set !== undefined) throw new SyntaxError(`\\${n} inside a class`);
        else if (inClass) source += /[0-9A-Za-z]/.test(n) ? "\\" + n : `\\u{${code.toString(16)}}`;
        else if (n === "b") source += `(?:(?<=${ICU_WORD})(?!${ICU_WORD})|(?<!${ICU_WORD})(?=${ICU_WORD}))`;
        else if (n === "B") source += `(?:(?<=${ICU_WORD})(?=${ICU_WORD})|(?<!${ICU_WORD})(?!${ICU_WORD}))`;
        else if (n === "A") source += "^";
        else if (n === "z") source += "$";
        else if (n === "Z") source += ICU_END;
        else if (n === "x" && rest[i + 1] === "{") source += "\\u"; // ICU's \x{hhhh} is \u{hhhh}
        // Letters and digits are escapes (`\p{L}`, `\n`, `\x41`, `\1`); ICU takes any other
        // character after a backslash literally, where a `u` RegExp refuses most.
        else source += /[0-9A-Za-z]/.test(n) ? "\\" + n : `\\u{${code.toString(16)}}`;
      } else if (inClass) {
        if (c === "[") throw new SyntaxError("nested character class");
        if (c === "]") inClass = false;
        source += c;
      } else if (c === "[") {
        inClass = true;
        source += c;
        // A `]` first in a class (after an optional `^`) is a literal to ICU.
        if (rest[i + 1] === "^") source += rest[++i];
        if (rest[i + 1] === "]") {
          source += "\\]";
          i += 1;
        }
      } else if (c === ".") {
        source += ICU_DOT;
      } else if (c === "$") {
        source += ICU_END;
      } else {
        source += c;
      }
    }
    if (inClass) throw new SyntaxError("unterminated character class");
    return { source, flags };
  }

  /**
   * A test of whether a value matches `pattern` in full, as VariableValue.matches does: the first
   * match anchored at the start must cover the whole value (so `a|ab` refuses "ab", as ICU does,
   * where `^(?:a|ab)$` would backtrack into it). `null` when this browser cannot read the pattern.
   */
  function variableMatcher(pattern) {
    let expression;
    try {
      const { source, flags } = icuPattern(pattern);
      expression = new RegExp(source, flags);
    } catch {
      return null;
    }
    return (value) => {
      expression.lastIndex = 0;
      const match = expression.exec(value);
      return match !== null && match[0].length === value.length;
    };
  }

  /** The page data's `declaredVariables` with a matcher each; `[]` when absent. */
  function declaredVariables(list) {
    if (list == null) return [];
    if (!Array.isArray(list) || !list.every((v) => v && typeof v.name === "string" && typeof v.pattern === "string")) {
      fail("declaredVariables must list {name, pattern}");
    }
    return list.map(({ name, pattern }) => ({ name, key: nfc(name), pattern, matches: variableMatcher(pattern) }));
  }

  /**
   * GuideRequest.setVariables, reporting every problem rather than the first: `values` by name in
   * the engine's order (NFC code points), each kept when the connector declares it and its value
   * matches, else reported with GuideURLError's message. Returns `{variables, errors}`. A pattern
   * this browser cannot read leaves its values unchecked: the engine still checks the URL.
   */
  function checkVariables(model, values) {
    const kept = {};
    const errors = [];
    const names = Object.keys(values || {}).sort((a, b) => compareCodePoints(nfc(a), nfc(b)));
    for (const name of names) {
      const value = String(values[name]);
      const key = nfc(name);
      const declared = model.declaredVariables.find((variable) => variable.key === key);
      if (!declared) {
        const list = model.declaredVariables.length === 0 ? " (it declares none)" : ` (declared: ${model.declaredVariables.map((v) => v.name).join(", ")})`;
        errors.push({ kind: "unknownVariable", value: name, message: `connector ${quoted(model.connector)} has no variable ${quoted(name)}${list}` });
      } else if (declared.matches && !declared.matches(value)) {
        const rule =
          declared.pattern === DEFAULT_VARIABLE_PATTERN
            ? `must be one line of 1 to ${MAXIMUM_DEFAULT_LENGTH} characters, without control characters`
            : `must match ${abbreviated(declared.pattern)}`;
        errors.push({ kind: "invalidVariable", value, message: `invalid value ${quoted(value)} for variable ${quoted(name)} (${rule})` });
      } else {
        // Defined, not assigned: a declared name such as "__proto__" is a name like any other.
        Object.defineProperty(kept, name, { value, enumerable: true, writable: true, configurable: true });
      }
    }
    return { variables: kept, errors };
  }

  // ---- Dynamic guide URL (port of GuideURL.swift, GuideURL+Parsing.swift) -----------------------

  /**
   * The canonical query without `?` for `{selection: [ids], granted: [scope names], refused:
   * [scope names], separator, whitelabel, variables: {name: value}}`; empty when every parameter
   * has its default.
   */
  function buildQuery(model, { selection = [], stages = [], granted = [], refused = [], separator = "space", whitelabel = false, variables = {} } = {}) {
    const parts = [];
    // With stages the selection is their union (GuideRequest.setStages); one stage is none.
    const staged = (stages || []).map((stage) => normalizeSelection(model, stage)).filter((stage) => stage.length > 0);
    const ids = normalizeSelection(model, staged.length > 1 ? staged.flat() : selection);
    if (ids.length > 0) parts.push("actions=" + ids.map(encodeQueryValue).join(","));
    if (staged.length > 1) {
      // As GuideURL writes it: `;` and `,` inside an id encoded too, as they separate stages and ids.
      const item = (id) => encodeQueryValue(id).replace(/;/g, "%3B").replace(/,/g, "%2C");
      parts.push("stages=" + staged.map((stage) => stage.map(item).join(",")).join(";"));
    }
    // granted= and without= as GuideURL writes them: defined scopes, definition order, no duplicates.
    const grantedNames = normalizeScopes(model, granted).known;
    const refusedNames = normalizeScopes(model, refused).known;
    if (grantedNames.length > 0) parts.push("granted=" + grantedNames.map(encodeQueryValue).join(","));
    if (refusedNames.length > 0) parts.push("without=" + refusedNames.map(encodeQueryValue).join(","));
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

  /**
   * Levenshtein distance over code-point arrays; once every entry of a row exceeds `cutoff`
   * the answer is `cutoff + 1` (as NameSuggestions.editDistance).
   */
  function editDistance(a, b, cutoff = Infinity) {
    if (a.length === 0) return b.length;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    let current = previous.slice();
    for (let i = 1; i <= a.length; i++) {
      current[0] = i;
      let rowMinimum = i;
      const x = a[i - 1];
      for (let j = 1; j <= b.length; j++) {
        // Math.min spelled out: this loop is the suggestions' whole cost.
        const deletion = previous[j] + 1;
        const insertion = current[j - 1] + 1;
        const substitution = previous[j - 1] + (x === b[j - 1] ? 0 : 1);
        const best = deletion < insertion ? (deletion < substitution ? deletion : substitution) : insertion < substitution ? insertion : substitution;
        current[j] = best;
        if (best < rowMinimum) rowMinimum = best;
      }
      if (rowMinimum > cutoff) return cutoff + 1;
      [previous, current] = [current, previous];
    }
    return previous[b.length];
  }

  const MAXIMUM_SUGGESTED_NAME_LENGTH = 256;
  /** NameSuggestions.maximumNamesSuggestedFor: how many unknown names of one query get suggestions. */
  const MAXIMUM_NAMES_SUGGESTED_FOR = 5;
  /** SelectionError's description lists this many unknown ids, then how many more. */
  const MAXIMUM_UNKNOWN_ACTIONS_LISTED = 20;

  /**
   * Up to three candidates nearest to a mistyped name by edit distance, nearest first, ties in
   * candidate order; further than a quarter of the name's length (at least 2) only when one
   * contains the other (port of NameSuggestions.swift).
   */
  function suggestions(name, candidates) {
    const lowered = lowercased(name);
    const target = Array.from(lowered);
    // As NameSuggestions.maximumNameLength: an empty or a very long name gets none (its edit
    // distance to every candidate would cost its length each).
    if (target.length === 0 || target.length > MAXIMUM_SUGGESTED_NAME_LENGTH) return [];
    const threshold = Math.max(2, Math.floor(target.length / 4));
    const ranked = [];
    candidates.forEach((candidate, index) => {
      const other = lowercased(candidate);
      const scalars = Array.from(other);
      const related = scalars.length > 0 && (other.includes(lowered) || lowered.includes(other));
      // The distance is at least the difference in length: most candidates are out at once.
      if (!related && Math.abs(target.length - scalars.length) > threshold) return;
      const distance = editDistance(target, scalars, threshold);
      if (distance > threshold && !related) return;
      ranked.push({ rank: Math.min(distance, threshold), index, candidate });
    });
    return ranked
      .sort((x, y) => x.rank - y.rank || x.index - y.index)
      .slice(0, 3)
      .map((entry) => entry.candidate);
  }

  /**
   * Selection's suggestions for an unknown action id: the ids of the actions whose labels are
   * nearest (a label given for an id), then the nearest ids; at most three, no repeats.
   */
  function actionSuggestions(model, id) {
    if (!model.loweredLabels) model.loweredLabels = model.actions.map((a) => lowercased(a.label));
    const byLabel = suggestions(lowercased(id), model.loweredLabels).flatMap((label) =>
      model.actions.filter((_, i) => sameText(model.loweredLabels[i], label)).map((a) => a.id)
    );
    const seen = new Set();
    return [...byLabel, ...suggestions(id, model.actions.map((a) => a.id))]
      .filter((candidate) => {
        const key = nfc(candidate);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .slice(0, 3);
  }

  /** A value quoted as the engine's messages quote it: abbreviated when long. */
  const quoted = (value) => `"${abbreviated(value)}"`;

  /**
   * Parses a query (with or without `?`) by the Swift rules, but keeps every valid part and reports
   * each problem instead of stopping at the first. Returns `{selection: [known ids, catalogue
   * order], hasActions, unknownActions: [ids], separator: name | null, whitelabel: bool | null,
   * variables: {name: value} (only those the engine takes), errors: [{kind, value, message}]}`.
   */
  function parseQuery(model, query) {
    const text = String(query ?? "").replace(/^\?/, "").replace(/#[\s\S]*$/, "");
    const errors = [];
    const report = (kind, value, message) => errors.push({ kind, value, message });
    const ids = [];
    let stageLists = null;
    let hasActions = false;
    let separatorValue = null;
    let whitelabelValue = null;
    const given = new Map();
    const conflicts = new Set();
    const grantedNames = [];
    const refusedNames = [];
    let hasGranted = false;
    let hasRefused = false;
    const conflicting = (name) => {
      if (!conflicts.has(name)) report("conflictingParameter", name, `parameter ${quoted(name)} is given more than once with different values`);
      conflicts.add(name);
    };
    // Split on Characters as the engine splits (a page's query is ASCII; a pasted one may not be).
    const parameters = isASCII(text) ? text.split("&") : splitCharacters(text, (c) => c === "&");
    for (const parameter of parameters) {
      if (parameter.length === 0) continue;
      const [rawName, rawValue = ""] = splitAtFirst(parameter, "=");
      const name = decodeComponent(rawName);
      const value = decodeComponent(rawValue);
      if (name === null || value === null) {
        report("malformedEncoding", parameter, `malformed percent-encoding in ${quoted(parameter)}`);
      } else if (name === "actions") {
        hasActions = true;
        const items = isASCII(value) ? value.split(",") : splitCharacters(value, (c) => c === ",");
        ids.push(...items.map(trimWhitespace).filter(Boolean));
      } else if (name === "stages") {
        // Split before decoding (on Characters, as the engine splits), so an id holding an
        // encoded `;` or `,` stays one id.
        const split = (text, separator) => (isASCII(text) ? text.split(separator) : splitCharacters(text, (c) => c === separator));
        const parsed = split(rawValue, ";").map((stage) => split(stage, ",").map((item) => decodeComponent(item)));
        if (parsed.some((stage) => stage.some((id) => id === null))) {
          report("malformedEncoding", parameter, `malformed percent-encoding in ${quoted(parameter)}`);
        } else {
          stageLists = (stageLists || []).concat(parsed.map((stage) => stage.map(trimWhitespace).filter(Boolean)));
        }
      } else if (name === "separator") {
        if (separatorValue !== null && !sameText(separatorValue, value)) conflicting(name);
        else separatorValue = value;
      } else if (name === "whitelabel") {
        if (whitelabelValue !== null && !sameText(whitelabelValue, value)) conflicting(name);
        else whitelabelValue = value;
      } else if (name === "granted") {
        hasGranted = true;
        grantedNames.push(...scopeNames(value));
      } else if (name === "without") {
        hasRefused = true;
        refusedNames.push(...scopeNames(value));
      } else if (hasCharacterPrefix(name, "var.")) {
        // Keyed as a Swift dictionary keys them (canonical equivalence): the first spelling of
        // a name stays, an equal repeat's value replaces the earlier one.
        const variable = name.slice(4);
        const earlier = given.get(nfc(variable));
        if (earlier !== undefined && !sameText(earlier.value, value)) conflicting(name);
        else given.set(nfc(variable), { name: earlier ? earlier.name : variable, value });
      } else {
        report("unknownParameter", name, `unknown parameter ${quoted(name)} (expected actions, stages, granted, without, separator, whitelabel or var.<name>)`);
      }
    }

    // SelectionError's lines: the first 20 unknown ids, the first five with suggestions, then a count.
    const reportUnknown = (unknown) => {
      unknown.slice(0, MAXIMUM_UNKNOWN_ACTIONS_LISTED).forEach((id, index) => {
        const near = index < MAXIMUM_NAMES_SUGGESTED_FOR ? actionSuggestions(model, id) : [];
        const hint = near.length === 0 ? "" : "; did you mean " + near.map((n) => `"${n}"`).join(", ") + "?";
        report("unknownAction", id, `unknown action ${quoted(id)} for connector "${model.connector}"${hint}`);
      });
      if (unknown.length > MAXIMUM_UNKNOWN_ACTIONS_LISTED) {
        const more = unknown.length - MAXIMUM_UNKNOWN_ACTIONS_LISTED;
        report("unknownAction", "", `\u2026 and ${more} more unknown actions`);
      }
    };
    const unknownOf = (list) => uniqueText(list.filter((id) => actionPosition(model, id) === undefined));
    // Stages are checked as GuideRequest.setStages does, stopping at the first bad stage: its
    // unknown ids, an empty stage, an action already in an earlier stage; then `actions=`,
    // which must name the same actions.
    let stages = null;
    let unknownActions = [];
    if (stageLists !== null) {
      const stageOf = new Map();
      let bad = false;
      for (let index = 0; index < stageLists.length && !bad; index++) {
        const unknown = unknownOf(stageLists[index]);
        if (unknown.length > 0) {
          unknownActions.push(...unknown);
          reportUnknown(unknown);
          bad = true;
          break;
        }
        const stage = normalizeSelection(model, stageLists[index]);
        if (stage.length === 0) {
          report("emptyStage", String(index + 1), `stage ${index + 1} of stages= names no action (stages are separated by ';', actions by ',')`);
          bad = true;
          break;
        }
        for (const id of stage) {
          if (stageOf.has(id)) {
            report("actionInTwoStages", id, `action ${quoted(id)} is in stage ${stageOf.get(id)} and stage ${index + 1} of stages=`);
            bad = true;
            break;
          }
          stageOf.set(id, index + 1);
        }
      }
      if (!bad) {
        const normalized = stageLists.map((stage) => normalizeSelection(model, stage));
        const union = normalizeSelection(model, normalized.flat());
        const listedUnknown = unknownOf(ids);
        if (listedUnknown.length > 0) {
          unknownActions.push(...listedUnknown);
          reportUnknown(listedUnknown);
        } else if (ids.length > 0) {
          const listed = normalizeSelection(model, ids);
          const differing = listed.filter((id) => !union.includes(id)).concat(union.filter((id) => !listed.includes(id)));
          if (differing.length > 0) {
            const shown = differing.slice(0, 5).map((id) => quoted(id)).join(", ") + (differing.length > 5 ? ` and ${differing.length - 5} more` : "");
            report("stagesDisagreeWithActions", differing.join(","), `actions= and stages= name different actions: ${shown} (stages= alone is enough)`);
          }
        }
        ids.splice(0, ids.length, ...union);
        stages = normalized.length > 1 ? normalized : null;
      }
    } else {
      unknownActions = unknownOf(ids);
      reportUnknown(unknownActions);
    }
    // Unknown scopes are reported and left out; a scope both granted and refused is refused
    // (refusal wins, as in the engine), and reported: the engine's URLs refuse such a request.
    const definedNames = model.scopes.slice(0, model.definedCount);
    const granted = normalizeScopes(model, grantedNames);
    const refused = normalizeScopes(model, refusedNames);
    if (granted.unknown.length + refused.unknown.length > 0) {
      const unknown = uniqueText([...granted.unknown, ...refused.unknown]);
      report("unknownScopes", unknown.join(","), unknownScopesMessage(model, unknown, definedNames));
    }
    const both = granted.known.find((name) => refused.known.includes(name));
    if (both !== undefined) report("grantedAndRefused", both, `scope ${quoted(both)} is both granted and refused (without=)`);
    const constraints = {
      granted: granted.known.filter((name) => !refused.known.includes(name)),
      refused: refused.known,
      hasGranted,
      hasRefused,
    };
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
    // Last, as the engine checks them last: undeclared names and refused values are reported
    // and left out, so the URL the page shows is one the engine takes.
    const checked = checkVariables(model, Object.fromEntries([...given.values()].map(({ name, value }) => [name, value])));
    errors.push(...checked.errors);
    return { selection: normalizeSelection(model, ids), stages, hasActions: hasActions || stages !== null, unknownActions, separator, whitelabel, variables: checked.variables, errors, constraints };
  }

  /** GuideURLError.unknownScopes' text: the first five unknown names, each with its suggestions. */
  function unknownScopesMessage(model, unknown, definedNames) {
    const listed = unknown.slice(0, 5).map((name) => {
      const near = suggestions(name, definedNames);
      return quoted(name) + (near.length === 0 ? "" : "; did you mean " + near.map(quoted).join(", ") + "?");
    });
    return `connector ${quoted(model.connector)} defines no scope ${listed.join(", ")}` + (unknown.length > 5 ? ` and ${unknown.length - 5} more` : "");
  }

  /**
   * The provider's authorize URL: `base` + `scope=` (names joined by `delimiter`, form-encoded) +
   * `&response_type=code` (+ `client_id`, `redirect_uri` when given), as AuthorizeURL.swift builds it.
   */
  /**
   * AuthorizeURL.swift: no `scope=` when there is nothing to ask for; `client_id` and
   * `redirect_uri` from the variables or left as `{client_id}` placeholders (a template);
   * `state` when given; `include_granted_scopes=true` for an incremental grant change.
   */
  function authorizeURL(base, delimiter, scopeNames, { clientId = null, redirectUri = null, state = null, incremental = false } = {}) {
    const parts = scopeNames.length === 0 ? ["response_type=code"] : ["scope=" + formEncode(scopeNames.join(delimiter ?? " ")), "response_type=code"];
    parts.push("client_id=" + (clientId != null ? formEncode(clientId) : "{client_id}"));
    parts.push("redirect_uri=" + (redirectUri != null ? formEncode(redirectUri) : "{redirect_uri}"));
    if (state != null) parts.push("state=" + formEncode(state));
    if (incremental) parts.push("include_granted_scopes=true");
    return base + (base.includes("?") ? "&" : "?") + parts.join("&");
  }

  // ---- Prefill links (port of PrefillLink.swift) -----------------------------------------------

  const PREFILL_MAXIMUM_LENGTH = 8000;
  const PREFILL_RANK = Object.freeze({ read: 1, write: 2, admin: 3 });

  /**
   * PrefillLink.make(_:scopes:name:description:): the link that opens the provider's form for
   * `prefill` (`{kind, template, separator, encoding, userScopes}`) with `scopeNames` filled in,
   * `name` and `description` cut to the provider's limits (GitHub 40 and 1,024 characters, a
   * Slack app's name 35); `null` when there is nothing to fill in, the kind is unknown, or the
   * link would be longer than 8,000 bytes.
   */
  function prefillURL(prefill, scopeNames, name, description) {
    const kind = prefill && prefill.kind;
    if (scopeNames.length === 0) return null;
    const cutName = prefixCharacters(String(name), 40);
    const cutDescription = prefixCharacters(String(description), 1024);
    if (kind === "github-fine-grained-pat") {
      // The highest level each permission is requested at, keyed as Swift keys a dictionary
      // (canonical equivalence), named as first written.
      const levels = new Map();
      for (const scope of scopeNames) {
        const parts = splitOnce(scope, ":");
        if (parts === null || !Object.prototype.hasOwnProperty.call(PREFILL_RANK, parts[1])) continue;
        const key = nfc(parts[0]);
        const known = levels.get(key);
        if (!known) levels.set(key, { name: parts[0], level: parts[1] });
        else if (PREFILL_RANK[parts[1]] > PREFILL_RANK[known.level]) known.level = parts[1];
      }
      if (levels.size === 0) return null;
      const parameters = [["name", cutName], ["description", cutDescription], ...[...levels.values()].map((p) => [p.name, p.level])];
      return finishedPrefill("https://github.com/settings/personal-access-tokens/new", parameters);
    }
    if (kind === "github-classic-pat") {
      return finishedPrefill("https://github.com/settings/tokens/new", [["scopes", scopeNames.join(",")], ["description", cutDescription]]);
    }
    if (kind === "slack-manifest") {
      const user = new Set(prefill.userScopes || []);
      const bot = scopeNames.filter((s) => !user.has(s)), users = scopeNames.filter((s) => user.has(s));
      const appName = prefixCharacters(String(name), 35);
      // Slack refuses bot scopes without a bot user, so the manifest declares one with them.
      const manifest = {
        display_information: { name: appName },
        features: bot.length > 0 ? { bot_user: { always_online: false, display_name: appName } } : undefined,
        oauth_config: { scopes: { bot: bot.length > 0 ? bot : undefined, user: users.length > 0 ? users : undefined } },
      };
      const url = "https://api.slack.com/apps?new_app=1&manifest_json=" + percentEncoded(compactJSON(manifest));
      return utf8(url).length <= PREFILL_MAXIMUM_LENGTH ? url : null;
    }
    if (kind === "template" && typeof prefill.template === "string" && prefill.template.includes("{scopes}")) {
      const joined = scopeNames.join(isSeparator(prefill.separator) ? SEPARATORS[prefill.separator] : ",");
      const encoded = prefill.encoding === "form" ? formEncode(joined) : percentEncoded(joined);
      const at = prefill.template.indexOf("{scopes}");
      const url = prefill.template.slice(0, at) + encoded + prefill.template.slice(at + "{scopes}".length);
      return utf8(url).length <= PREFILL_MAXIMUM_LENGTH ? url : null;
    }
    return null;
  }

  /**
   * Swift's `split(separator:maxSplits: 1)` on Characters, empty pieces left out (an empty
   * piece does not count as the one split): `[before, rest]`, or `null` when that is not two.
   */
  function splitOnce(text, separator) {
    const pieces = [];
    let current = "";
    for (const c of characterList(text)) {
      if (c === separator && pieces.length === 0) {
        if (current !== "") pieces.push(current);
        current = "";
      } else {
        current += c;
      }
    }
    if (current !== "") pieces.push(current);
    return pieces.length === 2 ? pieces : null;
  }

  function finishedPrefill(base, parameters) {
    const url = base + "?" + parameters.map(([key, value]) => `${key}=${formEncode(value)}`).join("&");
    return utf8(url).length <= PREFILL_MAXIMUM_LENGTH ? url : null;
  }

  return Object.freeze({
    NODE_BUDGET,
    WORK_BUDGET,
    SEPARATORS,
    prepare,
    normalizeSelection,
    normalizeScopes,
    scopeNames,
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
    checkVariables,
    abbreviated,
    authorizeURL,
    suggestions,
    replacesGrant,
    planStages,
    reportLines,
    prefillLink,
    prefillURL,
  });
})();

if (typeof module !== "undefined") module.exports = ScopeGuideEngine;
