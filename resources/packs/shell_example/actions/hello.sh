#!/bin/bash
# Greet someone. Parameters come on stdin as dotenv lines: key='value', with ' written as '\''.
set -euo pipefail

name=shell
greeting=Hello
times=1

# Read each key='value' line without eval: strip the outer quotes and undo the '\'' escape.
while IFS= read -r line || [ -n "$line" ]; do
  key=${line%%=*}
  value=${line#*=}
  value=${value#\'}
  value=${value%\'}
  value=${value//\'\\\'\'/\'}
  case "$key" in
    name) name=$value ;;
    greeting) greeting=$value ;;
    times) times=$value ;;
  esac
done

if ! [[ "$times" =~ ^[0-9]+$ ]]; then
  echo "times must be a whole number, got '$times'" >&2
  exit 2
fi

for ((i = 1; i <= times; i++)); do
  echo "$greeting, $name!"
done
