using System.Text.Json;
using System.Text.Json.Serialization;

namespace UCE.Subgraphs.Hosting.Events.Directory;

/// <summary>
/// A change to who the customers are and where they are served, told by the customers subgraph (which owns them) to every
/// subgraph that keeps its own copy of what it needs: billing its accounts, usage its meters, outages its grid connections,
/// products its customer profiles, communications its recipients. Travels as the JSON payload of an outbox row on the
/// directory stream; the event id makes a redelivery a no-op.
/// </summary>
public sealed record DirectoryEvent
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Unique per event (<c>evt-…</c>).</summary>
    public required string EventId { get; init; }

    /// <summary>One of <see cref="DirectoryEventTypes"/>.</summary>
    public required string Type { get; init; }

    public required string CustomerId { get; init; }

    /// <summary>The customer as they are after the change (onboarding, contact details changed).</summary>
    public DirectoryCustomer? Customer { get; init; }

    /// <summary>The account the change concerns (opened, activated, closed).</summary>
    public DirectoryAccount? Account { get; init; }

    /// <summary>When it happened (UTC).</summary>
    public required DateTime OccurredAt { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The event in <paramref name="json"/>, or null when it is not one (malformed, a required member missing).</summary>
    public static DirectoryEvent? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<DirectoryEvent>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Why the event cannot be applied (a member its type needs is missing), or null when it can.</summary>
    public string? Problem() => Type switch
    {
        DirectoryEventTypes.CustomerOnboarded or DirectoryEventTypes.ContactDetailsChanged when Customer is null =>
            $"A {Type} event needs its customer.",
        DirectoryEventTypes.AccountOpened or DirectoryEventTypes.AccountActivated or DirectoryEventTypes.AccountClosed when Account is null =>
            $"An {Type} event needs its account.",
        DirectoryEventTypes.CustomerOnboarded or DirectoryEventTypes.ContactDetailsChanged or DirectoryEventTypes.AccountOpened
            or DirectoryEventTypes.AccountActivated or DirectoryEventTypes.AccountClosed => null,
        _ => $"'{Type}' is not a directory event type.",
    };
}

/// <summary>A customer as the other subgraphs need them.</summary>
public sealed record DirectoryCustomer(string Name, string Email, string? Phone, bool Commercial);

/// <summary>An account and the service location it serves, as the other subgraphs need them.</summary>
public sealed record DirectoryAccount(
    string Id,
    string Number,
    string Status,
    DateOnly OpensOn,
    DateOnly? ClosesOn,
    string LocationId,
    string PremiseId,
    string MeterId,
    string City,
    string PostalCode,
    bool Commercial);

/// <summary>The directory event types.</summary>
public static class DirectoryEventTypes
{
    /// <summary>A new customer (their first account follows in its own event).</summary>
    public const string CustomerOnboarded = "CUSTOMER_ONBOARDED";

    /// <summary>Name, e-mail or phone changed.</summary>
    public const string ContactDetailsChanged = "CONTACT_DETAILS_CHANGED";

    /// <summary>An account was opened at a new service location (active today, or pending until its start day).</summary>
    public const string AccountOpened = "ACCOUNT_OPENED";

    /// <summary>A pending account started serving on its day.</summary>
    public const string AccountActivated = "ACCOUNT_ACTIVATED";

    /// <summary>An account stopped serving (or will, on <see cref="DirectoryAccount.ClosesOn"/>).</summary>
    public const string AccountClosed = "ACCOUNT_CLOSED";
}
