#!/usr/bin/env python3
"""Write perturbed variants of one scenario: the same incident told differently.

    perturb.py SCENARIO_DIR OUT_DIR BIN

Writes OUT_DIR/<variant>/ (a full scenario folder with its expected.json adjusted) for:
  renamed     the alerting service renamed in alert.json and logs.txt
  renumbered  every pull request renumbered (+7000) and pulls.json reordered
  shifted     every merge before the alert moved two hours earlier
  decoy       one more pull request, merged after the culprit (or just before the onset),
              that edits the failing line cosmetically (a lint suppression comment)
  json        logs.txt re-encoded as container runtime JSON lines (Docker json-file)
A correct engine gives every variant the scenario's expected answer. BIN is the
aiops-agent binary (for `adapt` and `digest`). Standard library only.
"""
import json, os, re, shutil, subprocess, sys
from datetime import datetime, timedelta, timezone

def load(p):
    with open(p, encoding="utf-8") as f:
        return json.load(f)

def dump(p, v):
    with open(p, "w", encoding="utf-8") as f:
        json.dump(v, f, indent=1)

def ts(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)

def fmt(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")

def copy(src, dst):
    shutil.copytree(src, dst)

def alert_of(src, binary):
    out = subprocess.run([binary, "adapt", "auto", os.path.join(src, "alert.json")],
                         capture_output=True, text=True)
    if out.returncode:
        out = subprocess.run([binary, "adapt", "native", os.path.join(src, "alert.json")],
                             capture_output=True, text=True)
    return json.loads(out.stdout) if out.returncode == 0 else {}

def replace_in(path, old, new):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(text.replace(old, new))

def renamed(src, dst, binary):
    copy(src, dst)
    service = alert_of(src, binary).get("service") or ""
    if len(service) < 3:
        return
    for name in ("alert.json", "logs.txt"):
        replace_in(os.path.join(dst, name), service, "zz-renamed-svc")

def renumbered(src, dst, binary):
    copy(src, dst)
    g = os.path.join(dst, "github")
    pulls = load(os.path.join(g, "pulls.json"))
    for p in pulls:
        n = p["number"]
        p["number"] = n + 7000
        for k in ("url", "html_url", "diff_url", "patch_url", "issue_url"):
            if isinstance(p.get(k), str):
                p[k] = re.sub(r"/(pull|pulls|issues)/%d\b" % n, r"/\g<1>/%d" % (n + 7000), p[k])
        d = os.path.join(g, "pulls", "%d.diff" % n)
        if os.path.exists(d):
            os.rename(d, os.path.join(g, "pulls", "%d.diff" % (n + 7000)))
        f = os.path.join(g, "pulls", str(n))
        if os.path.isdir(f):
            os.rename(f, os.path.join(g, "pulls", str(n + 7000)))
    pulls.reverse()
    dump(os.path.join(g, "pulls.json"), pulls)
    e = load(os.path.join(dst, "expected.json"))
    if e.get("blame_pr") is not None:
        e["blame_pr"] += 7000
    dump(os.path.join(dst, "expected.json"), e)

def fired_at(src, binary):
    a = alert_of(src, binary)
    return ts(a["fired_at"]) if a.get("fired_at") else None

def shifted(src, dst, binary):
    copy(src, dst)
    path = os.path.join(dst, "github", "pulls.json")
    pulls = load(path)
    fired = fired_at(src, binary)
    for p in pulls:
        if not p.get("merged_at") or (fired and ts(p["merged_at"]) > fired):
            continue
        for k in ("created_at", "updated_at", "closed_at", "merged_at"):
            if p.get(k):
                p[k] = fmt(ts(p[k]) - timedelta(hours=2))
    dump(path, pulls)

SUPPRESS = {".py": "  # noqa", ".rb": "  # rubocop:disable Metrics", ".go": " //nolint",
            ".php": " // phpcs:ignore", ".yml": "", ".yaml": ""}

def failing_line(src, binary):
    """(repository path, line number) of the first application frame found in tree/."""
    out = subprocess.run([binary, "digest", os.path.join(src, "logs.txt"), "--json"],
                         capture_output=True, text=True)
    if out.returncode:
        return None
    tree = os.path.join(src, "github", "tree")
    files = []
    for root, _, names in os.walk(tree):
        for n in names:
            files.append(os.path.relpath(os.path.join(root, n), tree))
    for t in json.loads(out.stdout).get("traces", []):
        for fr in t.get("frames", []):
            m = (re.search(r'File "([^"]+)", line (\d+)', fr) or re.search(r"([\w./-]+\.\w+):(\d+)", fr)
                 or re.search(r"([\w./-]+\.\w+)\((\d+)\)", fr))
            if not m:
                continue
            name, line = m.group(1), int(m.group(2))
            for f in files:
                if name.endswith("/" + f) or f.endswith("/" + name.lstrip("/")) or f == name:
                    return f, line
    return None

def decoy(src, dst, binary):
    copy(src, dst)
    where = failing_line(src, binary)
    g = os.path.join(dst, "github")
    pulls = load(os.path.join(g, "pulls.json"))
    if not where:
        return False
    path, line = where
    with open(os.path.join(g, "tree", path), encoding="utf-8", errors="surrogateescape") as f:
        lines = f.read().split("\n")
    if line > len(lines) or not lines[line - 1].strip():
        return False
    ext = os.path.splitext(path)[1]
    old = lines[line - 1]
    new = old + SUPPRESS.get(ext, " // NOSONAR")
    if new == old:
        return False
    lo, hi = max(1, line - 3), min(len(lines), line + 3)
    body = []
    for i in range(lo, hi + 1):
        if i == line:
            body += ["-" + old, "+" + new]
        else:
            body.append(" " + lines[i - 1])
    n = hi - lo + 1
    diff = ("diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n@@ -%d,%d +%d,%d @@\n%s\n"
            % (path, path, path, path, lo, n, lo, n, "\n".join(body)))
    exp = load(os.path.join(dst, "expected.json"))
    fired = fired_at(src, binary)
    merged = [p for p in pulls if p.get("merged_at")]
    culprit = [p for p in merged if p["number"] == exp.get("blame_pr")]
    when = ts(culprit[0]["merged_at"]) + timedelta(minutes=1) if culprit else fired - timedelta(minutes=40)
    number = max(p["number"] for p in pulls) + 1
    pr = dict(merged[0])
    pr.update({"number": number, "title": "Tidy: lint suppression on a long line",
               "body": "No behaviour change.", "created_at": fmt(when - timedelta(minutes=5)),
               "updated_at": fmt(when), "closed_at": fmt(when), "merged_at": fmt(when),
               "merge_commit_sha": "%040x" % (0xdec0 + number)})
    for k in ("url", "html_url", "diff_url", "patch_url", "issue_url"):
        if isinstance(pr.get(k), str):
            pr[k] = re.sub(r"/\d+(\.diff|\.patch)?$", "/%d\\1" % number, pr[k])
    pulls.insert(0, pr)
    dump(os.path.join(g, "pulls.json"), pulls)
    with open(os.path.join(g, "pulls", "%d.diff" % number), "w", encoding="utf-8",
              errors="surrogateescape") as f:
        f.write(diff)
    return True

def json_lines(src, dst, binary):
    copy(src, dst)
    path = os.path.join(dst, "logs.txt")
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    with open(path, "w", encoding="utf-8") as f:
        for l in lines:
            f.write(json.dumps({"log": l + "\n", "stream": "stdout"}) + "\n")

VARIANTS = {"renamed": renamed, "renumbered": renumbered, "shifted": shifted,
            "decoy": decoy, "json": json_lines}

def main():
    src, out, binary = sys.argv[1], sys.argv[2], sys.argv[3]
    for name, make in VARIANTS.items():
        dst = os.path.join(out, name)
        if make(src, dst, binary) is False:
            shutil.rmtree(dst, ignore_errors=True)

if __name__ == "__main__":
    main()
