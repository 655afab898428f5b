using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace UCE.Gateway.Tests.Support;

/// <summary>One log line a <see cref="CapturingLoggerProvider"/> kept, with its structured values.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, object?> Values, Exception? Exception)
{
    public string? Value(string name) => Values.TryGetValue(name, out var value) ? value?.ToString() : null;
}

/// <summary>Keeps every log line of a host, at every level, for assertions.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _logs = new();

    public IReadOnlyList<CapturedLog> Logs => [.. _logs];

    /// <summary>Adds this provider to <paramref name="builder"/> at Debug, whatever the host's configured levels.</summary>
    public void AttachTo(WebApplicationBuilder builder)
    {
        builder.Logging.AddProvider(this);
        builder.Logging.AddFilter<CapturingLoggerProvider>(category: null, LogLevel.Debug);
    }

    /// <summary>The lines logged by the category named after <typeparamref name="T"/>.</summary>
    public IReadOnlyList<CapturedLog> From<T>() => [.. _logs.Where(log => log.Category == typeof(T).FullName)];

    public IReadOnlyList<CapturedLog> AtLeast(LogLevel level) => [.. _logs.Where(log => log.Level >= level)];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _logs);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLog> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    values[key] = value;
                }
            }

            logs.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), values, exception));
        }
    }
}
