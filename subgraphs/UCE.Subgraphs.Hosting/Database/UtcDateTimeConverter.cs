using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace UCE.Subgraphs.Hosting.Database;

/// <summary>
/// Stores every <see cref="DateTime"/> as UTC and reads it back marked UTC. SQLite keeps no kind and hands instants back
/// <see cref="DateTimeKind.Unspecified"/>, which would be written without an offset where PostgreSQL's are written with <c>Z</c>.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc))
{
    /// <summary>Maps every <see cref="DateTime"/> and <see cref="Nullable{DateTime}"/> property of a model through the converter.</summary>
    public static void Apply(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
