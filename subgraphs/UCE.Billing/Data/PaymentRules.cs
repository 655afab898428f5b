namespace UCE.Billing.Data;

/// <summary>The limits a payment request must respect before anything is written.</summary>
public static class PaymentRules
{
    /// <summary>The largest single payment accepted (in currency units); larger amounts are almost always typing errors.</summary>
    public const decimal MaxAmount = 100_000m;

    public const int MaxIdempotencyKeyLength = 100;

    /// <summary>Converts a currency amount to minor units, or null when it has more than two decimals.</summary>
    public static long? ToMinorUnits(decimal amount)
    {
        var cents = amount * 100m;
        return cents == decimal.Truncate(cents) ? (long)cents : null;
    }

    /// <summary>Converts minor units to the currency amount exposed in the graph.</summary>
    public static double ToAmount(long minorUnits) => (double)(minorUnits / 100m);
}
