#!/usr/bin/env python3
"""Writes a deterministic synthetic guides folder for the build benchmark.

Each connector has 30 scopes (ten resources with read, write and delete, where write includes
read and delete includes write; one resource's read is an `events:*:read`-style wildcard family),
50 actions (one in five with an `anyOf` requirement) and one OAuth 2.0 link-account guide of two
sections with three steps each (6 steps), written in the Markdown StackOne's guides use: bold UI
names, links, inline code and short bullet lists.

    python3 Benchmarks/generate-corpus.py /tmp/scopeguide-corpus          # 500 connectors
    python3 Benchmarks/generate-corpus.py /tmp/small --connectors 20

The same arguments always write byte-identical files (a fixed seed per connector). The folder is
emptied first, so a shrunken corpus leaves no stale connectors behind.
"""

import argparse
import os
import random
import shutil

RESOURCES = ["accounts", "contacts", "conversations", "messages", "tags",
             "teammates", "inboxes", "channels", "comments", "events"]
VERBS = {"read": "Read", "write": "Create and update", "delete": "Delete"}
UI_WORDS = ["Settings", "Integrations", "Developers", "API access", "Apps", "Security",
            "Permissions", "Workspace", "Admin console", "Connected apps"]
FILLER = ["the left sidebar", "the top navigation bar", "the account menu", "the admin area",
          "the workspace switcher", "the profile page"]


def scope_name(resource, verb):
    # One family uses a wildcard segment, as Front's `events:*:read` does.
    if resource == "events" and verb == "read":
        return "events:*:read"
    return f"{resource}:{verb}"


def quote(text):
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def connector_yaml(index):
    rng = random.Random(0x5C09E + index)
    key = f"conn{index:03d}"
    name = f"Connector {index:03d}"
    lines = [f"# Synthetic connector {index} (Benchmarks/generate-corpus.py).",
             f"key: {key}", f"name: {quote(name)}", "", "scopeDefinitions:"]
    scopes = []
    for resource in RESOURCES:
        for verb in VERBS:
            scope = scope_name(resource, verb)
            scopes.append(scope)
            includes = {"write": scope_name(resource, "read"), "delete": f"{resource}:write"}.get(verb)
            body = f"description: {quote(VERBS[verb] + ' ' + resource)}"
            if includes:
                body += f", includes: {quote(includes)}"
            lines.append(f"  {quote(scope)}: {{{body}}}")

    lines += ["", "actions:"]
    for number in range(50):
        resource = RESOURCES[number % len(RESOURCES)]
        verb = list(VERBS)[rng.randrange(3)]
        action = {"read": "list", "write": "update", "delete": "delete"}[verb]
        lines.append(f"  - id: {key}_{action}_{resource}_{number}")
        lines.append(f"    label: {quote(action.title() + ' ' + resource.title() + ' ' + str(number))}")
        if number % 5 == 4:
            other = scope_name(RESOURCES[(number + 3) % len(RESOURCES)], verb)
            lines.append(f"    requiredScopes: {{anyOf: [{quote(scope_name(resource, verb))}, {quote(other)}]}}")
        else:
            lines.append(f"    requiredScopes: {quote(scope_name(resource, verb))}")

    lines += ["", "authentication:", "  - oauth:", "      type: oauth2", "      label: OAuth 2.0",
              f"      authorizationUrl: https://{key}.example.com/oauth/authorize",
              f"      tokenUrl: https://{key}.example.com/oauth/token",
              "      configFields:",
              "        - {key: clientId, label: Client ID, type: text, required: true}",
              "        - {key: clientSecret, label: Client Secret, type: password, required: true, secret: true}",
              "        - {key: region, label: Region, type: text, required: false}",
              "      support:",
              f"        link: https://docs.example.com/{key}",
              "        guides:",
              "          config:",
              f"            warning: {quote(f'You need an administrator account in {name} to create an OAuth app.')}",
              "            sections:"]
    step = 0
    for section in range(2):
        lines.append(f"              - title: {quote(['Create an OAuth App', 'Grant Permissions'][section])}")
        lines.append(f"                content: {quote(paragraph(rng, name))}")
        lines.append("                steps:")
        for _ in range(3):
            step += 1
            ui = rng.choice(UI_WORDS)
            lines.append(f"                  - title: {quote(f'Open **{ui}** (step {step})')}")
            lines.append(f"                    content: {quote(paragraph(rng, name))}")
            lines.append("                    list:")
            for _ in range(3):
                lines.append(f"                      - {quote(bullet(rng))}")
            if section == 1:
                # The three steps of the second section show ten scopes each: every scope once.
                shown = scopes[(step - 4) * 10:(step - 3) * 10]
                lines.append(f"                    scopes: {quote(' '.join(shown))}")
    return "\n".join(lines) + "\n"


def paragraph(rng, name):
    ui, other = rng.sample(UI_WORDS, 2)
    place = rng.choice(FILLER)
    return (f"Sign in to your [{name} account](https://app.example.com/{rng.randrange(1000)}) as an "
            f"administrator. From {place}, open **{ui}**, then **{other}**. If you cannot see it, "
            f"ask the workspace owner to grant you the `admin` role; changes can take a few minutes "
            f"to apply.\n\nKeep this page open: you will need the values it shows in the next steps.")


def bullet(rng):
    ui = rng.choice(UI_WORDS)
    return rng.choice([f"Click **{ui}** and confirm with **Save**.",
                       f"Copy the value shown under *{ui}*; it is shown only once.",
                       f"Set `redirect_uri` to the {{{{callbackURL}}}} shown in the {{{{platformName}}}} dashboard.",
                       f"Leave the other options of **{ui}** at their defaults."])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", help="folder to write (emptied first)")
    parser.add_argument("--connectors", type=int, default=500)
    args = parser.parse_args()
    if os.path.isdir(args.output):
        shutil.rmtree(args.output)
    for index in range(args.connectors):
        folder = os.path.join(args.output, f"conn{index:03d}")
        os.makedirs(folder)
        with open(os.path.join(folder, f"conn{index:03d}.connector.yaml"), "w", encoding="utf-8") as file:
            file.write(connector_yaml(index))
    print(f"wrote {args.connectors} connectors to {args.output}")


if __name__ == "__main__":
    main()
