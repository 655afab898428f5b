using Npgsql;
using NpgsqlTypes;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Communications.Data;

/// <summary>
/// The generator's path on PostgreSQL: the rows of <see cref="CommunicationSeed"/> written with binary <c>COPY</c>,
/// one transaction per chunk. Eleven preferences and a year of notifications per customer make this subgraph the
/// largest of the demo set, too slow through change tracking.
/// </summary>
public static class CommunicationsBulkLoader
{
    private const int ChunkSize = 5_000;

    /// <summary>Loads <paramref name="graph"/>'s customers; the message templates must already be there.</summary>
    public static async Task LoadAsync(NpgsqlConnection connection, DemoGraph graph, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        var end = graph.FirstIndex + graph.CustomerCount;
        for (var first = graph.FirstIndex; first < end; first += ChunkSize)
        {
            var count = Math.Min(ChunkSize, end - first);
            var rows = CommunicationSeed.Build(new DemoGraph(count, first));
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await WriteRecipientsAsync(connection, rows.Recipients, cancellationToken);
            await WritePreferencesAsync(connection, rows.Recipients.SelectMany(r => r.Preferences), cancellationToken);
            await WriteNotificationsAsync(connection, rows.Notifications, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            progress?.Report(first + count - graph.FirstIndex);
        }
    }

    private static async Task WriteRecipientsAsync(NpgsqlConnection connection, IEnumerable<Recipient> recipients, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            """COPY recipients ("CustomerId", "FirstName", "Email", "Phone", "QuietHoursStart", "QuietHoursEnd") FROM STDIN (FORMAT BINARY)""",
            cancellationToken);
        foreach (var recipient in recipients)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(recipient.CustomerId, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(recipient.FirstName, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(recipient.Email, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(copy, recipient.Phone, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(copy, recipient.QuietHoursStart, NpgsqlDbType.Time, cancellationToken);
            await WriteNullableAsync(copy, recipient.QuietHoursEnd, NpgsqlDbType.Time, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task WritePreferencesAsync(NpgsqlConnection connection, IEnumerable<CommunicationPreference> preferences, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            """COPY communication_preferences ("CustomerId", "Channel", "Topic", "OptedIn", "UpdatedAt") FROM STDIN (FORMAT BINARY)""",
            cancellationToken);
        foreach (var preference in preferences)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(preference.CustomerId, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(preference.Channel.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(preference.Topic.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(preference.OptedIn, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(preference.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task WriteNotificationsAsync(NpgsqlConnection connection, IEnumerable<Notification> notifications, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            """COPY notifications ("Id", "CustomerId", "Channel", "Topic", "TemplateId", "Subject", "Body", "Status", "QueuedAt", "SentAt", "FailureReason") FROM STDIN (FORMAT BINARY)""",
            cancellationToken);
        foreach (var notification in notifications)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(notification.Id, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(notification.CustomerId, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(notification.Channel.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(notification.Topic.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(notification.TemplateId, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(copy, notification.Subject, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(notification.Body, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(notification.Status.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(notification.QueuedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(copy, notification.SentAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(copy, notification.FailureReason, NpgsqlDbType.Varchar, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : class =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } present ? copy.WriteAsync(present, type, cancellationToken) : copy.WriteNullAsync(cancellationToken);
}
