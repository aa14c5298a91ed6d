#!/usr/bin/env python3
"""Writes one connector the size and shape of a large public API's permission catalogue.

11,000 actions over 700 scopes: most actions allow 2-10 alternative scopes, about one
alternative in ten needs two scopes at once, `includes` go three levels deep, and scopes have
four privilege levels. Block style, about 3 MB in one file; with --parts N the actions go into N
`area-K.actions.yaml` files beside the connector file instead (the same catalogue, so every
output must be byte-identical). Deterministic for a given --seed.

Usage: generate-large-catalogue.py OUTPUT_GUIDES_FOLDER [--parts N] [--actions 11000] [--scopes 700] [--seed 1]
"""
import argparse
import os
import random


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output")
    parser.add_argument("--parts", type=int, default=1)
    parser.add_argument("--actions", type=int, default=11_000)
    parser.add_argument("--scopes", type=int, default=700)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    n = args.scopes
    top, middle = n // 7, 3 * n // 7          # three levels: top includes middle, middle includes leaves
    lines = ["key: graph", "name: Generated Graph", "", "scopeDefinitions:"]
    for i in range(n):
        lines += [f"  s{i}.ReadWrite:", f"    description: Permission {i}", f"    privilege: {1 + i % 4}"]
        if i < top:
            children = sorted({rng.randrange(top, middle) for _ in range(rng.randint(0, 3))})
        elif i < middle:
            children = sorted({rng.randrange(middle, n) for _ in range(rng.randint(0, 2))})
        else:
            children = []
        if children:
            lines.append("    includes:")
            lines += [f"      - s{c}.ReadWrite" for c in children]
    actions = []
    for a in range(args.actions):
        block = [f"  - id: graph_op_{a}", f"    label: Operation {a}", "    requiredScopes:", "      anyOf:"]
        for _ in range(rng.randint(2, 10)):
            if rng.randrange(10) == 0:
                block.append(f"        - [s{rng.randrange(n)}.ReadWrite, s{rng.randrange(n)}.ReadWrite]")
            else:
                block.append(f"        - s{rng.randrange(n)}.ReadWrite")
        actions.append("\n".join(block))
    every = ", ".join(f"s{i}.ReadWrite" for i in range(n))
    auth = f"""
authentication:
  - oauth:
      type: oauth2
      label: OAuth 2.0
      support:
        guides:
          config:
            sections:
              - title: Grant the permissions
                steps:
                  - title: Add the permissions
                    scopes: [{every}]
"""
    folder = os.path.join(args.output, "graph")
    os.makedirs(folder, exist_ok=True)
    main_text = "\n".join(lines) + "\n"
    if args.parts <= 1:
        main_text += "\nactions:\n" + "\n".join(actions) + "\n" + auth
    else:
        main_text += "\nactions: []\n" + auth
        size = (len(actions) + args.parts - 1) // args.parts
        for k in range(args.parts):
            with open(os.path.join(folder, f"area-{k}.actions.yaml"), "w") as f:
                f.write("actions:\n" + "\n".join(actions[k * size:(k + 1) * size]) + "\n")
    with open(os.path.join(folder, "graph.connector.yaml"), "w") as f:
        f.write(main_text)
    with open(os.path.join(args.output, "all-ids.txt"), "w") as f:
        f.write("\n".join(f"graph_op_{a}" for a in range(args.actions)) + "\n")


if __name__ == "__main__":
    main()
