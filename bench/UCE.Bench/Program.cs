using UCE.Bench;

return args.FirstOrDefault() switch
{
    "load" => await LoadRun.RunAsync(BenchArguments.Parse(args.Skip(1))),
    "plan" => PlanningCost.Run(BenchArguments.Parse(args.Skip(1))),
    "security" => SecurityCost.Run(BenchArguments.Parse(args.Skip(1))),
    "persisted" => await PersistedCost.RunAsync(BenchArguments.Parse(args.Skip(1))),
    "issuer" => BenchIssuer.Run(BenchArguments.Parse(args.Skip(1))),
    "record" => await SubgraphRecording.RecordAsync(BenchArguments.Parse(args.Skip(1))),
    "replay" => await SubgraphRecording.ReplayAsync(BenchArguments.Parse(args.Skip(1))),
    "heap" => HeapCensus.Run(BenchArguments.Parse(args.Skip(1))),
    "profile" => CpuProfile.Run(BenchArguments.Parse(args.Skip(1))),
    "subscriptions" => await SubscriptionRun.RunAsync(BenchArguments.Parse(args.Skip(1))),
    "mixed" => await MixedRun.RunAsync(BenchArguments.Parse(args.Skip(1))),
    "proxy" => await RoundRobinProxy.RunAsync(BenchArguments.Parse(args.Skip(1))),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          UCE.Bench load --url URL --query FILE [--variables-template JSON] [--rotate N] [--requests N] [--concurrency C]
                         [--warmup N] [--max-seconds S] [--pid PID] [--header Name:Value]... [--sign identity] [--label TEXT]
                         [--send text|id] [--order shuffled]
          UCE.Bench plan --supergraph FILE --query FILE [--variables JSON] [--iterations N]
          UCE.Bench security --recording FILE [--iterations N]
          UCE.Bench persisted --supergraph FILE --query FILE --recording FILE [--iterations N] [--first-rounds N]
          UCE.Bench issuer --out DIR [--role ROLE] [--subject SUB] [--client CLIENT] [--hours H]
          UCE.Bench record --out FILE --subgraph NAME=LISTEN_PORT=UPSTREAM_URL... [--delay-ms N]   (POST /__bench/delay/MS changes the delay)
          UCE.Bench mixed --url URL --query CUSTOMER360_FILE --timeline FILE [--payments FILE] [--seconds S] [--warmup-seconds W=10]
                         [--concurrency C] [--customers N] [--mix "customer360=60,search=20,payment=10,report=10"] [--run NAME] [--pid PID]...
                         [--metrics URL] [--header Name:Value]...
          UCE.Bench proxy --listen PORT --backend URL [--backend URL]... [--health PATH]
          UCE.Bench replay --recording FILE --subgraph NAME=LISTEN_PORT...
          UCE.Bench heap --pid PID [--out FILE] [--baseline FILE --per N] [--top N]
          UCE.Bench profile --trace FILE.nettrace
          UCE.Bench subscriptions --url ws://HOST:PORT/graphql [--connections N] [--subscriptions-per-connection N]
                         [--locations N] [--areas "A,B"] [--open-concurrency N] [--connect-timeout S] [--warmup-connections N]
                         [--settle S] [--hold S] [--pid PID [--census FILE] [--profile FILE]] [--token JWT | --role ROLE [--customer ID]] [--redis HOST:PORT]
                         [--stream NAME] [--changes-channel NAME] [--events N] [--duration S] [--drain S] [--label TEXT]
        """);
    return 2;
}
