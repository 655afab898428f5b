using GraphQL.Types;

namespace UCE.Usage.Types;

/// <summary>GraphQL type <c>RecordMeterReadingsPayload</c>.</summary>
public sealed class RecordMeterReadingsPayloadType : ObjectGraphType<RecordMeterReadingsPayload>
{
    public RecordMeterReadingsPayloadType()
    {
        Name = "RecordMeterReadingsPayload";
        Field<NonNullGraphType<StringGraphType>>("meterId").Resolve(context => context.Source.MeterId);
        Field<NonNullGraphType<DateOnlyGraphType>>("readThrough").Description("The last day the meter has read now.").Resolve(context => context.Source.ReadThrough);
        Field<NonNullGraphType<IntGraphType>>("recorded").Description("How many days were written.").Resolve(context => context.Source.Recorded);
        Field<NonNullGraphType<BooleanGraphType>>("highUsage").Description("The month's summary after these readings, as UsageSummary.highUsage.").Resolve(context => context.Source.HighUsage);
        Field<StringGraphType>("highUsageEventId")
            .Description("The high-usage event these readings raised (the month crossed the threshold now); null when they raised none.")
            .Resolve(context => context.Source.HighUsageEventId);
    }
}
