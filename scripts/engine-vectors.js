/*
 * Replays the committed engine vectors (Tests/ScopeGuideTests/Fixtures/engine-vectors/*.json,
 * which Tests/ScopeGuideTests/Support/EngineVectors*.swift write from the Swift engine) against
 * the page's engine, `ScopeGuideEngine` (guide-engine.js): every case must give the expected
 * value. Plain ES2020, no module syntax, so that Node (`js-engine-selftest.mjs --vectors`) and a
 * browser page (BrowserParityTests) run this very file.
 *
 * A file is `{"function": name, "groups": [{"data": page data or null, "cases": [{"input",
 * "expected"}]}]}`; `ENGINE_VECTOR_REPLAYS[name]` turns a case's input into the engine's answer,
 * shaped as the Swift side writes its expected value. To add a function, give it a replay here
 * (and, in Swift, a generator of the same name in EngineVectors.generators).
 */
"use strict";

// `var`: globals both hosts reach.

/** JSON text with sorted keys, where an object's null, undefined and absent members are one. */
var canonicalVector = function canonical(value) {
  if (value === undefined || value === null) return "null";
  if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
  if (typeof value === "object") {
    return "{" + Object.keys(value).sort().filter((k) => value[k] !== undefined && value[k] !== null).map((k) => JSON.stringify(k) + ":" + canonical(value[k])).join(",") + "}";
  }
  return JSON.stringify(value);
};

/** Where two values differ: up to five paths (`.grant.add[1]`), each with both canonical values. */
var vectorDifferences = function (expected, actual) {
  const found = [];
  const walk = (a, b, path) => {
    if (found.length >= 5 || canonicalVector(a) === canonicalVector(b)) return;
    const bothArrays = Array.isArray(a) && Array.isArray(b);
    const bothObjects = a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b);
    if (bothArrays && a.length === b.length) a.forEach((x, i) => walk(x, b[i], `${path}[${i}]`));
    else if (bothObjects) [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().forEach((k) => walk(a[k], b[k], `${path}.${k}`));
    else found.push(`${path || "(the value)"}: fixture ${canonicalVector(a).slice(0, 300)}, script ${canonicalVector(b).slice(0, 300)}`);
  };
  walk(expected, actual, "");
  return found;
};

/**
 * The engine's first error for a parsed query, as the Swift engine words it: it stops at its
 * first problem, and names every unknown action in that one error, a line each (the page
 * reports each as an error and shows them a line each).
 */
var firstQueryError = function (parsed) {
  if (parsed.errors.length === 0) return null;
  const first = parsed.errors[0];
  if (first.kind !== "unknownAction") return first.message;
  return parsed.errors.filter((e) => e.kind === "unknownAction").map((e) => e.message).join("\n");
};

/** For each vector file's `function`: `(E, model, input, expected) => the engine's answer`. */
var ENGINE_VECTOR_REPLAYS = {
  resolve(E, model, input) {
    const r = E.resolve(model, input.selection, { granted: input.granted, refused: input.refused, nodeBudget: input.nodeBudget, workBudget: input.workBudget });
    const names = (list) => list.map((n) => model.scopes[n]);
    const chosenAlternatives = {};
    for (const [id, alternative] of Object.entries(r.chosenAlternatives)) chosenAlternatives[id] = names(alternative);
    const g = r.grant;
    return {
      chosenAlternatives,
      explanation: r.explanation.map(({ scope, actions }) => ({ scope, actions })),
      grant: g && { add: g.add, change: g.change, drop: g.drop, enabled: g.enabled, reconsent: g.reconsent, request: g.request, unneeded: g.unneeded },
      optimal: r.optimal,
      pending: r.pending,
      scopes: r.scopeNames,
      scopesText: E.scopesText(model, r, input.separator),
      unavailable: r.unavailable,
      usesDefaultScopes: r.usesDefaultScopes,
    };
  },

  // The sections as the page reads them from its `data-guide-*` attributes.
  tailor(E, model, input) {
    const resolution = E.resolve(model, input.selection, { granted: input.granted, refused: input.refused });
    const sections = input.sections.map((s) => ({
      scopes: E.parseList(s.scopes),
      steps: s.steps.map((step) => ({ scopes: E.parseList(step.scopes), displayScopes: E.parseList(step.displayScopes) })),
    }));
    return E.tailor(model, resolution, sections).map((section) =>
      section.visible
        ? { visible: true, steps: section.steps.map((s) => (s.visible ? { visible: true, number: s.number, displayScopes: s.displayScopes, badge: s.badge } : { visible: false })) }
        : { visible: false }
    );
  },

  reportLines(E, model, input) {
    return E.reportLines(model, E.resolve(model, input.selection, { granted: input.granted, refused: input.refused }));
  },

  buildQuery(E, model, input) {
    return { query: E.buildQuery(model, input), url: E.buildURL(model, input) };
  },

  parseQuery(E, model, input) {
    const parsed = E.parseQuery(model, input.query);
    const error = firstQueryError(parsed);
    if (error !== null) return { error };
    const state = {
      selection: parsed.selection,
      granted: parsed.constraints.granted,
      refused: parsed.constraints.refused,
      separator: parsed.separator ?? model.separator,
      whitelabel: parsed.whitelabel ?? model.whitelabel,
      variables: parsed.variables,
    };
    return { query: E.buildQuery(model, state) };
  },

  // The page's first error and the values it keeps (`kept` only where the engine's is known).
  variables(E, model, input, expected) {
    const parsed = E.parseQuery(model, input.query);
    return { error: firstQueryError(parsed), kept: expected.kept == null ? null : parsed.variables };
  },

  encodeQueryValue: (E, model, input) => E.encodeQueryValue(input),
  formEncode: (E, model, input) => E.formEncode(input),
  decodeComponent: (E, model, input) => ({ form: E.decodeComponent(input), plain: E.decodeComponent(input, false) }),
  abbreviated: (E, model, input) => E.abbreviated(input),
  scopeNames: (E, model, input) => E.scopeNames(input),
  // Candidates as the page passes them: its action ids or defined scopes, or the names given.
  suggestions(E, model, input) {
    const candidates =
      input.candidates === "actions" ? model.actions.map((a) => a.id) : input.candidates === "scopes" ? model.scopes.slice(0, model.definedCount) : input.candidates;
    return E.suggestions(input.name, candidates);
  },

  // As the page calls it: the customer's values when given, incremental by the method's grant change.
  authorizeURL(E, model, input) {
    const given = (name) => (Object.prototype.hasOwnProperty.call(input.variables, name) ? input.variables[name] : null);
    return E.authorizeURL(input.base, input.delimiter, input.scopes, {
      clientId: given("client_id"),
      redirectUri: given("redirect_uri"),
      state: given("state"),
      incremental: input.grantChange === "incremental",
    });
  },

  // PrefillLink.make(_:scopes:name:description:) is `prefillURL`; the page's `prefillLink` (the
  // method's link for a selection, from its data) runs in planStages, for each stage.
  prefillLink: (E, model, input) => E.prefillURL({ kind: input.kind }, input.scopes, input.name, input.description),

  // As the page reads a staged URL: the first error, or the canonical query and the plan, with
  // each stage's prefill link (the page's own, from its data).
  planStages(E, model, input) {
    const parsed = E.parseQuery(model, input.query);
    if (parsed.errors.length > 0) return { error: parsed.errors[0].message };
    const request = { selection: parsed.selection, stages: parsed.stages || [], granted: parsed.constraints.granted, refused: parsed.constraints.refused };
    const answer = { canonical: E.buildQuery(model, request) };
    if (parsed.stages !== null) {
      answer.plan = E.planStages(model, parsed.stages, { granted: request.granted, refused: request.refused });
      for (const stage of answer.plan.stages) {
        const link = E.prefillLink(model, stage.request, stage.actions);
        if (link) stage.prefill = { kind: link.kind, url: link.url };
      }
    }
    return answer;
  },
};

