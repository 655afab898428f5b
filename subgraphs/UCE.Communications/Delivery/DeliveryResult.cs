namespace UCE.Communications.Delivery;

/// <summary>What a channel provider made of one message: delivered, refused for a passing reason (try again later), or refused for good.</summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Reason = null)
{
    public static DeliveryResult Sent { get; } = new(DeliveryOutcome.Sent);

    /// <summary>Worth another attempt: the provider was unreachable, busy (5xx, 429, 408) or said "try later" (SMTP 4xx).</summary>
    public static DeliveryResult Transient(string reason) => new(DeliveryOutcome.Transient, reason);

    /// <summary>Never deliverable as it is: the provider refused the message (SMTP 5xx, HTTP 4xx), or there is no address.</summary>
    public static DeliveryResult Permanent(string reason) => new(DeliveryOutcome.Permanent, reason);
}

/// <summary>The kinds of <see cref="DeliveryResult"/>.</summary>
public enum DeliveryOutcome
{
    Sent,
    Transient,
    Permanent,
}
