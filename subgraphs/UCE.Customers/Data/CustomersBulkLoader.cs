using Npgsql;
using NpgsqlTypes;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Customers.Data;

/// <summary>
/// The generator's fast path on PostgreSQL: the same rows as <see cref="CustomersSeed"/>, written with binary
/// <c>COPY</c>, one transaction per chunk of customers.
/// </summary>
public static class CustomersBulkLoader
{
    private const int ChunkSize = 10_000;

    public static async Task LoadAsync(NpgsqlConnection connection, DemoGraph graph, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(graph);
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        var end = graph.FirstIndex + graph.CustomerCount;
        for (var first = graph.FirstIndex; first < end; first += ChunkSize)
        {
            var count = Math.Min(ChunkSize, end - first);
            var records = new DemoGraph(count, first).Customers().Select(CustomersSeed.For).ToList();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await CopyCustomersAsync(connection, records, cancellationToken).ConfigureAwait(false);
            await CopyLocationsAsync(connection, records, cancellationToken).ConfigureAwait(false);
            await CopyAccountsAsync(connection, records, cancellationToken).ConfigureAwait(false);
            await CopyInteractionsAsync(connection, records, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            progress?.Report(first + count - graph.FirstIndex);
        }
    }

    private static async Task CopyCustomersAsync(NpgsqlConnection connection, List<CustomerRecords> records, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            """COPY customers ("Id", "Name", "Email", "Phone", "Segment", "Since") FROM STDIN (FORMAT BINARY)""", cancellationToken).ConfigureAwait(false);
        foreach (var customer in records.Select(r => r.Customer))
        {
            await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(customer.Id, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(customer.Name, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(customer.Email, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(customer.Phone, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(customer.Segment.ToString(), NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(customer.Since, NpgsqlDbType.Date, cancellationToken).ConfigureAwait(false);
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyLocationsAsync(NpgsqlConnection connection, List<CustomerRecords> records, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            """COPY service_locations ("Id", "CustomerId", "Line1", "City", "State", "PostalCode", "PremiseId", "MeterId") FROM STDIN (FORMAT BINARY)""", cancellationToken).ConfigureAwait(false);
        foreach (var location in records.Select(r => r.Location))
        {
            await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(location.Id, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(location.CustomerId, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(location.Line1, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(location.City, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(location.State, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(location.PostalCode, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(location.PremiseId, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(location.MeterId, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyAccountsAsync(NpgsqlConnection connection, List<CustomerRecords> records, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            """COPY accounts ("Id", "Number", "Kind", "Status", "Opened", "CustomerId", "ServiceLocationId") FROM STDIN (FORMAT BINARY)""", cancellationToken).ConfigureAwait(false);
        foreach (var account in records.SelectMany(r => r.Accounts))
        {
            await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(account.Id, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(account.Number, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(account.Kind.ToString(), NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(account.Status.ToString(), NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(account.Opened, NpgsqlDbType.Date, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(account.CustomerId, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(account.ServiceLocationId, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyInteractionsAsync(NpgsqlConnection connection, List<CustomerRecords> records, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            """COPY interactions ("Id", "CustomerId", "Channel", "Topic", "Summary", "Agent", "At") FROM STDIN (FORMAT BINARY)""", cancellationToken).ConfigureAwait(false);
        foreach (var interaction in records.SelectMany(r => r.Interactions))
        {
            await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(interaction.Id, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(interaction.CustomerId, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(interaction.Channel.ToString(), NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(interaction.Topic, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(interaction.Summary, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            if (interaction.Agent is null)
            {
                await writer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await writer.WriteAsync(interaction.Agent, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
            }

            await writer.WriteAsync(interaction.At, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