/** Engine functions without a vector file of their own, and the files that exercise them. */
var ENGINE_VECTOR_ALSO = {
  prepare: "every file with page data",
  normalizeSelection: "buildQuery, parseQuery",
  normalizeScopes: "buildQuery, parseQuery",
  minimalScopes: "resolve",
  meets: "tailor",
  displayScopes: "tailor",
  badge: "tailor",
  compareCodePoints: "tailor (badge order)",
  parseList: "tailor (the page's attributes)",
  scopesText: "resolve",
  buildURL: "buildQuery",
  checkVariables: "variables",
  replacesGrant: "reportLines",
  prefillURL: "prefillLink (PrefillLink.make for each kind)",
};

/**
 * Replays `files` (`{name: file text or parsed file}`) against `E`. Returns counts per file and
 * in all, the first failures (file, group, case, input, expected, actual), and `uncovered`: the
 * engine's functions that no file exercises.
 */
var replayFixture = function (E, files) {
  const result = { cases: 0, passed: 0, failed: 0, files: {}, failures: [], uncovered: [] };
  const replayed = new Set();
  for (const name of Object.keys(files).sort()) {
    const file = typeof files[name] === "string" ? JSON.parse(files[name]) : files[name];
    const replay = ENGINE_VECTOR_REPLAYS[file.function];
    const counts = { cases: 0, passed: 0, failed: 0 };
    result.files[name] = counts;
    if (!replay) {
      result.failures.push(`${name}: no replay for function ${JSON.stringify(file.function)} in scripts/engine-vectors.js`);
      result.failed += 1;
      continue;
    }
    replayed.add(file.function);
    let number = 0;
    file.groups.forEach((group, g) => {
      const model = group.data === null ? null : E.prepare(group.data);
      group.cases.forEach((testCase, c) => {
        counts.cases += 1;
        let answer;
        let actual;
        try {
          answer = replay(E, model, testCase.input, testCase.expected);
          actual = canonicalVector(answer);
        } catch (error) {
          actual = "threw " + error;
        }
        const expected = canonicalVector(testCase.expected);
        if (actual === expected) counts.passed += 1;
        else {
          counts.failed += 1;
          if (result.failures.length < 20) {
            const where = actual.startsWith("threw ") ? [actual] : vectorDifferences(testCase.expected, answer);
            result.failures.push(
              `${name} group ${g}, case ${c} (case ${number} of the file)${model ? " on " + model.connector : ""}\n` +
                `  input    ${JSON.stringify(testCase.input).slice(0, 1000)}\n  differs  ${where.join("\n           ")}`
            );
          }
        }
        number += 1;
      });
    });
    result.cases += counts.cases;
    result.passed += counts.passed;
    result.failed += counts.failed;
  }
  result.uncovered = Object.keys(E)
    .filter((key) => typeof E[key] === "function" && !replayed.has(key) && !Object.prototype.hasOwnProperty.call(ENGINE_VECTOR_ALSO, key))
    .sort();
  return result;
};

if (typeof module !== "undefined") module.exports = { replayFixture, canonicalVector, ENGINE_VECTOR_REPLAYS, ENGINE_VECTOR_ALSO };
