using System.Globalization;

namespace UCE.Bench;

/// <summary>CPU time (user + system) a process has used, from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
public static class ProcessCpu
{
    // USER_HZ: the unit of utime/stime in /proc on Linux, 100 on every mainstream kernel configuration.
    private const double ClockTicksPerSecond = 100.0;

    public static TimeSpan Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces; fields are counted after it.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((user + system) / ClockTicksPerSecond);
    }
}
