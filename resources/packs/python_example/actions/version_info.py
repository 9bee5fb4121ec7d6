"""Report the interpreter that runs this action, using the pack's own helper module from lib/."""
import json
import sys

# lib/ is on PYTHONPATH: the Python runtime prepends {pack_dir}/lib.
from interpreter_facts import describe_interpreter


def main() -> None:
    sys.stdin.read()  # parameters are not used, but the worker always sends a document
    print(json.dumps(describe_interpreter()))


if __name__ == "__main__":
    main()
