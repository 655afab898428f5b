using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace UCE.Gateway.Persisted;

/// <summary>
/// How much each client uses each trusted document, as OpenTelemetry-compatible metrics of the meter
/// <see cref="MeterName"/>: requests and requests with errors (counters) and their duration in seconds (a histogram, from
/// which p50 and p99 are read), each tagged with the client (<c>uce.client</c>), the document's id (<c>uce.document.id</c>)
/// and the operation's name (<c>graphql.operation.name</c>) when the manifest gives it. A partner's traffic shows per
/// document; a document whose count stays at zero can be retired. Only trusted documents are counted: their ids are a
/// bounded set, whereas free-form documents and automatic persisted queries are not.
/// </summary>
public sealed class PersistedDocumentMetrics
{
    /// <summary>The meter's name (the gateway's own, exported by <see cref="Diagnostics.GatewayTelemetry"/>).</summary>
    public const string MeterName = "UCE.Gateway";

    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _duration;

    public PersistedDocumentMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _requests = Meter.CreateCounter<long>("uce.persisted_document.requests", "{request}", "Requests that named a trusted document.");
        _errors = Meter.CreateCounter<long>("uce.persisted_document.errors", "{request}", "Requests of a trusted document whose response carried errors.");
        _duration = Meter.CreateHistogram(
            "uce.persisted_document.duration",
            "s",
            "How long requests of a trusted document took in the gateway, from resolving the id to the response.",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    /// <summary>The meter the instruments belong to (tests listen to this one).</summary>
    public Meter Meter { get; }

    /// <summary>Counts one request of <paramref name="document"/> by <paramref name="client"/>.</summary>
    public void Record(string client, PersistedDocument document, bool failed, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(document);
        var tags = new TagList
        {
            { "uce.client", client },
            { "uce.document.id", document.Id },
            { "graphql.operation.name", document.Name },
        };
        _requests.Add(1, tags);
        if (failed)
        {
            _errors.Add(1, tags);
        }

        _duration.Record(duration.TotalSeconds, tags);
    }
}
