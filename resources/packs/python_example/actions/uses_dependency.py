"""Greet through attune_greeting, a dependency installed into the pack's virtualenv from requirements.txt."""
import json
import sys

import attune_greeting


def main() -> None:
    line = sys.stdin.readline()
    params = json.loads(line) if line.strip() else {}
    name = params.get("name") or "workbench"
    print(json.dumps({"message": attune_greeting.greet(name), "module_file": attune_greeting.__file__}))


if __name__ == "__main__":
    main()
