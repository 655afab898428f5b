namespace UCE.Usage.Data;

/// <summary>
/// One month of daily reads of a meter, stored as one row: a year of daily data is twelve rows per
/// meter instead of 365, which keeps bulk volumes and range reads small.
/// </summary>
public sealed class DailyReadBlock
{
    public string MeterId { get; set; } = "";

    /// <summary>First day of the month.</summary>
    public DateOnly MonthStart { get; set; }

    /// <summary>Watt-hours per day, index 0 = the 1st; days not yet read are absent (the array is shorter).</summary>
    public int[] DailyWh { get; set; } = [];

    /// <summary>The days of the block that fall in [<paramref name="from"/>, <paramref name="to"/>], with their watt-hours.</summary>
    public IEnumerable<(DateOnly Day, int Wh)> Days(DateOnly from, DateOnly to)
    {
        for (var i = 0; i < DailyWh.Length; i++)
        {
            var day = MonthStart.AddDays(i);
            if (day >= from && day <= to)
            {
                yield return (day, DailyWh[i]);
            }
        }
    }
}
