using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UCE.Gateway.Persisted;
using UCE.Gateway.Tests.Support;
using static UCE.Gateway.Tests.Persisted.TrustedDocumentSetup;

namespace UCE.Gateway.Tests.Persisted;

/// <summary>Each client's use of each trusted document is counted as OpenTelemetry-compatible metrics.</summary>
public sealed class PersistedDocumentMetricsTests : IAsyncLifetime, IDisposable
{
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private TrustedDocumentSetup _setup = null!;
    private GatewayTestHost _gateway = null!;
    private MeterListener _listener = null!;

    public async Task InitializeAsync()
    {
        _setup = await TrustedDocumentSetup.StartAsync();
        _gateway = await _setup.StartGatewayAsync();
        var meter = _gateway.Services.GetRequiredService<PersistedDocumentMetrics>().Meter;
        _listener = new MeterListener
        {
            // Only this gateway's meter: other tests' gateways in the same process have their own.
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public void Dispose() => _listener?.Dispose();

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await _gateway.DisposeAsync();
        await _setup.DisposeAsync();
    }

    [Fact]
    public async Task Requests_errors_and_durations_are_counted_per_client_and_document()
    {
        var partner = TokenOf(Partner);
        var pricedId = "sha256:" + PersistedDocument.Sha256Hex(Priced);
        await _gateway.Client.SendAsync(ById(CatalogueId, variables: null).WithToken(partner));
        await _gateway.Client.SendAsync(ById(CatalogueId, variables: null).WithToken(partner));
        // Without its required variable: an error, counted as one.
        await _gateway.Client.SendAsync(ById(pricedId, variables: null).WithToken(partner));
        await _gateway.Client.SendAsync(ById("portal-catalogue", variables: null).WithToken(TokenOf(Portal)));
        // Neither a free-form document nor an unknown id is a trusted document's use.
        await _gateway.Client.SendAsync(GraphQLHttp.PostQuery(Catalogue).WithToken(TokenOf(Portal)));
        await _gateway.Client.SendAsync(ById("unknown", variables: null).WithToken(partner));

        Assert.Equal(2, Count("uce.persisted_document.requests", Partner, CatalogueId));
        Assert.Equal(0, Count("uce.persisted_document.errors", Partner, CatalogueId));
        Assert.Equal(1, Count("uce.persisted_document.requests", Partner, pricedId));
        Assert.Equal(1, Count("uce.persisted_document.errors", Partner, pricedId));
        Assert.Equal(1, Count("uce.persisted_document.requests", Portal, "portal-catalogue"));
        Assert.Equal(4, _measurements.Count(m => m.Instrument == "uce.persisted_document.requests"));

        var durations = _measurements.Where(m => m.Instrument == "uce.persisted_document.duration").ToList();
        Assert.Equal(4, durations.Count);
        Assert.All(durations, duration => Assert.InRange(duration.Value, 0, 30));
        Assert.Contains(durations, duration => Equals(duration.Tags["graphql.operation.name"], "Catalogue"));
    }

    private double Count(string instrument, string client, string document) => _measurements
        .Where(m => m.Instrument == instrument && Equals(m.Tags["uce.client"], client) && Equals(m.Tags["uce.document.id"], document))
        .Sum(m => m.Value);

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, tagValue) in tags)
        {
            copy[key] = tagValue;
        }

        _measurements.Enqueue((instrument.Name, value, copy));
    }

    private static HttpRequestMessage ById(string id, object? variables) => GraphQLHttp.Post(JsonSerializer.Serialize(new { documentId = id, variables }));
}
