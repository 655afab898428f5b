using GraphQL.Types;

namespace UCE.Usage.Types;

/// <summary>GraphQL input <c>RecordMeterReadingsInput</c>.</summary>
public sealed class RecordMeterReadingsInputType : InputObjectGraphType<RecordMeterReadingsInput>
{
    public RecordMeterReadingsInputType()
    {
        Name = "RecordMeterReadingsInput";
        Field<NonNullGraphType<StringGraphType>>("meterId");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DailyMeterReadingInputType>>>>("readings")
            .Description("1 to 62 days, each at most once: days already read (up to 31 days back) are corrected, the next unread day extends the reads; no gaps, nothing after today.");
    }
}

/// <summary>GraphQL input <c>DailyMeterReadingInput</c>.</summary>
public sealed class DailyMeterReadingInputType : InputObjectGraphType<DailyMeterReading>
{
    public DailyMeterReadingInputType()
    {
        Name = "DailyMeterReadingInput";
        Field<NonNullGraphType<DateOnlyGraphType>>("day").Description("The UTC day read.");
        Field<NonNullGraphType<FloatGraphType>>("kWh").Description("Energy used over the whole day, 0 to 100,000 kWh.");
    }
}
