using System.Diagnostics.Metrics;
using UCE.Subgraphs.Hosting.Diagnostics;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>
/// Reads the <see cref="SubgraphMetrics"/> of one meter factory (one host, or one test's metrics) through a
/// <see cref="MeterListener"/>: counters as the sum of what was added, gauges as what their callback reports now.
/// Other hosts of the test run use the same meter name; their meters belong to other factories and are left out once
/// <see cref="Scope"/> is set (it can be set after the host started: what came before is kept with its factory).
/// </summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly object gate = new();
    private readonly MeterListener listener = new();
    private readonly List<Measured> added = [];
    private List<Measured>? observing;

    public MetricsRecorder(IMeterFactory? scope = null)
    {
        Scope = scope;
        listener.InstrumentPublished = (instrument, meters) =>
        {
            if (instrument.Meter.Name == SubgraphMetrics.MeterName)
            {
                meters.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
    }

    /// <summary>The meter factory whose meters count; null counts every one.</summary>
    public IMeterFactory? Scope { get; set; }

    /// <summary>The sum of what counter <paramref name="name"/> was given with the tags <paramref name="tags"/> (among others).</summary>
    public double Counted(string name, params (string Key, string Value)[] tags)
    {
        lock (gate)
        {
            return added.Where(m => Matches(m, name, tags)).Sum(m => m.Value);
        }
    }

    /// <summary>What gauge <paramref name="name"/> reports now for <paramref name="tags"/>; null when it reports nothing for them.</summary>
    public double? Observed(string name, params (string Key, string Value)[] tags)
    {
        List<Measured> observed;
        lock (gate)
        {
            observing = [];
            listener.RecordObservableInstruments();
            observed = observing;
            observing = null;
        }

        var matching = observed.Where(m => Matches(m, name, tags)).ToList();
        return matching.Count == 0 ? null : matching[^1].Value;
    }

    public void Dispose() => listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var measurement = new Measured(instrument.Meter.Scope, instrument.Name, value, tags.ToArray());
        lock (gate)
        {
            if (instrument.IsObservable)
            {
                observing?.Add(measurement);
            }
            else
            {
                added.Add(measurement);
            }
        }
    }

    private bool Matches(Measured measured, string name, (string Key, string Value)[] wanted) =>
        measured.Name == name
        && (Scope is null || ReferenceEquals(measured.Scope, Scope))
        && wanted.All(w => measured.Tags.Any(tag => tag.Key == w.Key && Equals(tag.Value, w.Value)));

    private sealed record Measured(object? Scope, string Name, double Value, KeyValuePair<string, object?>[] Tags);
}
