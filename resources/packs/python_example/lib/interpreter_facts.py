"""Helpers shared by the python_example actions. The Python runtime puts {pack_dir}/lib on PYTHONPATH."""
import os
import sys


def describe_interpreter() -> dict:
    """Facts about the running interpreter, as plain JSON-ready values."""
    lib_dir = os.path.dirname(os.path.abspath(__file__))
    return {
        "version": sys.version,
        "version_info": [sys.version_info.major, sys.version_info.minor, sys.version_info.micro],
        "executable": sys.executable,
        "in_virtualenv": sys.prefix != getattr(sys, "base_prefix", sys.prefix),
        "pythonpath_has_lib": lib_dir in os.environ.get("PYTHONPATH", "").split(os.pathsep),
    }
