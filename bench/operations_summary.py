#!/usr/bin/env python3
"""Turns a bench/operations.sh results folder into summary.md: what the clients saw in each run, second by second around
the faults, recovery times, memory over a soak, the payments check, throughput per gateway count."""
import datetime
import json
import pathlib
import re
import sys

out = pathlib.Path(sys.argv[1])


def events():
    """(unix seconds, text) of events.log; its times are UTC of the run's day."""
    day = datetime.datetime.strptime(out.name[:8], "%Y%m%d").replace(tzinfo=datetime.timezone.utc)
    result = []
    path = out / "events.log"
    if not path.exists():
        return result
    previous = None
    for line in path.read_text().splitlines():
        clock, _, text = line.partition(" ")
        t = datetime.datetime.strptime(clock, "%H:%M:%S.%f").replace(year=day.year, month=day.month, day=day.day, tzinfo=datetime.timezone.utc)
        if previous is not None and t < previous:
            day += datetime.timedelta(days=1)
            t += datetime.timedelta(days=1)
        previous = t
        result.append((t.timestamp(), text))
    return result


def mb(value):
    return "–" if not value else f"{value / 1048576:.0f} MB"


def kinds(counts):
    """Outcomes by kind over every operation: ok, partial, errors, http:<status>, transport:<reason>."""
    total = {}
    for key, value in counts.items():
        if key.startswith("code."):
            continue
        kind = key.split(".", 1)[1]
        total[kind] = total.get(kind, 0) + value
    return total


def codes(counts):
    return {key[5:]: value for key, value in counts.items() if key.startswith("code.")}


def fmt(d):
    return ", ".join(f"{k} {v}" for k, v in sorted(d.items(), key=lambda kv: -kv[1])) or "none"


all_events = events()
runs = sorted(out.glob("*.json"), key=lambda p: p.stat().st_mtime)
runs = [p for p in runs if p.name.count(".") == 1 and not p.name.startswith("health") and "backends" not in p.name and p.name != "proxy-backends.json"]
print(f"# {out.name}\n")
env = out / "environment.txt"
if env.exists():
    print("```\n" + env.read_text().strip() + "\n```\n")

scale_rows = []
for path in runs:
    try:
        run = json.loads(path.read_text())
    except json.JSONDecodeError:
        continue
    if "summary" not in run:
        continue
    label = path.stem
    s = run["summary"]
    start = run["startedAtUnixMs"] / 1000
    end = start + run["seconds"]
    outcome = kinds(s["counts"])
    bad = sum(v for k, v in outcome.items() if k != "ok")
    if label.startswith("gateways-"):
        cpu = [c for c in run.get("cpuSeconds", []) if c is not None]
        scale_rows.append((label, s["requests"], run["seconds"], bad, s["p50"], s["p99"], cpu))
        continue

    print(f"## {label}\n")
    print(f"{s['requests']} requests in {run['seconds']} s at concurrency {run['concurrency']} ({s['requests'] / run['seconds']:.1f}/s); "
          f"p50 {s['p50']} ms, p99 {s['p99']} ms, max {s['max']} ms.\n")
    print(f"- outcomes: {fmt(outcome)}")
    print(f"- error codes: {fmt(codes(s['counts']))}")
    print(f"- payments: {s['paymentsSucceeded']} succeeded ({s['paymentsRetried']} after a retry with the same key), {s['paymentsUnresolved']} unresolved")
    check = out / f"{label}.payments-check.txt"
    if check.exists():
        print("- payments in billing: " + "; ".join(check.read_text().split("\n")).strip("; "))

    timeline = [json.loads(line) for line in (out / f"{label}.timeline.jsonl").read_text().splitlines() if line.strip()]
    mine = [(t - start, text) for t, text in all_events if start <= t <= end + 1]
    if mine:
        print("\nEvents (seconds after the load started):\n")
        for offset, text in mine:
            print(f"- {offset:6.1f} s  {text}")
        first_event, last_event = mine[0][0], mine[-1][0]
        bad_seconds = [row["second"] for row in timeline
                       if any(not key.endswith(".ok") and not key.startswith("code.") for key in row["counts"])]
        if bad_seconds:
            print(f"\nNon-ok responses from second {bad_seconds[0]} to second {bad_seconds[-1]} "
                  f"({len(bad_seconds)} seconds with at least one).")
            print(f"Last non-ok second {bad_seconds[-1] - last_event:+.1f} s from the last event above (`{mine[-1][1]}`).")
        else:
            print("\nEvery response was ok, in every second.")
        print("\n| second | requests | p99 ms | outcomes (non-ok) | error codes |\n| ---: | ---: | ---: | --- | --- |")
        for row in timeline:
            if first_event - 3 <= row["second"] <= last_event + 10 or any(not k.endswith(".ok") and not k.startswith("code.") for k in row["counts"]):
                nonok = {k: v for k, v in kinds(row["counts"]).items() if k != "ok"}
                print(f"| {row['second']} | {row['requests']} | {row['p99']} | {fmt(nonok) if nonok else '–'} | {fmt(codes(row['counts'])) if codes(row['counts']) else '–'} |")

    if s.get("minutes") and len(s["minutes"]) > 2:
        print("\n| minute | requests | p50 ms | p99 ms | RSS | GC heap |\n| ---: | ---: | ---: | ---: | ---: | ---: |")
        samples = {row["second"] // 60: row for row in timeline if row.get("rssBytes")}
        for i, minute in enumerate(s["minutes"]):
            sample = samples.get(i, {})
            rss = (sample.get("rssBytes") or [0])[0]
            print(f"| {i + 1} | {minute['requests']} | {minute['p50']} | {minute['p99']} | {mb(rss)} | {mb(sample.get('gcHeapBytes'))} |")
        first, last = s.get("firstSample"), s.get("lastSample")
        if first and last:
            print(f"\nMemory: RSS {mb(first['Rss'][0])} at {first['Second']} s → {mb(last['Rss'][0])} at {last['Second']} s; "
                  f"GC heap {mb(first['Heap'])} → {mb(last['Heap'])}.")
    print()

if scale_rows:
    print("## Scale: gateways behind the round-robin proxy (customer 360 only)\n")
    print("| gateways | requests | req/s | non-ok | p50 ms | p99 ms | gateway CPU s (each) | gateway CPU ms / request |\n| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    for label, requests, seconds, bad, p50, p99, cpu in scale_rows:
        n = re.sub(r"\D", "", label)
        per = sum(cpu) * 1000 / requests if requests else 0
        print(f"| {n} | {requests} | {requests / seconds:.1f} | {bad} | {p50} | {p99} | {', '.join(f'{c:.1f}' for c in cpu)} | {per:.2f} |")
