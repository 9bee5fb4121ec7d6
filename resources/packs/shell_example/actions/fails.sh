#!/bin/bash
# Print a little, then fail with the requested exit code.
set -uo pipefail

exit_code=3
reason="this action always fails"
while IFS= read -r line || [ -n "$line" ]; do
  value=${line#*=}
  value=${value#\'}
  value=${value%\'}
  value=${value//\'\\\'\'/\'}
  case "${line%%=*}" in
    exit_code) exit_code=$value ;;
    reason) reason=$value ;;
  esac
done

if ! [[ "$exit_code" =~ ^[0-9]+$ ]] || [ "$exit_code" -lt 1 ] || [ "$exit_code" -gt 255 ]; then
  exit_code=3
fi

echo "about to fail with exit code $exit_code"
echo "$reason" >&2
exit "$exit_code"
