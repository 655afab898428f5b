using System.Globalization;
using UCE.Service.Data;
using UCE.Service.Types;

namespace UCE.Service;

/// <summary>One thing an agent should raise, with its rank (1 first) and score.</summary>
public sealed record NextBestAction(int Rank, NextBestActionKind Kind, int Score, string Title, string Detail, DateTime? DueAt, Case? Case);

/// <summary>
/// Ranks what an agent should raise on a contact from the customer's open cases (this subgraph's) and the facts other
/// subgraphs own (billing's overdue balance, outages' active outages, products' next offer expiry), which the gateway
/// fetches through <c>@requires</c>. Higher score first; the scores are in docs/service.md.
/// </summary>
public static class NextBestActions
{
    /// <summary>An open case due within this time (or already past due) is raised.</summary>
    public static readonly TimeSpan SlaHorizon = TimeSpan.FromHours(24);

    /// <summary>An offer expiring within this time is raised.</summary>
    public static readonly TimeSpan OfferHorizon = TimeSpan.FromDays(14);

    public static IReadOnlyList<NextBestAction> Rank(IEnumerable<Case> cases, CustomerFacts? facts, DateTime now)
    {
        var open = cases.Where(c => c.IsOpen).ToList();
        var found = new List<(NextBestActionKind Kind, int Score, string Title, string Detail, DateTime? DueAt, Case? Case)>();

        foreach (var near in open.Where(c => c.SlaDueAt - now <= SlaHorizon))
        {
            var left = near.SlaDueAt - now;
            var score = left <= TimeSpan.Zero ? 100 : 90 - (int)Math.Ceiling(left.TotalHours);
            if (near.Category == CaseCategory.RegulatoryComplaint)
            {
                score += 5;
            }

            found.Add((
                NextBestActionKind.CaseNearSla,
                score,
                $"Case \"{near.Subject}\" is {(left <= TimeSpan.Zero ? "past" : "near")} its SLA",
                left <= TimeSpan.Zero
                    ? $"Due {Hours(-left)} ago; give the customer an update and resolve or escalate it."
                    : $"Due in {Hours(left)}; give the customer an update.",
                near.SlaDueAt,
                near));
        }

        if (facts?.ActiveOutageCount is > 0 and var outages)
        {
            found.Add((
                NextBestActionKind.ActiveOutage,
                85,
                "Outage at the customer's premises",
                outages == 1
                    ? "An outage affects their premises; give them the restoration estimate before anything else."
                    : $"{outages} outages affect their premises; give them the restoration estimates before anything else.",
                null,
                null));
        }

        if (facts?.OverdueBalance is > 0 and var overdue && !open.Any(c => c.Category == CaseCategory.PaymentArrangement))
        {
            found.Add((
                NextBestActionKind.PaymentArrangementOffer,
                70 + (int)Math.Min(15, overdue / 100),
                "Offer a payment arrangement",
                $"{overdue.ToString("0.00", CultureInfo.InvariantCulture)} is overdue; offer to spread it over several months.",
                null,
                null));
        }

        if (facts?.NextOfferExpiry is { } expiry && expiry > now && expiry - now <= OfferHorizon)
        {
            found.Add((
                NextBestActionKind.ExpiringOffer,
                40 + (int)(OfferHorizon - (expiry - now)).TotalDays,
                "An offer is about to expire",
                $"Their next offer expires on {expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}; mention it if the contact allows.",
                expiry,
                null));
        }

        return found
            .OrderByDescending(action => action.Score)
            .ThenBy(action => action.Kind)
            .ThenBy(action => action.DueAt)
            .Select((action, index) => new NextBestAction(index + 1, action.Kind, action.Score, action.Title, action.Detail, action.DueAt, action.Case))
            .ToList();
    }

    private static string Hours(TimeSpan span) =>
        span.TotalHours < 1 ? "less than an hour" : $"{(int)span.TotalHours} h";
}
