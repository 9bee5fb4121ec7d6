"""Greet someone. Parameters arrive as one JSON line on stdin; the result is one JSON line on stdout."""
import json
import sys


def read_parameters() -> dict:
    line = sys.stdin.readline()
    return json.loads(line) if line.strip() else {}


def main() -> None:
    params = read_parameters()
    name = params.get("name") or "Python"
    print(json.dumps({"message": f"Hello, {name}"}))


if __name__ == "__main__":
    main()
