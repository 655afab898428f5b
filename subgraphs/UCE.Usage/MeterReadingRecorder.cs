using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using UCE.Subgraphs.Hosting.Events;
using UCE.Usage.Data;
using UCE.Usage.Events;
using UCE.Usage.Types;

namespace UCE.Usage;

/// <summary>
/// <c>recordMeterReadings</c>: daily reads from the meter data system, written into the meter's monthly blocks in one
/// transaction. When they make the month's summary cross the high-usage threshold, the same transaction writes the month's
/// <see cref="HighUsageAlert"/> (once per meter and month) and, after the commit, its event goes to the usage event stream.
/// An alert whose event could not be streamed is streamed by the next call for the same meter.
/// </summary>
public sealed class MeterReadingRecorder(
    IDbContextFactory<UsageDbContext> contexts,
    IEventStream stream,
    UsageEventOptions options,
    TimeProvider clock,
    ILogger<MeterReadingRecorder> logger)
{
    /// <summary>The most readings one call may carry: two months of days.</summary>
    public const int MaxReadings = 62;

    /// <summary>How far back a reading may correct a day already read.</summary>
    public const int MaxCorrectionDays = 31;

    /// <summary>The largest daily reading accepted, in kWh (a large commercial site uses a few thousand).</summary>
    public const double MaxDailyKWh = 100_000;

    public async Task<RecordMeterReadingsPayload> RecordAsync(RecordMeterReadingsInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var meterId = input.MeterId?.Trim() ?? "";
        var readings = Validate(meterId, input.Readings ?? []);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            // Readings of one meter are applied one call at a time, so two calls cannot both see the month below the threshold.
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM meters WHERE \"Id\" = {meterId} FOR UPDATE", cancellationToken);
        }

        var meter = await db.Meters.SingleOrDefaultAsync(m => m.Id == meterId, cancellationToken)
            ?? throw UsageErrors.MeterNotFound(meterId);
        CheckDays(meter, readings, today);

        var readBefore = meter.ReadThrough;
        var readThrough = readings[^1].Day > readBefore ? readings[^1].Day : readBefore;
        var monthStart = new DateOnly(readThrough.Year, readThrough.Month, 1);
        var first = readings[0].Day;
        var firstMonth = new DateOnly(first.Year, first.Month, 1);
        if (monthStart.AddMonths(-1) < firstMonth)
        {
            firstMonth = monthStart.AddMonths(-1);
        }

        var blocks = await db.DailyReads
            .Where(b => b.MeterId == meterId && b.MonthStart >= firstMonth && b.MonthStart <= monthStart)
            .ToListAsync(cancellationToken);

        // The month's summary before these readings: a month the meter had not read yet was not high.
        var wasHigh = readBefore >= monthStart && UsageSummary.Summarize(meter, UsageSummaryPeriod.Month, blocks).HighUsage;
        foreach (var reading in readings)
        {
            Write(db, blocks, meterId, reading);
        }

        meter.ReadThrough = readThrough;
        var summary = UsageSummary.Summarize(meter, UsageSummaryPeriod.Month, blocks);
        HighUsageAlert? raised = null;
        if (summary.HighUsage && !wasHigh
            && !await db.HighUsageAlerts.AnyAsync(a => a.MeterId == meterId && a.PeriodStart == monthStart, cancellationToken))
        {
            raised = Alert(meter, summary);
            db.HighUsageAlerts.Add(raised);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        await StreamPendingAlertsAsync(meterId, cancellationToken);
        return new RecordMeterReadingsPayload(meterId, readThrough, readings.Count, summary.HighUsage, raised?.EventId);
    }

    /// <summary>Adds the meter's alerts not yet on the stream (this call's, or one an earlier call could not stream) and marks them.</summary>
    private async Task StreamPendingAlertsAsync(string meterId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = await db.HighUsageAlerts.Where(a => a.MeterId == meterId && a.StreamedAt == null).ToListAsync(cancellationToken);
        foreach (var alert in pending)
        {
            try
            {
                await stream.AddAsync(options.Stream, new Dictionary<string, string>(StringComparer.Ordinal) { [HighUsageEvent.Field] = alert.Event }, cancellationToken);
                alert.StreamedAt = clock.GetUtcNow().UtcDateTime;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The readings and the alert are committed; the next call for this meter streams it.
                logger.LogError(error, "High-usage event {EventId} could not be added to {Stream}", alert.EventId, options.Stream);
                break;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private HighUsageAlert Alert(Meter meter, UsageSummary summary)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var eventId = HighUsageEvent.EventIdFor(meter.Id, summary.Current.Start);
        var highUsage = new HighUsageEvent(
            eventId,
            meter.CustomerId,
            meter.Id,
            meter.LocationId,
            summary.Current.Start,
            summary.Current.End,
            Math.Round(summary.Current.AverageDailyWh / 1000, 1),
            Math.Round(summary.Previous.AverageDailyWh / 1000, 1),
            summary.ChangePercent ?? 0,
            now);
        return new HighUsageAlert
        {
            MeterId = meter.Id,
            PeriodStart = summary.Current.Start,
            CustomerId = meter.CustomerId,
            EventId = eventId,
            Event = highUsage.ToJson(),
            RaisedAt = now,
        };
    }

    private static List<DailyMeterReading> Validate(string meterId, List<DailyMeterReading> readings)
    {
        if (meterId.Length == 0)
        {
            throw UsageErrors.ReadingInvalid("meterId must not be empty.");
        }

        if (readings.Count is 0 or > MaxReadings)
        {
            throw UsageErrors.ReadingInvalid($"Give 1 to {MaxReadings} readings.");
        }

        if (readings.Select(r => r.Day).Distinct().Count() != readings.Count)
        {
            throw UsageErrors.ReadingInvalid("A day is read at most once per call.");
        }

        if (readings.FirstOrDefault(r => !double.IsFinite(r.KWh) || r.KWh < 0 || r.KWh > MaxDailyKWh) is { } bad)
        {
            throw UsageErrors.ReadingInvalid($"The reading of {bad.Day:yyyy-MM-dd} must be between 0 and {MaxDailyKWh:0} kWh.");
        }

        return [.. readings.OrderBy(r => r.Day)];
    }

    /// <summary>Days come without gaps after what the meter has read, not after today, and correct at most a month back.</summary>
    private static void CheckDays(Meter meter, List<DailyMeterReading> readings, DateOnly today)
    {
        if (readings[0].Day < meter.ReadThrough.AddDays(-MaxCorrectionDays))
        {
            throw UsageErrors.ReadingInvalid($"{readings[0].Day:yyyy-MM-dd} is more than {MaxCorrectionDays} days before the last day read ({meter.ReadThrough:yyyy-MM-dd}).");
        }

        var readThrough = meter.ReadThrough;
        foreach (var reading in readings)
        {
            if (reading.Day > readThrough.AddDays(1))
            {
                throw UsageErrors.ReadingInvalid($"{reading.Day:yyyy-MM-dd} leaves a gap: the meter is read through {readThrough:yyyy-MM-dd}.");
            }

            if (reading.Day > readThrough)
            {
                readThrough = reading.Day;
            }
        }

        if (readings[^1].Day > today)
        {
            throw UsageErrors.ReadingInvalid($"{readings[^1].Day:yyyy-MM-dd} is in the future.");
        }
    }

    private static void Write(UsageDbContext db, List<DailyReadBlock> blocks, string meterId, DailyMeterReading reading)
    {
        var month = new DateOnly(reading.Day.Year, reading.Day.Month, 1);
        var block = blocks.Find(b => b.MonthStart == month);
        if (block is null)
        {
            block = new DailyReadBlock { MeterId = meterId, MonthStart = month };
            blocks.Add(block);
            db.DailyReads.Add(block);
        }

        var index = reading.Day.Day - 1;
        var days = block.DailyWh.Length > index ? block.DailyWh.ToArray() : [.. block.DailyWh, .. new int[index + 1 - block.DailyWh.Length]];
        days[index] = (int)Math.Round(reading.KWh * 1000);
        block.DailyWh = days;
    }
}
