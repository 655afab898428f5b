using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace UCE.Billing.Data;

/// <summary>Stores every <see cref="DateTime"/> as UTC and reads it back marked UTC (SQLite keeps no kind).</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
