using Microsoft.Extensions.Configuration;
using UCE.Communications.Events;

namespace UCE.Communications.Delivery;

/// <summary>How notifications are raised and delivered: configuration section <c>Notifications</c>.</summary>
public sealed record NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>
    /// The time zone of the service territory (an IANA id, <c>America/Chicago</c>): quiet hours are read in it and restoration
    /// times are written in it. One zone for every customer: recipients carry no zone of their own.
    /// </summary>
    public string TimeZone { get; init; } = "UTC";

    public DispatcherOptions Dispatcher { get; init; } = new();

    /// <summary>E-mail; without a host, e-mails are written to the log and marked sent.</summary>
    public SmtpOptions Smtp { get; init; } = new();

    /// <summary>The SMS provider; without a URL, text messages are written to the log and marked sent.</summary>
    public HttpProviderOptions Sms { get; init; } = new();

    /// <summary>The push provider; without a URL, push messages are written to the log and marked sent.</summary>
    public HttpProviderOptions Push { get; init; } = new();

    /// <summary>The event streams notifications are raised from.</summary>
    public NotificationEventOptions Events { get; init; } = new();

    public static NotificationOptions Read(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<NotificationOptions>() ?? new NotificationOptions();

    /// <summary>The zone of <see cref="TimeZone"/>; a name the system does not know stops the start.</summary>
    public TimeZoneInfo ResolveTimeZone() =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone)
            ? zone
            : throw new InvalidOperationException($"Notifications:TimeZone '{TimeZone}' is not a time zone this system knows (use an IANA id such as America/Chicago).");
}

/// <summary>The dispatcher that drains the outbox: <c>Notifications:Dispatcher</c>.</summary>
public sealed record DispatcherOptions
{
    /// <summary>Runs the dispatcher in this instance (every instance may: they never take the same notification).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How long an idle dispatcher waits before it looks again; new notifications wake it at once.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Notifications taken per pass.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>How long a pass holds what it took; a dispatcher that died is relieved of its notifications after this.</summary>
    public TimeSpan ClaimTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts after which a notification that keeps failing for passing reasons is failed.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt: <see cref="RetryDelay"/> × 2^(attempts − 1), at most <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelayAfter(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(RetryDelay.Ticks * factor, MaxRetryDelay.Ticks));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}

/// <summary>The SMTP server e-mails go through: <c>Notifications:Smtp</c>.</summary>
public sealed record SmtpOptions
{
    public string? Host { get; init; }

    public int Port { get; init; } = 25;

    /// <summary>The sender (<c>UCE Energy &lt;notifications@uce.example&gt;</c>).</summary>
    public string From { get; init; } = "UCE Energy <notifications@uce.example>";

    /// <summary>TLS: on connect for port 465, STARTTLS otherwise.</summary>
    public bool UseTls { get; init; }

    public string? User { get; init; }

    public string? Password { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>An HTTP provider (SMS, push) that takes one message as a JSON POST: <c>Notifications:Sms</c>, <c>Notifications:Push</c>.</summary>
public sealed record HttpProviderOptions
{
    public string? Url { get; init; }

    /// <summary>The <c>Authorization</c> header sent with every request (<c>Bearer …</c>, <c>Basic …</c>); none when empty.</summary>
    public string? Authorization { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Url);
}
