#!/usr/bin/env python3
"""Writes the man page warta.1 from warta.1.in and the help texts of the built binary.

    dist/make-man.py build/warta dist/warta.1.in build/warta.1      (run by the build)

The options of each command come from `warta COMMAND --help`, so that the man page lists
exactly what the binary accepts; the prose around them is warta.1.in. Markers there:
@VERSION@ (from `warta --version`) and @COMMANDS@ (one subsection per command).
"""
import re
import subprocess
import sys

COMMANDS = ["extract", "tokenize", "index", "search", "stats", "serve"]
HIDDEN = {"--files"}  # the positional FILE arguments, not an option a user types


def roff(text):
    """Plain text → roff: backslashes, hyphens and non-ASCII characters escaped, no line starting
    with a control character."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = "".join(c if ord(c) < 128 else f"\\[u{ord(c):04X}]" for c in text)  # groff reads ASCII
    return re.sub(r"^([.'])", r"\\&\1", text, flags=re.M)


def options(help_text):
    """Boost.Program_options' help → [(names, argument, default, description)]."""
    found = []
    desc_col = None
    for line in help_text.splitlines():
        m = re.match(r"^  (-\w \[ --[\w-]+ \]|--[\w-]+)( arg)?( \(=([^)]*)\))?(\s+)(.*)$", line)
        if m:
            names = m.group(1)
            short = re.match(r"-(\w) \[ (--[\w-]+) \]", names)
            names = [f"-{short.group(1)}", short.group(2)] if short else [names]
            desc_col = len(line) - len(m.group(6))
            found.append([names, bool(m.group(2)), m.group(4), m.group(6).strip()])
        elif found and desc_col and line.startswith(" " * desc_col) and line.strip():
            found[-1][3] += " " + line.strip()
        elif line.strip() and not line.startswith("  "):
            desc_col = None
    return [o for o in found if not HIDDEN.intersection(o[0])]


def main():
    warta, template, out = sys.argv[1:4]

    def run(*args):
        return subprocess.run([warta, *args], capture_output=True, text=True, check=True).stdout

    version = run("--version").split()[1]
    parts = []
    for command in COMMANDS:
        help_text = run(command, "--help")
        usage = help_text.splitlines()[0].removeprefix("Usage: ")
        parts.append(f'.SS "{roff(usage)}"')
        for names, arg, default, desc in options(help_text):
            label = ", ".join(f"\\fB{roff(n)}\\fR" for n in names)
            if arg:
                label += " \\fIARG\\fR"
            parts.append(".TP")
            parts.append(label)
            parts.append(roff(desc) + (f" (default: {roff(default)})" if default else ""))
    with open(template, encoding="utf-8") as f:
        page = f.read()
    page = page.replace("@VERSION@", version).replace("@COMMANDS@", "\n".join(parts))
    with open(out, "w", encoding="utf-8") as f:
        f.write(page)


if __name__ == "__main__":
    main()
