#!/bin/sh
# make demo: replay one recorded incident offline and show where everything went.
set -eu
scenario=${AIOPS_DEMO_SCENARIO:-scenario-2-500-schema-drift}
echo "aiops-agent demo: replaying incidents/$scenario offline (no network, sandbox git repository)"
echo
status=0
bin/aiops-agent replay "$scenario" --out out || status=$?
echo
echo "Other scenarios: ls incidents/; bin/aiops-agent replay <name>. Details: bin/aiops-agent help"
exit $status
