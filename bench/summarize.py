"""Prints the Markdown results table of one bench/run.sh output folder."""
import json
import pathlib
import sys

out = pathlib.Path(sys.argv[1])
read = lambda name: json.loads((out / f"{name}.json").read_text().strip().splitlines()[-1])
rounds = [(read(f"uce-customer360-{n}"), read(f"apollo-customer360-{n}")) for n in (1, 2)]
one, direct, apollo_one = read("uce-one-subgraph"), read("direct-one-subgraph"), read("apollo-one-subgraph")
plan = read("planning")

environment = (out / "environment.txt").read_text()
subgraphs = "replayed from the recording" if "subgraphs: replay" in environment else "real (SQLite, one process)"

def ratio(a, b):
    return f"{a / b:.2f}x" if a and b else "n/a"

print(f"Results of `{out}` ({environment.splitlines()[0]}; subgraphs {subgraphs})\n")
for number, (uce, apollo) in enumerate(rounds, start=1):
    print("| customer 360, round %d, concurrency %d | UCE gateway | Apollo Gateway | UCE / Apollo |" % (number, uce["Concurrency"]))
    print("| --- | ---: | ---: | ---: |")
    print(f"| requests/s | {uce['RequestsPerSecond']} | {apollo['RequestsPerSecond']} | {ratio(uce['RequestsPerSecond'], apollo['RequestsPerSecond'])} |")
    for key, label in (("P50Ms", "p50 ms"), ("P90Ms", "p90 ms"), ("P99Ms", "p99 ms")):
        print(f"| {label} | {uce[key]} | {apollo[key]} | {ratio(uce[key], apollo[key])} |")
    print(f"| gateway CPU ms / request | {uce['ServerCpuMsPerRequest']} | {apollo['ServerCpuMsPerRequest']} | {ratio(uce['ServerCpuMsPerRequest'], apollo['ServerCpuMsPerRequest'])} |")
    print(f"| failed / with errors | {uce['Failures']} / {uce['ResponsesWithErrors']} | {apollo['Failures']} / {apollo['ResponsesWithErrors']} | |")
    print()
print("| one-subgraph query, concurrency 1 | p50 ms | p99 ms | p50 / direct |")
print("| --- | ---: | ---: | ---: |")
print(f"| straight to the customers subgraph ({subgraphs.split(' (')[0]}) | {direct['P50Ms']} | {direct['P99Ms']} | 1.00x |")
print(f"| through the UCE gateway | {one['P50Ms']} | {one['P99Ms']} | {ratio(one['P50Ms'], direct['P50Ms'])} |")
print(f"| through Apollo Gateway | {apollo_one['P50Ms']} | {apollo_one['P99Ms']} | {ratio(apollo_one['P50Ms'], direct['P50Ms'])} |")
print()
if (out / "uce-customer360-id-1.json").exists():
    numbered = lambda form: sorted((int(p.stem.rsplit("-", 1)[1]), p.stem) for p in out.glob(f"uce-customer360-{form}-*.json"))
    texts = [read("uce-customer360-2")] + [read(name) for _, name in numbered("text")]
    ids = [read(name) for _, name in numbered("id")]
    mean = lambda runs, key: sum(run[key] for run in runs) / len(runs)
    print("| customer 360 through the UCE gateway, concurrency %d | as text (round 2, text 3 …) | by id (id 1 …) | id / text |" % texts[0]["Concurrency"])
    print("| --- | ---: | ---: | ---: |")
    print(f"| request body bytes | {texts[0]['BodyBytes']} | {ids[0]['BodyBytes']} | {ratio(ids[0]['BodyBytes'], texts[0]['BodyBytes'])} |")
    for key, label in (("RequestsPerSecond", "requests/s"), ("P50Ms", "p50 ms"), ("P99Ms", "p99 ms"), ("ServerCpuMsPerRequest", "gateway CPU ms / request")):
        shown = lambda runs: " / ".join(str(run[key]) for run in runs)
        print(f"| {label} | {shown(texts)} (mean {mean(texts, key):.3f}) | {shown(ids)} (mean {mean(ids, key):.3f}) | {ratio(mean(ids, key), mean(texts, key))} |")
    failures = lambda runs: f"{sum(run['Failures'] for run in runs)} / {sum(run['ResponsesWithErrors'] for run in runs)}"
    print(f"| failed / with errors | {failures(texts)} | {failures(ids)} | |")
    print()
    if len(ids) >= 4 and len(texts) == len(ids):
        # Rounds ran text 2, id 1, id 2, text 3, text 4, id 3, id 4, text 5 …: id n is paired with the text round next to
        # it in time, the n-th (id 2k-1 with the text before it, id 2k with the one after), so that the machine's drift over the run
        # (its speed moved by up to a third) falls out of each pair's ratio; the 95 % interval is Student's t over the
        # pairs' ratios.
        import statistics
        t95 = {3: 3.182, 5: 2.571, 7: 2.365, 9: 2.262, 11: 2.201, 13: 2.160, 15: 2.131, 17: 2.110, 19: 2.093, 23: 2.069, 29: 2.045, 39: 2.023}
        print(f"| {len(ids)} pairs of rounds next to each other | id / text, mean of the pairs | 95 % interval | the id form is … |")
        print("| --- | ---: | ---: | --- |")
        for key, label, better in (("RequestsPerSecond", "requests/s", "higher"), ("ServerCpuMsPerRequest", "gateway CPU ms / request", "lower")):
            ratios = [ids[i][key] / texts[i][key] for i in range(len(ids))]
            mid = statistics.mean(ratios)
            half = t95[min(t95, key=lambda d: (abs(d - (len(ratios) - 1)), d))] * statistics.stdev(ratios) / len(ratios) ** 0.5
            low, high = mid - half, mid + half
            verdict = "not told apart from text" if low < 1 < high else ("better" if (low > 1) == (better == "higher") else "worse")
            print(f"| {label} | {mid:.3f}x | {low:.3f}x – {high:.3f}x | {verdict} |")
        print()
if (out / "persisted.json").exists():
    cost = read("persisted")
    print("| customer 360 in process (one thread, the engine over the recording), %d requests each | as text | by id | id / text |" % cost["iterations"])
    print("| --- | ---: | ---: | ---: |")
    print(f"| µs / request | {cost['textMicroseconds']} | {cost['idMicroseconds']} | {ratio(cost['idMicroseconds'], cost['textMicroseconds'])} |")
    print(f"| bytes allocated / request | {cost['textAllocatedBytes']} | {cost['idAllocatedBytes']} | {ratio(cost['idAllocatedBytes'], cost['textAllocatedBytes'])} |")
    if "firstRequestRounds" in cost:
        print(f"| first request on a new engine, µs (median of {cost['firstRequestRounds']}) | {cost['firstTextMicrosecondsMedian']} | {cost['firstIdMicrosecondsMedian']} | {ratio(cost['firstIdMicrosecondsMedian'], cost['firstTextMicrosecondsMedian'])} |")
        print(f"| preparing the trusted document before the engine serves, µs (median) | | {cost['pinningMicrosecondsMedian']} | |")
    print()
print(f"| planning, customer 360 | µs |\n| --- | ---: |\n| cold plan | {plan['coldPlanMicroseconds']} |\n| cached plan (cache lookup) | {plan['cachedPlanMicroseconds']} |\n| parse (for reference) | {plan['parseMicroseconds']} |")
