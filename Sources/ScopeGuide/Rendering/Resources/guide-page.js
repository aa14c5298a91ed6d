/*
 * ScopeGuide guide page script (ES2020, no dependencies, no network access).
 *
 * Part 1, `ScopeGuideEngine`, is pure: it never touches the DOM and computes exactly what the
 * Swift engine computes (SPEC §2 and §3): the minimal scopes of a selection, what they grant,
 * each action's chosen alternative, step and section visibility, display scopes, badges, the
 * canonical dynamic guide URL and the parsing of its query. Its search is a port of
 * `Resolution/MinimalScopeSearch.swift` (same reductions, same branch order, same node budget),
 * so even a budget-limited answer matches Swift's.
 *
 * Part 2 is the DOM glue: it reads the catalogue from
 * `<script type="application/json" id="scopeguide-data">`, takes the initial selection from
 * `?actions=`, and keeps the `data-guide-*` elements in step with the checkboxes. It only ever
 * writes text (`textContent`, attributes), never HTML, and never evaluates code.
 */
"use strict";

var ScopeGuideEngine = (function () {
  var NODE_BUDGET = 200000;

  var SEPARATORS = { space: " ", comma: ",", semicolon: ";", pipe: "|", newline: "\n" };
  var SEPARATOR_NAMES = ["space", "comma", "semicolon", "pipe", "newline"];

  // ---------------------------------------------------------------------------------------------
  // Bitsets over scope indices (Uint32Array words).

  function popcount(x) {
    x = x - ((x >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }

  function bitsNew(words) {
    return new Uint32Array(words);
  }

  function bitsFrom(words, members) {
    var bits = new Uint32Array(words);
    for (var i = 0; i < members.length; i++) bitsAdd(bits, members[i]);
    return bits;
  }

  function bitsHas(bits, member) {
    return (bits[member >>> 5] & (1 << (member & 31))) !== 0;
  }

  function bitsAdd(bits, member) {
    bits[member >>> 5] |= 1 << (member & 31);
  }

  function bitsUnion(a, b) {
    var result = new Uint32Array(a.length);
    for (var i = 0; i < a.length; i++) result[i] = a[i] | b[i];
    return result;
  }

  function bitsFormUnion(a, b) {
    for (var i = 0; i < a.length; i++) a[i] |= b[i];
  }

  function bitsCount(a) {
    var n = 0;
    for (var i = 0; i < a.length; i++) n += popcount(a[i]);
    return n;
  }

  /** How many members of `a` are not in `b`. */
  function bitsCountSubtracting(a, b) {
    var n = 0;
    for (var i = 0; i < a.length; i++) n += popcount(a[i] & ~b[i]);
    return n;
  }

  function bitsIsSubset(a, b) {
    for (var i = 0; i < a.length; i++) if ((a[i] & ~b[i]) !== 0) return false;
    return true;
  }

  function bitsEqual(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  function bitsMembers(a) {
    var result = [];
    for (var i = 0; i < a.length; i++) {
      var word = a[i];
      while (word !== 0) {
        var low = word & -word;
        result.push(i * 32 + (31 - Math.clz32(low)));
        word ^= low;
      }
    }
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // Small helpers.

  function ascending(a, b) {
    return a - b;
  }

  function sortedUnique(numbers) {
    return Array.from(new Set(numbers)).sort(ascending);
  }

  /** Swift's `lexicographicallyPrecedes` on integer arrays, as a comparator. */
  function compareLists(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  }

  function isSubsetList(small, big) {
    for (var i = 0; i < small.length; i++) if (big.indexOf(small[i]) < 0) return false;
    return true;
  }

  /** Ascending by Unicode code point (not UTF-16 code unit, not locale). */
  function compareCodePoints(a, b) {
    var x = Array.from(a);
    var y = Array.from(b);
    var n = Math.min(x.length, y.length);
    for (var i = 0; i < n; i++) {
      var cx = x[i].codePointAt(0);
      var cy = y[i].codePointAt(0);
      if (cx !== cy) return cx < cy ? -1 : 1;
    }
    return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
  }

  /** Unicode White_Space, what Swift's `Character.isWhitespace` tests. */
  var WHITESPACE = "\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var TRIM = new RegExp("^[" + WHITESPACE + "]+|[" + WHITESPACE + "]+$", "g");

  function trimWhitespace(text) {
    return text.replace(TRIM, "");
  }

  /** A comma-separated attribute value as a list of names (trimmed, empty items dropped). */
  function parseList(text) {
    if (text == null) return [];
    return String(text)
      .split(",")
      .map(trimWhitespace)
      .filter(function (name) {
        return name.length > 0;
      });
  }

  // ---------------------------------------------------------------------------------------------
  // The model: the page data with lookups and bitsets precomputed.

  function fail(message) {
    throw new TypeError("ScopeGuideEngine: " + message);
  }

  function isIndexList(value, limit) {
    return (
      Array.isArray(value) &&
      value.every(function (n) {
        return Number.isInteger(n) && n >= 0 && n < limit;
      })
    );
  }

  /**
   * Checks the page data and precomputes what the engine needs. Every other function takes the
   * returned model; `data` itself is kept as `model.data`.
   */
  function prepare(data) {
    if (!data || typeof data !== "object") fail("data must be an object");
    var scopes = data.scopes;
    if (!Array.isArray(scopes) || !scopes.every(function (s) { return typeof s === "string"; })) {
      fail("data.scopes must be an array of strings");
    }
    var count = scopes.length;
    var definedCount = data.definedCount;
    if (!Number.isInteger(definedCount) || definedCount < 0 || definedCount > count) {
      fail("data.definedCount must be an integer between 0 and scopes.length");
    }
    if (!Array.isArray(data.closures) || data.closures.length !== definedCount) {
      fail("data.closures must hold one list per defined scope");
    }
    var words = Math.max(1, Math.ceil(count / 32));
    var closures = data.closures.map(function (closure, i) {
      if (!isIndexList(closure, count)) fail("data.closures[" + i + "] must list scope indices");
      var bits = bitsFrom(words, closure);
      bitsAdd(bits, i); // a scope always grants itself
      return bits;
    });
    var scopeIndex = new Map();
    scopes.forEach(function (name, i) {
      if (!scopeIndex.has(name)) scopeIndex.set(name, i);
    });
    if (!Array.isArray(data.actions)) fail("data.actions must be an array");
    var actionIndex = new Map();
    var actions = data.actions.map(function (action, i) {
      if (!action || typeof action.id !== "string") fail("data.actions[" + i + "].id must be a string");
      if (!Array.isArray(action.alternatives) || !action.alternatives.every(function (a) { return isIndexList(a, count); })) {
        fail("data.actions[" + i + "].alternatives must be lists of scope indices");
      }
      if (!actionIndex.has(action.id)) actionIndex.set(action.id, i);
      return {
        id: action.id,
        label: typeof action.label === "string" ? action.label : action.id,
        alternatives: action.alternatives.map(function (a) { return a.slice(); }),
      };
    });
    var defaultScopes = null;
    if (data.defaultScopes != null) {
      if (!isIndexList(data.defaultScopes, count)) fail("data.defaultScopes must be null or scope indices");
      defaultScopes = data.defaultScopes.slice();
    }
    return {
      data: data,
      connector: String(data.connector == null ? "" : data.connector),
      base: String(data.base == null ? "" : data.base),
      path: String(data.path == null ? "" : data.path),
      scopes: scopes.slice(),
      definedCount: definedCount,
      words: words,
      closures: closures,
      scopeIndex: scopeIndex,
      actions: actions,
      actionIndex: actionIndex,
      defaultScopes: defaultScopes,
      separator: SEPARATORS.hasOwnProperty(data.separator) ? data.separator : "space",
      whitelabel: data.whitelabel === true,
      variables: Object.assign({}, data.variables || {}),
      selection: Array.isArray(data.selection) ? data.selection.slice() : [],
    };
  }

  /** Known ids of `ids`, deduplicated, in catalogue order (Swift's `Selection`). */
  function normalizeSelection(model, ids) {
    var wanted = new Set(ids || []);
    return model.actions
      .filter(function (action, i) {
        return wanted.has(action.id) && model.actionIndex.get(action.id) === i;
      })
      .map(function (action) {
        return action.id;
      });
  }

  /** Everything the defined scopes in `chosen` grant together. */
  function closureOf(model, chosen) {
    var bits = bitsNew(model.words);
    chosen.forEach(function (n) {
      if (n < model.definedCount) bitsFormUnion(bits, model.closures[n]);
    });
    return bits;
  }

  // ---------------------------------------------------------------------------------------------
  // The minimal-scope search (port of MinimalScopeSearch.swift).

  /**
   * Sorted, deduplicated alternatives; supersets of another alternative of the same action
   * dropped; actions needing nothing, and actions implied by another action, dropped.
   */
  function reduceRequirements(requirements) {
    var reduced = [];
    var seen = new Set();
    requirements.forEach(function (requirement) {
      var byKey = new Map();
      requirement.forEach(function (alternative) {
        var sorted = sortedUnique(alternative);
        byKey.set(sorted.join(","), sorted);
      });
      var alternatives = Array.from(byKey.values());
      if (alternatives.length === 0 || alternatives.some(function (a) { return a.length === 0; })) return;
      var minimal = alternatives
        .filter(function (alternative) {
          return !alternatives.some(function (other) {
            return other !== alternative && isSubsetList(other, alternative);
          });
        })
        .sort(compareLists);
      var key = JSON.stringify(minimal);
      if (!seen.has(key)) {
        seen.add(key);
        reduced.push(minimal);
      }
    });
    // X is implied by Y when every alternative of Y contains some alternative of X.
    function implies(y, x) {
      return y.every(function (b) {
        return x.some(function (a) {
          return isSubsetList(a, b);
        });
      });
    }
    return reduced.filter(function (x, index) {
      return !reduced.some(function (y, other) {
        return other !== index && implies(y, x) && (!implies(x, y) || other < index);
      });
    });
  }

  /**
   * Candidates no other candidate dominates: `d` dominates `c` when it covers every target `c`
   * covers and grants no more (strictly less, or the same but earlier in display order).
   */
  function undominated(model, candidates, targets) {
    var list = sortedUnique(candidates);
    var covers = new Map();
    list.forEach(function (c) {
      covers.set(
        c,
        targets.filter(function (t) {
          return bitsHas(model.closures[c], t);
        })
      );
    });
    return new Set(
      list.filter(function (c) {
        return !list.some(function (d) {
          if (d === c) return false;
          if (!isSubsetList(covers.get(c), covers.get(d))) return false;
          if (!bitsIsSubset(model.closures[d], model.closures[c])) return false;
          return !bitsEqual(model.closures[d], model.closures[c]) || d < c;
        });
      })
    );
  }

  /** Requirements grouped so that no two groups share a candidate or overlapping grants. */
  function components(model, requirements, candidatesByTarget) {
    var parent = requirements.map(function (_, i) { return i; });
    function root(x) {
      while (parent[x] !== x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
      }
      return x;
    }
    function union(a, b) {
      parent[root(a)] = root(b);
    }
    var ownerOfCandidate = new Map();
    requirements.forEach(function (requirement, index) {
      var targets = sortedUnique([].concat.apply([], requirement));
      targets.forEach(function (target) {
        (candidatesByTarget.get(target) || []).forEach(function (candidate) {
          if (ownerOfCandidate.has(candidate)) union(index, ownerOfCandidate.get(candidate));
          else ownerOfCandidate.set(candidate, index);
        });
      });
    });
    var ownerOfGrant = new Map();
    Array.from(ownerOfCandidate.keys())
      .sort(ascending)
      .forEach(function (candidate) {
        var owner = ownerOfCandidate.get(candidate);
        bitsMembers(model.closures[candidate]).forEach(function (grant) {
          if (ownerOfGrant.has(grant)) union(owner, ownerOfGrant.get(grant));
          else ownerOfGrant.set(grant, owner);
        });
      });
    var groups = new Map();
    var order = [];
    requirements.forEach(function (requirement, index) {
      var key = root(index);
      if (!groups.has(key)) {
        groups.set(key, []);
        order.push(key);
      }
      groups.get(key).push(requirement);
    });
    return order.map(function (key) {
      return groups.get(key);
    });
  }

  /** Branch and bound over one component. */
  function searchComponent(model, requirements, candidatesByTarget, budget) {
    var closures = model.closures;
    var state = { nodes: 0, exhausted: false, best: null };

    function candidatesOf(target) {
      return candidatesByTarget.get(target) || [];
    }

    function isSatisfied(requirement, granted) {
      return requirement.some(function (alternative) {
        return alternative.every(function (t) {
          return bitsHas(granted, t);
        });
      });
    }

    function consider(chosen, cost) {
      var sorted = chosen.slice().sort(ascending);
      var best = state.best;
      if (best) {
        var better =
          cost < best.cost ||
          (cost === best.cost && sorted.length < best.chosen.length) ||
          (cost === best.cost && sorted.length === best.chosen.length && compareLists(sorted, best.chosen) < 0);
        if (!better) return;
      }
      state.best = { cost: cost, chosen: sorted };
    }

    // Satisfies requirements one by one with their cheapest alternative: a quick upper bound.
    function seedWithGreedySolution() {
      var granted = bitsNew(model.words);
      var chosen = [];
      for (var r = 0; r < requirements.length; r++) {
        var requirement = requirements[r];
        if (isSatisfied(requirement, granted)) continue;
        var bestPlan = null;
        for (var a = 0; a < requirement.length; a++) {
          var planGranted = granted.slice();
          var picks = [];
          var alternative = requirement[a];
          for (var t = 0; t < alternative.length; t++) {
            var target = alternative[t];
            if (bitsHas(planGranted, target)) continue;
            var pick = -1;
            var pickCost = Infinity;
            candidatesOf(target).forEach(function (c) {
              var added = bitsCountSubtracting(closures[c], planGranted);
              if (added < pickCost || (added === pickCost && c < pick)) {
                pick = c;
                pickCost = added;
              }
            });
            if (pick < 0) {
              picks = [];
              break;
            }
            picks.push(pick);
            bitsFormUnion(planGranted, closures[pick]);
          }
          var cost = bitsCount(planGranted);
          if (picks.length > 0 && (bestPlan === null || cost < bestPlan.cost)) bestPlan = { cost: cost, picks: picks };
        }
        if (bestPlan === null) return;
        bestPlan.picks.forEach(function (p) {
          chosen.push(p);
          bitsFormUnion(granted, closures[p]);
        });
      }
      consider(chosen, bitsCount(granted));
    }

    function search(chosen, granted, forbidden) {
      state.nodes += 1;
      if (state.nodes > budget) {
        state.exhausted = true;
        return;
      }
      var cost = bitsCount(granted);
      var lowerBound = cost;
      var branch = null;
      for (var r = 0; r < requirements.length; r++) {
        var requirement = requirements[r];
        if (isSatisfied(requirement, granted)) continue;
        var options = new Set();
        var cheapest = Infinity;
        for (var a = 0; a < requirement.length; a++) {
          var alternative = requirement[a];
          var bound = 0;
          var pick = null;
          var feasible = true;
          for (var t = 0; t < alternative.length; t++) {
            var target = alternative[t];
            if (bitsHas(granted, target)) continue;
            var choices = candidatesOf(target).filter(function (c) {
              return !forbidden.has(c);
            });
            if (choices.length === 0) {
              feasible = false;
              break;
            }
            var least = Infinity;
            for (var k = 0; k < choices.length; k++) {
              least = Math.min(least, bitsCountSubtracting(closures[choices[k]], granted));
            }
            bound = Math.max(bound, least);
            if (pick === null || choices.length < pick.length) pick = choices;
          }
          if (!feasible || pick === null) continue;
          cheapest = Math.min(cheapest, bound);
          pick.forEach(function (c) {
            options.add(c);
          });
        }
        if (options.size === 0) return; // this requirement can no longer be met here
        lowerBound = Math.max(lowerBound, cost + cheapest);
        if (branch === null || options.size < branch.size) branch = options;
      }
      if (branch === null) {
        consider(chosen, cost);
        return;
      }
      var best = state.best;
      if (best && (lowerBound > best.cost || (lowerBound === best.cost && chosen.length + 1 > best.chosen.length))) return;

      var ordered = Array.from(branch)
        .map(function (scope) {
          return { added: bitsCountSubtracting(closures[scope], granted), scope: scope };
        })
        .sort(function (x, y) {
          return x.added - y.added || x.scope - y.scope;
        });
      var siblings = new Set(forbidden);
      for (var o = 0; o < ordered.length; o++) {
        // Solutions holding an earlier sibling were all explored under that sibling.
        var scope = ordered[o].scope;
        chosen.push(scope);
        search(chosen, bitsUnion(granted, closures[scope]), siblings);
        chosen.pop();
        if (state.exhausted) return;
        siblings.add(scope);
      }
    }

    seedWithGreedySolution();
    search([], bitsNew(model.words), new Set());
    return state;
  }

  /** Drops members another member already grants; only a budget-limited search can leave them. */
  function withoutRedundantMembers(model, chosen) {
    var sorted = chosen.slice().sort(ascending);
    return sorted.filter(function (member) {
      return !sorted.some(function (other) {
        return (
          other !== member &&
          bitsHas(model.closures[other], member) &&
          !(bitsHas(model.closures[member], other) && member < other)
        );
      });
    });
  }

  /**
   * The minimal defined scopes for `requirements` (per action, its alternatives as lists of scope
   * indices): `{chosen: [indices, ascending], optimal, nodes}`.
   */
  function minimalScopes(model, requirements, nodeBudget) {
    var budgetLimit = nodeBudget == null ? NODE_BUDGET : nodeBudget;
    var reduced = reduceRequirements(requirements);
    if (reduced.length === 0) return { chosen: [], optimal: true, nodes: 0 };
    var targets = sortedUnique([].concat.apply([], [].concat.apply([], reduced)));
    var candidatesByTarget = new Map();
    for (var candidate = 0; candidate < model.definedCount; candidate++) {
      for (var i = 0; i < targets.length; i++) {
        if (bitsHas(model.closures[candidate], targets[i])) {
          if (!candidatesByTarget.has(targets[i])) candidatesByTarget.set(targets[i], []);
          candidatesByTarget.get(targets[i]).push(candidate);
        }
      }
    }
    var all = [];
    candidatesByTarget.forEach(function (list) {
      all = all.concat(list);
    });
    var kept = undominated(model, all, targets);
    candidatesByTarget.forEach(function (list, target) {
      candidatesByTarget.set(
        target,
        list.filter(function (c) {
          return kept.has(c);
        })
      );
    });

    var chosen = [];
    var optimal = true;
    var nodes = 0;
    components(model, reduced, candidatesByTarget).forEach(function (component) {
      var result = searchComponent(model, component, candidatesByTarget, Math.max(0, budgetLimit - nodes));
      nodes += result.nodes;
      optimal = optimal && !result.exhausted;
      if (result.best) chosen = chosen.concat(result.best.chosen);
    });
    return { chosen: withoutRedundantMembers(model, chosen), optimal: optimal, nodes: nodes };
  }

  // ---------------------------------------------------------------------------------------------
  // Resolution (port of Resolver.swift).

  /** `scope` itself when defined, else the first defined scope whose closure holds it. */
  function definedScopeFor(model, scope) {
    if (scope < model.definedCount) return scope;
    for (var d = 0; d < model.definedCount; d++) if (bitsHas(model.closures[d], scope)) return d;
    return -1;
  }

  /** Every scope named in a requirement, in first-seen order. */
  function mentionedScopes(alternatives) {
    var seen = new Set();
    var result = [];
    alternatives.forEach(function (alternative) {
      alternative.forEach(function (scope) {
        if (!seen.has(scope)) {
          seen.add(scope);
          result.push(scope);
        }
      });
    });
    return result;
  }

  /**
   * Resolves a selection (action ids; unknown ids are ignored, order and duplicates do not
   * matter). Returns plain data:
   * `{selection, isFullGuide, scopes, scopeNames, granted, grantedNames, usesDefaultScopes,
   *   optimal, nodes, chosenAlternatives: {id: [indices]}, explanation: [{scope, actions}]}`.
   */
  function resolve(model, ids, options) {
    var nodeBudget = options && options.nodeBudget != null ? options.nodeBudget : NODE_BUDGET;
    var selection = normalizeSelection(model, ids);
    var isFullGuide = selection.length === 0;
    var actions = isFullGuide
      ? model.actions
      : selection.map(function (id) {
          return model.actions[model.actionIndex.get(id)];
        });
    var numbers;
    var optimal = true;
    var nodes = 0;
    var usesDefaultScopes = false;
    if (isFullGuide) {
      if (model.defaultScopes !== null) {
        numbers = model.defaultScopes;
        usesDefaultScopes = true;
      } else {
        numbers = [];
        model.actions.forEach(function (action) {
          mentionedScopes(action.alternatives).forEach(function (scope) {
            var defined = definedScopeFor(model, scope);
            if (defined >= 0) numbers.push(defined);
          });
        });
      }
    } else {
      var outcome = minimalScopes(
        model,
        actions.map(function (action) {
          return action.alternatives;
        }),
        nodeBudget
      );
      numbers = outcome.chosen;
      optimal = outcome.optimal;
      nodes = outcome.nodes;
    }
    var chosen = sortedUnique(numbers);
    var grantedBits = closureOf(model, chosen);
    var granted = bitsMembers(grantedBits);

    var chosenAlternatives = {};
    actions.forEach(function (action) {
      var enabled = null;
      for (var i = 0; i < action.alternatives.length && enabled === null; i++) {
        var alternative = action.alternatives[i];
        if (alternative.every(function (t) { return bitsHas(grantedBits, t); })) enabled = alternative;
      }
      if (enabled === null && isFullGuide && action.alternatives.length > 0) enabled = action.alternatives[0];
      if (enabled !== null) chosenAlternatives[action.id] = enabled.slice();
    });
    var explanation = chosen.map(function (number) {
      return {
        scope: model.scopes[number],
        actions: actions
          .filter(function (action) {
            var alternative = chosenAlternatives[action.id];
            return (
              number < model.definedCount &&
              alternative !== undefined &&
              alternative.some(function (t) {
                return bitsHas(model.closures[number], t);
              })
            );
          })
          .map(function (action) {
            return action.id;
          }),
      };
    });
    var names = function (list) {
      return list.map(function (n) {
        return model.scopes[n];
      });
    };
    return {
      selection: selection,
      isFullGuide: isFullGuide,
      scopes: chosen,
      scopeNames: names(chosen),
      granted: granted,
      grantedNames: names(granted),
      usesDefaultScopes: usesDefaultScopes,
      optimal: optimal,
      nodes: nodes,
      chosenAlternatives: chosenAlternatives,
      explanation: explanation,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Tailoring (port of TailoredGuide.swift).

  function nameSets(resolution) {
    return { chosen: new Set(resolution.scopeNames), granted: new Set(resolution.grantedNames) };
  }

  /** Whether a step or section with these scope names is shown (its own test only). */
  function meets(model, resolution, scopeNames) {
    if (scopeNames.length === 0 || resolution.isFullGuide) return true;
    var sets = nameSets(resolution);
    return scopeNames.some(function (name) {
      return sets.chosen.has(name) || sets.granted.has(name);
    });
  }

  /** A step's display scopes: all when nothing is selected, else those in M, in list order. */
  function displayScopes(model, resolution, displayNames) {
    if (resolution.isFullGuide) return displayNames.slice();
    var chosen = new Set(resolution.scopeNames);
    return displayNames.filter(function (name) {
      return chosen.has(name);
    });
  }

  /**
   * Labels of the considered actions (all when nothing is selected, else the selected ones) whose
   * chosen alternative needs a scope that a displayed defined scope grants; code-point sorted.
   */
  function badge(model, resolution, displayed) {
    if (displayed.length === 0) return [];
    var displayedClosures = [];
    displayed.forEach(function (name) {
      var index = model.scopeIndex.get(name);
      if (index !== undefined && index < model.definedCount) displayedClosures.push(model.closures[index]);
    });
    var actions = resolution.isFullGuide
      ? model.actions
      : resolution.selection.map(function (id) {
          return model.actions[model.actionIndex.get(id)];
        });
    var labels = [];
    actions.forEach(function (action) {
      var alternative = resolution.chosenAlternatives[action.id];
      if (alternative === undefined) return;
      var enabled = alternative.some(function (target) {
        return displayedClosures.some(function (closure) {
          return bitsHas(closure, target);
        });
      });
      if (enabled) labels.push(action.label);
    });
    return labels.sort(compareCodePoints);
  }

  /**
   * Visibility, numbers, display scopes and badges for a guide's sections:
   * `sections` = `[{scopes: [names], steps: [{scopes: [names], displayScopes?: [names]}]}]`
   * (`displayScopes` defaults to `scopes`). Returns, in the same shape,
   * `[{visible, steps: [{visible, number, displayScopes, badge}]}]`; hidden steps have
   * `number: null`, empty `displayScopes` and `badge`.
   */
  function tailor(model, resolution, sections) {
    return sections.map(function (section) {
      var number = 0;
      var steps = (section.steps || []).map(function (step) {
        var scopes = step.scopes || [];
        if (!meets(model, resolution, scopes)) return { visible: false, number: null, displayScopes: [], badge: [] };
        number += 1;
        var display = displayScopes(model, resolution, step.displayScopes || scopes);
        return {
          visible: true,
          number: number,
          displayScopes: display,
          badge: scopes.length === 0 ? [] : badge(model, resolution, display),
        };
      });
      var visible =
        meets(model, resolution, section.scopes || []) &&
        (steps.length === 0 ||
          steps.some(function (step) {
            return step.visible;
          }));
      return { visible: visible, steps: steps };
    });
  }

  /** M joined by the separator (`space`, `comma`, `semicolon`, `pipe`, `newline`). */
  function scopesText(model, resolution, separator) {
    var joiner = SEPARATORS.hasOwnProperty(separator) ? SEPARATORS[separator] : " ";
    return resolution.scopeNames.join(joiner);
  }

  // ---------------------------------------------------------------------------------------------
  // Encoding (port of FormEncoding.swift).

  var HEX = "0123456789ABCDEF";

  function percent(byte) {
    return "%" + HEX[byte >> 4] + HEX[byte & 15];
  }

  function utf8(text) {
    return new TextEncoder().encode(String(text));
  }

  function isAsciiAlphanumeric(byte) {
    return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
  }

  var QUERY_KEPT = "-._~:@!$'()*,;/?";

  /** Percent-encodes all but ASCII letters, digits and `-._~:@!$'()*,;/?` (query values). */
  function encodeQueryValue(text) {
    var result = "";
    utf8(text).forEach(function (byte) {
      var ch = String.fromCharCode(byte);
      if (byte < 0x80 && (isAsciiAlphanumeric(byte) || QUERY_KEPT.indexOf(ch) >= 0)) result += ch;
      else result += percent(byte);
    });
    return result;
  }

  /** WHATWG form encoding: letters, digits and `*-._` kept, space as `+`, the rest `%XX`. */
  function formEncode(text) {
    var result = "";
    utf8(text).forEach(function (byte) {
      if (isAsciiAlphanumeric(byte) || byte === 0x2a || byte === 0x2d || byte === 0x2e || byte === 0x5f) {
        result += String.fromCharCode(byte);
      } else if (byte === 0x20) {
        result += "+";
      } else {
        result += percent(byte);
      }
    });
    return result;
  }

  function hexValue(byte) {
    if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
    if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
    if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
    return -1;
  }

  /**
   * Decodes `%XX` and (form style) `+` as space; `null` on a malformed escape or bytes that are
   * not UTF-8.
   */
  function decodeComponent(text, plusAsSpace) {
    var plus = plusAsSpace !== false;
    var input = utf8(text);
    var bytes = [];
    for (var i = 0; i < input.length; i++) {
      var byte = input[i];
      if (byte === 0x25) {
        if (i + 2 >= input.length) return null;
        var high = hexValue(input[i + 1]);
        var low = hexValue(input[i + 2]);
        if (high < 0 || low < 0) return null;
        bytes.push(high * 16 + low);
        i += 2;
      } else if (byte === 0x2b && plus) {
        bytes.push(0x20);
      } else {
        bytes.push(byte);
      }
    }
    try {
      return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(new Uint8Array(bytes));
    } catch (error) {
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Dynamic guide URL (port of GuideURL.swift and GuideURL+Parsing.swift).

  /**
   * The canonical query without `?` for `state` = `{selection: [ids], separator, whitelabel,
   * variables: {name: value}}`; empty when every parameter has its default.
   */
  function buildQuery(model, state) {
    var parts = [];
    var selection = normalizeSelection(model, (state && state.selection) || []);
    if (selection.length > 0) parts.push("actions=" + selection.map(encodeQueryValue).join(","));
    var separator = state && state.separator;
    if (separator && separator !== "space" && SEPARATORS.hasOwnProperty(separator)) parts.push("separator=" + separator);
    if (state && state.whitelabel) parts.push("whitelabel=1");
    var variables = (state && state.variables) || {};
    Object.keys(variables)
      .sort(compareCodePoints)
      .forEach(function (name) {
        parts.push("var." + encodeQueryValue(name) + "=" + encodeQueryValue(variables[name]));
      });
    return parts.join("&");
  }

  /** `base + path`, then `?` and the canonical query when there is one. */
  function buildURL(model, state) {
    var query = buildQuery(model, state);
    return model.base + model.path + (query ? "?" + query : "");
  }

  function quoted(value) {
    return '"' + value + '"';
  }

  /** Levenshtein distance over code points. */
  function editDistance(a, b) {
    if (a.length === 0) return b.length;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    var current = previous.slice();
    for (var i = 1; i <= a.length; i++) {
      current[0] = i;
      for (var k = 1; k <= b.length; k++) {
        var substitution = previous[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1);
        current[k] = Math.min(previous[k] + 1, current[k - 1] + 1, substitution);
      }
      var swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length];
  }

  /** Up to three candidates nearest to a mistyped name (port of NameSuggestions.swift). */
  function suggestions(name, candidates) {
    var lowered = name.toLowerCase();
    var target = Array.from(lowered);
    var threshold = Math.max(2, Math.floor(target.length / 4));
    var ranked = [];
    candidates.forEach(function (candidate, index) {
      var other = candidate.toLowerCase();
      var distance = editDistance(target, Array.from(other));
      var related = name.length > 0 && (other.indexOf(lowered) >= 0 || lowered.indexOf(other) >= 0);
      if (distance > threshold && !related) return;
      ranked.push({ rank: related ? Math.min(distance, threshold) : distance, index: index, candidate: candidate });
    });
    return ranked
      .sort(function (x, y) {
        return x.rank - y.rank || x.index - y.index;
      })
      .slice(0, 3)
      .map(function (entry) {
        return entry.candidate;
      });
  }

  function didYouMean(list) {
    return list.length === 0 ? "" : "; did you mean " + list.map(quoted).join(", ") + "?";
  }

  /**
   * Parses a query (with or without the leading `?`) by the Swift rules, but instead of stopping
   * at the first problem it keeps every valid part and reports each problem. Returns
   * `{selection: [known ids, catalogue order], hasActions, unknownActions: [ids], separator:
   *   name|null, whitelabel: bool|null, variables: {name: value}, errors: [{kind, value, message}]}`.
   */
  function parseQuery(model, query) {
    var text = String(query == null ? "" : query);
    if (text.charAt(0) === "?") text = text.slice(1);
    var hash = text.indexOf("#");
    if (hash >= 0) text = text.slice(0, hash);
    var errors = [];
    function report(kind, value, message) {
      errors.push({ kind: kind, value: value, message: message });
    }
    var ids = [];
    var hasActions = false;
    var separatorValue = null;
    var whitelabelValue = null;
    var variables = {};
    var conflicts = new Set();
    text.split("&").forEach(function (parameter) {
      if (parameter.length === 0) return;
      var equals = parameter.indexOf("=");
      var rawName = equals >= 0 ? parameter.slice(0, equals) : parameter;
      var rawValue = equals >= 0 ? parameter.slice(equals + 1) : "";
      var name = decodeComponent(rawName, true);
      var value = decodeComponent(rawValue, true);
      if (name === null || value === null) {
        report("malformedEncoding", parameter, "malformed percent-encoding in " + quoted(parameter));
        return;
      }
      function conflicting() {
        if (conflicts.has(name)) return;
        conflicts.add(name);
        report("conflictingParameter", name, "parameter " + quoted(name) + " is given more than once with different values");
      }
      if (name === "actions") {
        hasActions = true;
        value.split(",").forEach(function (item) {
          var id = trimWhitespace(item);
          if (id.length > 0) ids.push(id);
        });
      } else if (name === "separator") {
        if (separatorValue !== null && separatorValue !== value) conflicting();
        else separatorValue = value;
      } else if (name === "whitelabel") {
        if (whitelabelValue !== null && whitelabelValue !== value) conflicting();
        else whitelabelValue = value;
      } else if (name.slice(0, 4) === "var.") {
        var variable = name.slice(4);
        if (Object.prototype.hasOwnProperty.call(variables, variable) && variables[variable] !== value) conflicting();
        else variables[variable] = value;
      } else {
        report(
          "unknownParameter",
          name,
          "unknown parameter " + quoted(name) + " (expected actions, separator, whitelabel or var.<name>)"
        );
      }
    });

    var unknownActions = [];
    ids.forEach(function (id) {
      if (!model.actionIndex.has(id) && unknownActions.indexOf(id) < 0) unknownActions.push(id);
    });
    var catalogueIds = model.actions.map(function (action) {
      return action.id;
    });
    unknownActions.forEach(function (id) {
      report(
        "unknownAction",
        id,
        "unknown action " + quoted(id) + " for connector " + quoted(model.connector) + didYouMean(suggestions(id, catalogueIds))
      );
    });

    var separator = null;
    if (separatorValue !== null) {
      var trimmed = trimWhitespace(separatorValue);
      if (SEPARATORS.hasOwnProperty(trimmed)) separator = trimmed;
      else {
        report(
          "invalidSeparator",
          separatorValue,
          "invalid separator " + quoted(separatorValue) + " (expected " + SEPARATOR_NAMES.join(", ") + ")"
        );
      }
    }
    var whitelabel = null;
    if (whitelabelValue !== null) {
      var flag = trimWhitespace(whitelabelValue).toLowerCase();
      if (flag === "1" || flag === "true" || flag === "") whitelabel = true;
      else if (flag === "0" || flag === "false") whitelabel = false;
      else {
        report(
          "invalidWhitelabel",
          whitelabelValue,
          "invalid whitelabel value " + quoted(whitelabelValue) + " (expected 1, 0, true or false)"
        );
      }
    }
    return {
      selection: normalizeSelection(model, ids),
      hasActions: hasActions,
      unknownActions: unknownActions,
      separator: separator,
      whitelabel: whitelabel,
      variables: variables,
      errors: errors,
    };
  }

  /**
   * The provider's authorize URL: `base` + `?scope=` + the form-encoded scope names joined by
   * `delimiter` + `&response_type=code` (+ `client_id`, `redirect_uri` when given).
   */
  function authorizeURL(base, delimiter, scopeNames, extras) {
    var joiner = delimiter == null ? " " : String(delimiter);
    var parts = ["scope=" + formEncode(scopeNames.join(joiner)), "response_type=code"];
    if (extras && extras.clientId != null) parts.push("client_id=" + formEncode(extras.clientId));
    if (extras && extras.redirectUri != null) parts.push("redirect_uri=" + formEncode(extras.redirectUri));
    return base + (base.indexOf("?") >= 0 ? "&" : "?") + parts.join("&");
  }

  return {
    NODE_BUDGET: NODE_BUDGET,
    SEPARATORS: SEPARATORS,
    prepare: prepare,
    normalizeSelection: normalizeSelection,
    minimalScopes: minimalScopes,
    resolve: resolve,
    meets: meets,
    displayScopes: displayScopes,
    badge: badge,
    tailor: tailor,
    scopesText: scopesText,
    compareCodePoints: compareCodePoints,
    parseList: parseList,
    encodeQueryValue: encodeQueryValue,
    formEncode: formEncode,
    decodeComponent: decodeComponent,
    buildQuery: buildQuery,
    buildURL: buildURL,
    parseQuery: parseQuery,
    authorizeURL: authorizeURL,
    suggestions: suggestions,
  };
})();

// -------------------------------------------------------------------------------------------------
// DOM glue.

(function () {
  if (typeof document === "undefined" || typeof window === "undefined") return;
  var E = ScopeGuideEngine;

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function setHidden(element, hidden) {
    if (hidden) element.setAttribute("hidden", "");
    else element.removeAttribute("hidden");
  }

  /** Writes `text` to the clipboard, falling back to a hidden textarea and `execCommand`. */
  function copyText(text) {
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.top = "-1000px";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (error) {
        ok = false;
      }
      document.body.removeChild(area);
      return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
    }
    try {
      if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
        return navigator.clipboard.writeText(text).catch(fallback);
      }
    } catch (error) {
      // fall through
    }
    return fallback();
  }

  var originalLabels = new WeakMap();

  /** Shows `message` on the button (or its label part) and restores the label after 1.5 s. */
  function flash(button, message) {
    var target = button.querySelector("[data-copy-label], .connector-guide-scope-copy__label") || button;
    if (!originalLabels.has(target)) originalLabels.set(target, { text: target.textContent, timer: null });
    var entry = originalLabels.get(target);
    if (entry.timer !== null) clearTimeout(entry.timer);
    target.textContent = message;
    entry.timer = setTimeout(function () {
      target.textContent = entry.text;
      originalLabels.delete(target);
    }, 1500);
  }

  function copyFrom(button, text) {
    copyText(text).then(
      function () {
        flash(button, "Copied");
      },
      function () {
        // The text stays on the page for copying by hand.
        flash(button, "Copy failed");
      }
    );
  }

  function readData() {
    var script = document.getElementById("scopeguide-data");
    if (!script) return null;
    try {
      return JSON.parse(script.textContent || "");
    } catch (error) {
      return null;
    }
  }

  /** Builds action rows from the catalogue when the page ships none. */
  function buildRows(model) {
    var anchor = document.querySelector("[data-guide-action-list]");
    var noResults = document.querySelector("[data-guide-no-results]");
    var parent = anchor || (noResults && noResults.parentNode);
    if (!parent) return;
    var before = noResults && noResults.parentNode === parent ? noResults : null;
    model.actions.forEach(function (action) {
      var scopesText = action.alternatives
        .map(function (alternative) {
          return alternative
            .map(function (n) {
              return model.scopes[n];
            })
            .join(" ");
        })
        .join(" or ");
      var row = document.createElement("label");
      row.setAttribute("data-guide-action", action.id);
      row.setAttribute("data-guide-action-label", action.label);
      row.setAttribute("data-guide-action-scopes", scopesText);
      row.className = "guides-scope-selector__row";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.value = action.id;
      var label = document.createElement("span");
      label.className = "guides-scope-selector__label";
      label.textContent = action.label;
      var scopes = document.createElement("span");
      scopes.className = "guides-scope-selector__scopes";
      scopes.textContent = scopesText;
      row.appendChild(box);
      row.appendChild(label);
      row.appendChild(scopes);
      parent.insertBefore(row, before);
    });
  }

  function rowId(row) {
    var box = row.querySelector('input[type="checkbox"]');
    return row.getAttribute("data-guide-action") || (box ? box.value : "");
  }

  function rowHaystack(row) {
    var scopes = row.getAttribute("data-guide-action-scopes");
    if (scopes == null) {
      var element = row.querySelector("[data-guide-action-scopes]");
      scopes = element ? element.textContent : row.textContent;
    }
    return [rowId(row), row.getAttribute("data-guide-action-label") || "", scopes || ""].join("\n").toLowerCase();
  }

  function init() {
    var root = document.documentElement;
    var data = readData();
    if (!data) {
      root.setAttribute("data-guide-error", "missing or invalid #scopeguide-data");
      return;
    }
    var model;
    try {
      model = E.prepare(data);
    } catch (error) {
      root.setAttribute("data-guide-error", String(error && error.message));
      return;
    }

    var state = {
      selected: new Set(E.normalizeSelection(model, model.selection)),
      separator: model.separator,
      whitelabel: model.whitelabel,
      variables: Object.assign({}, model.variables),
    };
    var messages = [];
    var parsed = E.parseQuery(model, window.location ? window.location.search : "");
    if (parsed.hasActions) state.selected = new Set(parsed.selection);
    if (parsed.separator !== null) state.separator = parsed.separator;
    if (parsed.whitelabel !== null) state.whitelabel = parsed.whitelabel;
    Object.assign(state.variables, parsed.variables);
    parsed.errors.forEach(function (error) {
      messages.push(error.message);
    });

    var errorBox = document.querySelector("[data-guide-url-error]");
    if (errorBox && messages.length > 0) {
      errorBox.textContent = messages.join("\n");
      errorBox.style.whiteSpace = "pre-line";
      setHidden(errorBox, false);
    }
    if (state.whitelabel) {
      all("[data-whitelabel-hide]").forEach(function (element) {
        setHidden(element, true);
      });
    }

    if (all("[data-guide-action]").length === 0) buildRows(model);
    all("[data-guide-loading]").forEach(function (element) {
      setHidden(element, true);
    });

    var delimiterSelects = all("select[data-guide-scope-delimiter]");
    function showSeparator() {
      delimiterSelects.forEach(function (select) {
        select.value = state.separator;
        Array.prototype.forEach.call(select.options, function (option) {
          if (option.value === state.separator) option.setAttribute("selected", "");
          else option.removeAttribute("selected");
        });
      });
    }
    showSeparator();

    var steps = all("[data-guide-step]");
    var sections = all("[data-guide-section]");

    function stepsOf(section) {
      return steps.filter(function (step) {
        return section.contains(step);
      });
    }

    function render(updateHistory) {
      var resolution = E.resolve(model, Array.from(state.selected));
      var urlState = {
        selection: resolution.selection,
        separator: state.separator,
        whitelabel: state.whitelabel,
        variables: state.variables,
      };

      // Properties drive the UI; the mirrored attributes let `--dump-dom` tests read the state.
      all("[data-guide-action] input[type=checkbox]").forEach(function (box) {
        var on = state.selected.has(box.value);
        box.checked = on;
        if (on) box.setAttribute("checked", "");
        else box.removeAttribute("checked");
      });
      var url = E.buildURL(model, urlState);
      all("[data-guide-url]").forEach(function (input) {
        if ("value" in input) {
          input.value = url;
          input.setAttribute("value", url);
        } else {
          input.textContent = url;
        }
      });
      var text = E.scopesText(model, resolution, state.separator);
      all("[data-guide-scopes-output]").forEach(function (output) {
        output.textContent = text;
      });
      all("[data-guide-authorize-url]").forEach(function (link) {
        var base = link.getAttribute("data-authorize-base");
        if (base == null) return;
        var extras = {
          clientId: link.getAttribute("data-client-id"),
          redirectUri: link.getAttribute("data-redirect-uri"),
        };
        var href = E.authorizeURL(base, link.getAttribute("data-scope-delimiter"), resolution.scopeNames, extras);
        link.setAttribute("href", href);
        link.textContent = href;
      });

      var stepVisible = new Map();
      // Steps, numbered among the visible steps of their section.
      var numbers = new Map();
      steps.forEach(function (step) {
        var scopes = E.parseList(step.getAttribute("data-guide-scopes"));
        var visible = E.meets(model, resolution, scopes);
        stepVisible.set(step, visible);
        setHidden(step, !visible);
        var section = sections.find(function (candidate) {
          return candidate.contains(step);
        });
        if (visible) {
          var next = (numbers.get(section || null) || 0) + 1;
          numbers.set(section || null, next);
          all("[data-guide-step-number]", step).forEach(function (element) {
            element.textContent = String(next);
          });
        }
        var listAttribute = step.getAttribute("data-guide-display-scopes-list");
        var display = E.displayScopes(model, resolution, E.parseList(listAttribute == null ? step.getAttribute("data-guide-scopes") : listAttribute));
        var shown = new Set(display);
        all("li[data-guide-display-scope]", step).forEach(function (item) {
          setHidden(item, !shown.has(item.getAttribute("data-guide-display-scope")));
        });
        all("[data-guide-display-scopes]", step).forEach(function (container) {
          if (container.querySelector("li[data-guide-display-scope]")) setHidden(container, display.length === 0);
        });
        var labels = scopes.length === 0 || !visible ? [] : E.badge(model, resolution, display);
        all("[data-guide-actions-badge]", step).forEach(function (badge) {
          var target = badge.querySelector("[data-guide-actions-badge-labels]");
          if (target) target.textContent = labels.join(", ");
          setHidden(badge, labels.length === 0);
        });
      });
      sections.forEach(function (section) {
        var own = E.meets(model, resolution, E.parseList(section.getAttribute("data-guide-scopes")));
        var inner = stepsOf(section);
        var visible =
          own &&
          (inner.length === 0 ||
            inner.some(function (step) {
              return stepVisible.get(step) === true;
            }));
        setHidden(section, !visible);
      });

      root.setAttribute("data-guide-optimal", resolution.optimal ? "1" : "0");
      if (updateHistory && window.history && typeof window.history.replaceState === "function") {
        var query = E.buildQuery(model, urlState);
        try {
          window.history.replaceState(
            window.history.state,
            "",
            window.location.pathname + (query ? "?" + query : "") + window.location.hash
          );
        } catch (error) {
          // file: URLs and sandboxed frames may refuse; the URL field still shows the link.
        }
      }
    }

    function applySearch() {
      var search = document.querySelector("[data-guide-action-search]");
      var needle = search ? String(search.value || "").trim().toLowerCase() : "";
      var any = false;
      all("[data-guide-action]").forEach(function (row) {
        var match = needle === "" || rowHaystack(row).indexOf(needle) >= 0;
        setHidden(row, !match);
        if (match) any = true;
      });
      all("[data-guide-no-results]").forEach(function (element) {
        setHidden(element, any);
      });
    }

    document.addEventListener("change", function (event) {
      var target = event.target;
      if (!target || !target.closest) return;
      if (target.matches('input[type="checkbox"]') && target.closest("[data-guide-action]")) {
        if (target.checked) state.selected.add(target.value);
        else state.selected.delete(target.value);
        render(true);
      } else if (target.matches("select[data-guide-scope-delimiter]")) {
        if (E.SEPARATORS.hasOwnProperty(target.value)) state.separator = target.value;
        showSeparator();
        render(true);
      }
    });

    document.addEventListener("input", function (event) {
      if (event.target && event.target.matches && event.target.matches("[data-guide-action-search]")) applySearch();
    });

    document.addEventListener("click", function (event) {
      var target = event.target;
      if (!target || !target.closest) return;
      var button = target.closest("[data-guide-select-all], [data-guide-clear], [data-guide-copy-url], [data-guide-copy-scopes], button[data-copy]");
      if (!button) return;
      if (button.hasAttribute("data-guide-select-all")) {
        all("[data-guide-action]").forEach(function (row) {
          if (row.hidden) return;
          var id = rowId(row);
          if (model.actionIndex.has(id)) state.selected.add(id);
        });
        render(true);
      } else if (button.hasAttribute("data-guide-clear")) {
        state.selected.clear();
        render(true);
      } else if (button.hasAttribute("data-guide-copy-url")) {
        var field = document.querySelector("[data-guide-url]");
        copyFrom(button, field ? ("value" in field ? field.value : field.textContent) : "");
      } else if (button.hasAttribute("data-guide-copy-scopes")) {
        var output = document.querySelector("[data-guide-scopes-output]");
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

if (typeof module !== "undefined") module.exports = ScopeGuideEngine;
