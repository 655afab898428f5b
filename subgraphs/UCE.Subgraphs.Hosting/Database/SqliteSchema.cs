using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace UCE.Subgraphs.Hosting.Database;

/// <summary>
/// The embedded default's schema: SQLite files get their tables from the model (no migrations), so a file written by an
/// earlier version of a subgraph would lack tables or columns the code now reads. Each file records a fingerprint of the
/// model's create script; a file without it or with another one is moved aside (kept, renamed
/// <c>&lt;name&gt;.db.&lt;UTC time&gt;.old</c>) and a new one is created and seeded, with a warning naming both.
/// </summary>
public static class SqliteSchema
{
    private const string FingerprintTable = "__uce_schema";

    /// <summary>The fingerprint of the context's model: the SHA-256 of its create script.</summary>
    public static string Fingerprint(DbContext db) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(db.Database.GenerateCreateScript())));

    /// <summary>Creates the schema in <paramref name="file"/>, first moving aside a file made from another model.</summary>
    /// <returns>The path the outdated file was moved to, or <see langword="null"/> when there was none.</returns>
    public static async Task<string?> EnsureCurrentAsync(DbContext db, string file, ILogger logger, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var fingerprint = Fingerprint(db);
        string? movedTo = null;
        if (File.Exists(file) && await ReadFingerprintAsync(file, cancellationToken).ConfigureAwait(false) != fingerprint)
        {
            SqliteConnection.ClearAllPools();
            movedTo = $"{file}.{DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}.old";
            File.Move(file, movedTo);
            foreach (var suffix in (string[])["-wal", "-shm"])
            {
                if (File.Exists(file + suffix))
                {
                    File.Move(file + suffix, movedTo + suffix);
                }
            }

            logger.LogWarning(
                "{File} was made by another version of this subgraph (its tables differ from the code's); it was moved to {MovedTo} and a new one is created",
                file, movedTo);
        }

        await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TABLE IF NOT EXISTS \"__uce_schema\" (\"fingerprint\" TEXT NOT NULL)", cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__uce_schema\"", cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlAsync($"INSERT INTO \"__uce_schema\" (\"fingerprint\") VALUES ({fingerprint})", cancellationToken).ConfigureAwait(false);
        return movedTo;
    }

    private static async Task<string?> ReadFingerprintAsync(string file, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = $"SELECT name FROM sqlite_master WHERE type = 'table' AND name = '{FingerprintTable}'";
                if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
                {
                    return null;
                }

                command.CommandText = $"SELECT \"fingerprint\" FROM \"{FingerprintTable}\" LIMIT 1";
                return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            }
        }
    }
}
