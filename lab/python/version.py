"""Prints the interpreter's version as flat JSON, for the lab's report header."""
import json
import sys

print(json.dumps({"major": sys.version_info[0], "minor": sys.version_info[1], "micro": sys.version_info[2]}))
