using Microsoft.EntityFrameworkCore;
using UCE.Service.Data;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Service;

/// <summary>The service-quality figures of one window and queue; rates are percentages, null when nothing was measured.</summary>
public sealed record ServiceQualityMetrics(
    DateTime From,
    DateTime To,
    CaseQueue? Queue,
    int SurveyResponses,
    double? NetPromoterScore,
    double? CustomerSatisfaction,
    double? AverageSurveyScore,
    int ResolvedCases,
    double? FirstContactResolutionRate,
    double? AverageHandlingMinutes,
    double? SlaAttainment,
    int OpenCases,
    int OpenCasesPastSla,
    IReadOnlyList<BacklogBucket> Backlog);

/// <summary>Open cases whose age lies in [<see cref="MinDays"/>, <see cref="MaxDays"/>) days.</summary>
public sealed record BacklogBucket(string Label, int MinDays, int? MaxDays, int Count);

/// <summary>
/// Computes <see cref="ServiceQualityMetrics"/> with one aggregate SQL statement per family of figures (surveys,
/// resolutions, backlog), on PostgreSQL and SQLite alike; no case is loaded into memory. Definitions in docs/service.md.
/// </summary>
public sealed class ServiceQuality(IDbContextFactory<ServiceDbContext> contexts, TimeProvider clock)
{
    /// <summary>A case resolved within this time of opening, never reopened and never waiting on the customer, was resolved on first contact.</summary>
    public const int FirstContactMinutes = 24 * 60;

    private static readonly TimeSpan LongestWindow = TimeSpan.FromDays(366 * 5);

    public async Task<ServiceQualityMetrics> MeasureAsync(DateTime from, DateTime to, CaseQueue? queue, CancellationToken cancellationToken)
    {
        from = from.ToUniversalTime();
        to = to.ToUniversalTime();
        if (to <= from || to - from > LongestWindow)
        {
            throw new DomainError(ErrorCodes.BadUserInput, "'to' must be after 'from', and the window at most five years long.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cases = queue is { } only ? db.Cases.Where(c => c.Queue == only) : db.Cases;

        var start = from;
        var end = to;
        var surveys = await db.CaseSurveys
            .Where(s => s.SubmittedAt >= start && s.SubmittedAt < end)
            .Join(cases, s => s.CaseId, c => c.Id, (s, _) => s)
            .GroupBy(s => 1)
            .Select(all => new
            {
                Count = all.Count(),
                Promoters = all.Sum(s => s.Score >= 9 ? 1 : 0),
                Detractors = all.Sum(s => s.Score <= 6 ? 1 : 0),
                Satisfied = all.Sum(s => s.Score >= 8 ? 1 : 0),
                Average = all.Average(s => (double)s.Score),
            })
            .SingleOrDefaultAsync(cancellationToken);

        var resolved = await cases
            .Where(c => c.ResolvedAt >= start && c.ResolvedAt < end)
            .GroupBy(c => 1)
            .Select(all => new
            {
                Count = all.Count(),
                FirstContact = all.Sum(c => c.ReopenCount == 0 && !c.WaitedOnCustomer && c.HandlingMinutes <= FirstContactMinutes ? 1 : 0),
                WithinSla = all.Sum(c => c.ResolvedAt <= c.SlaDueAt ? 1 : 0),
                Handling = all.Average(c => (double?)c.HandlingMinutes),
            })
            .SingleOrDefaultAsync(cancellationToken);

        var oneDay = now.AddDays(-1);
        var threeDays = now.AddDays(-3);
        var sevenDays = now.AddDays(-7);
        var backlog = await cases
            .Where(c => c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed)
            .GroupBy(c => 1)
            .Select(all => new
            {
                Count = all.Count(),
                PastSla = all.Sum(c => c.SlaDueAt < now ? 1 : 0),
                UnderOneDay = all.Sum(c => c.OpenedAt > oneDay ? 1 : 0),
                OneToThreeDays = all.Sum(c => c.OpenedAt <= oneDay && c.OpenedAt > threeDays ? 1 : 0),
                ThreeToSevenDays = all.Sum(c => c.OpenedAt <= threeDays && c.OpenedAt > sevenDays ? 1 : 0),
                OverSevenDays = all.Sum(c => c.OpenedAt <= sevenDays ? 1 : 0),
            })
            .SingleOrDefaultAsync(cancellationToken);

        return new ServiceQualityMetrics(
            from,
            to,
            queue,
            surveys?.Count ?? 0,
            surveys is { Count: > 0 } s ? Percent(s.Promoters - s.Detractors, s.Count) : null,
            surveys is { Count: > 0 } t ? Percent(t.Satisfied, t.Count) : null,
            surveys is { Count: > 0 } u ? Math.Round(u.Average, 2) : null,
            resolved?.Count ?? 0,
            resolved is { Count: > 0 } r ? Percent(r.FirstContact, r.Count) : null,
            resolved?.Handling is { } handling ? Math.Round(handling, 1) : null,
            resolved is { Count: > 0 } v ? Percent(v.WithinSla, v.Count) : null,
            backlog?.Count ?? 0,
            backlog?.PastSla ?? 0,
            [
                new BacklogBucket("under 1 day", 0, 1, backlog?.UnderOneDay ?? 0),
                new BacklogBucket("1 to 3 days", 1, 3, backlog?.OneToThreeDays ?? 0),
                new BacklogBucket("3 to 7 days", 3, 7, backlog?.ThreeToSevenDays ?? 0),
                new BacklogBucket("over 7 days", 7, null, backlog?.OverSevenDays ?? 0),
            ]);
    }

    private static double Percent(int part, int whole) => Math.Round(100.0 * part / whole, 1);
}
